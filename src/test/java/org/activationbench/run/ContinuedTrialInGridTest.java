package org.activationbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.activationbench.executor.NativeThreads;
import org.activationbench.storage.FolderStateStore;
import org.activationbench.storage.StateFolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.activationbench.data.DatasetCache;
import org.activationbench.data.DatasetSpec;
import org.activationbench.grid.GridSpec;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.ResultStore;
import org.activationbench.results.Tables;
import org.activationbench.train.StateSaving;
import org.activationbench.train.StateStore;
import org.activationbench.train.TrialListener;
import org.activationbench.train.TrialRunner;
import org.activationbench.train.TrialState;
import org.activationbench.train.TrialStatus;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grid whose trial left a state in the state folder (its attempt died in epoch 2) continues it from there: the
 * runs row says so and holds the numbers of an undisturbed run, and the state is removed once the row has landed
 * ({@code --keep-state} keeps it). A state whose bytes changed is set aside and the trial starts again, to the same
 * numbers. Real MNIST, 1,000 examples, local[2].
 */
class ContinuedTrialInGridTest {

    static final String GRID = """
            experiment = "continued"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu], epochs = [1, 3], seeds = 1 }
            data.train-examples = 1000
            """;

    private static SparkSession spark;
    /** The trial run once, never interrupted: what every continued run must equal. */
    private static Row undisturbed;
    @TempDir
    static Path shared;
    private final PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Sessions.create("continued-trial-test", "local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private Row undisturbed() {
        if (undisturbed == null) {
            undisturbed = run(shared.resolve("undisturbed"), RunOptions.State.DEFAULT);
        }
        return undisturbed;
    }

    private static void assertSameNumbers(Row expected, Row actual) {
        for (String column : List.of("test_accuracy", "train_loss", "test_loss", "train_accuracy", "test_loss_by_epoch",
                "test_accuracy_by_epoch", "epochs_completed")) {
            assertEquals((Object) expected.getAs(column), actual.getAs(column), column);
        }
    }

    private Row run(Path out, RunOptions.State state) {
        new GridDriver(GridDriverTest.grid(GRID), RunOptions.builder(out.toString(), Path.of("data"))
                .afterGrid(org.activationbench.run.AfterGrid.NOTHING).state(state).build(), console).run(spark);
        List<Row> runs = new ResultStore(spark, out.toString(), "continued").read(Tables.RUNS).collectAsList();
        assertEquals(1, runs.size());
        return runs.get(0);
    }

    /** The trial's first attempt, dead right after its state after minibatch 3 of epoch 2 was saved. */
    private void plantState(Path states, TrialConfig trial) {
        StateFolder folder = StateFolder.resolve("unused", states.toString(), false, false, "local[2]");
        FolderStateStore disk = new FolderStateStore(folder, trial.trialId());
        StateStore dying = new StateStore() {
            @Override
            public void save(TrialState state) {
                if (state.epoch() == 2 && state.minibatch() == 0) {
                    return;
                }
                disk.save(state);
                if (state.epoch() == 2 && state.minibatch() == 3) {
                    throw new IllegalStateException("killed");
                }
            }

            @Override
            public Optional<TrialState> newest() {
                return disk.newest();
            }

            @Override
            public void finish() {
                disk.finish();
            }
        };
        NativeThreads.configure(1); // as TrialTask does with one core per task: a state continues only on the same
        var data = DatasetCache.get(Path.of("data"), DatasetSpec.byId("mnist"));
        var first = new TrialRunner().run(trial, data, TrialListener.NONE, new StateSaving(dying, 1));
        assertEquals(TrialStatus.FAILED, first.status());
    }

    @Test
    void aTrialContinuesFromItsStateToTheNumbersOfAnUndisturbedRun() throws Exception {
        Row undisturbed = undisturbed();
        assertEquals(1, undisturbed.<Integer>getAs("first_trained_epoch"));
        assertEquals(1, undisturbed.<Integer>getAs("first_trained_minibatch"));
        assertEquals(undisturbed.<Double>getAs("train_seconds"), undisturbed.<Double>getAs("all_train_seconds"));
        assertFalse(Files.exists(shared.resolve("undisturbed/state")), "no state is left after the run");

        GridSpec grid = GridDriverTest.grid(GRID);
        TrialConfig trial = grid.trials().get(0);
        Path states = dir.resolve("states");
        plantState(states, trial);
        Path trialState = states.resolve(trial.trialId());
        assertTrue(Files.exists(trialState.resolve("state-e000002-m000000003.bin")));
        Row continued = run(dir.resolve("continued"), new RunOptions.State(states.toString(), true, false));
        assertEquals(2, continued.<Integer>getAs("first_trained_epoch"));
        assertEquals(4, continued.<Integer>getAs("first_trained_minibatch"));
        assertSameNumbers(undisturbed, continued);
        assertTrue(continued.<Double>getAs("all_train_seconds") >= continued.<Double>getAs("train_seconds"));
        assertTrue(Files.exists(trialState.resolve("state-e000004-m000000000.bin")), "--keep-state keeps the final state");
    }

    /**
     * The state left by the killed attempt has 84 of its parameters negated (their sign bits flipped, as a disk fault
     * might); continued from, it would change every number after it. It is set aside, kept as it was, and the trial,
     * with no other state, trains from epoch 1 to the numbers of the undisturbed run.
     */
    @Test
    void aStateWhoseBytesChangedIsSetAsideAndTheTrialStartsAgainToTheSameNumbers() throws Exception {
        TrialConfig trial = GridDriverTest.grid(GRID).trials().get(0);
        Path states = dir.resolve("states");
        plantState(states, trial);
        Path file = states.resolve(trial.trialId()).resolve("state-e000002-m000000003.bin");
        byte[] bytes = Files.readAllBytes(file);
        // The parameters follow the magic line, the format, the fingerprint, 4 ints, 3 longs and their length.
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        int parameters = 2 + Short.toUnsignedInt(b.getShort(0)) + 4;
        parameters += 2 + Short.toUnsignedInt(b.getShort(parameters)) + 4 * 4 + 3 * 8;
        int count = b.getInt(parameters);
        assertEquals(235_146, count, "the MLP's parameters");
        for (int i = 0; i < 84; i++) {
            bytes[parameters + 4 + 4 * (i * (count / 84))] ^= (byte) 0x80;
        }
        Files.write(file, bytes);

        Row continued = run(dir.resolve("continued"), new RunOptions.State(states.toString(), false, false));
        assertEquals(1, continued.<Integer>getAs("first_trained_epoch"), "not continued from the damaged state");
        assertEquals(1, continued.<Integer>getAs("first_trained_minibatch"));
        assertSameNumbers(undisturbed(), continued);
        Path aside = states.resolve(trial.trialId()).resolve("_damaged-state-e000002-m000000003.bin");
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(aside)), "set aside as it was, never deleted");
        assertFalse(Files.exists(file));
    }
}
