package org.activationbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * ({@code --keep-state} keeps it). Real MNIST, 1,000 examples, local[2].
 */
class ContinuedTrialInGridTest {

    static final String GRID = """
            experiment = "continued"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu], epochs = [1, 3], seeds = 1 }
            data.train-examples = 1000
            """;

    private static SparkSession spark;
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

    private Row run(Path out, GridDriver.State state) {
        new GridDriver(GridDriverTest.grid(GRID), new GridDriver.Options(out.toString(), Path.of("data"), false, false, null,
                org.activationbench.spark.AfterGrid.NOTHING, false, NextRound.ALL, state), console).run(spark);
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
        Row undisturbed = run(dir.resolve("undisturbed"), GridDriver.State.DEFAULT);
        assertEquals(1, undisturbed.<Integer>getAs("first_trained_epoch"));
        assertEquals(1, undisturbed.<Integer>getAs("first_trained_minibatch"));
        assertEquals(undisturbed.<Double>getAs("train_seconds"), undisturbed.<Double>getAs("all_train_seconds"));
        assertFalse(Files.exists(dir.resolve("undisturbed/state")), "no state is left after the run");

        GridSpec grid = GridDriverTest.grid(GRID);
        TrialConfig trial = grid.trials().get(0);
        Path states = dir.resolve("states");
        plantState(states, trial);
        Path trialState = states.resolve(trial.trialId());
        assertTrue(Files.exists(trialState.resolve("state-e000002-m000000003.bin")));
        Row continued = run(dir.resolve("continued"), new GridDriver.State(states.toString(), true, false));
        assertEquals(2, continued.<Integer>getAs("first_trained_epoch"));
        assertEquals(4, continued.<Integer>getAs("first_trained_minibatch"));
        for (String column : List.of("test_accuracy", "train_loss", "test_loss", "train_accuracy", "test_loss_by_epoch",
                "test_accuracy_by_epoch", "epochs_completed")) {
            assertEquals((Object) undisturbed.getAs(column), continued.getAs(column), column);
        }
        assertTrue(continued.<Double>getAs("all_train_seconds") >= continued.<Double>getAs("train_seconds"));
        assertTrue(Files.exists(trialState.resolve("state-e000004-m000000000.bin")), "--keep-state keeps the final state");
    }
}
