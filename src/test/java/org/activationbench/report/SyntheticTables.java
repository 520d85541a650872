package org.activationbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.activationbench.compare.Analysis;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.ComparisonsTable;
import org.activationbench.compare.LearningRateChoice;
import org.activationbench.compare.Snapshot;
import org.activationbench.compare.Snapshot.EpochRow;
import org.activationbench.compare.Snapshot.RunRow;
import org.activationbench.compare.StoredChoices;
import org.activationbench.compare.TunedProtocol;
import org.activationbench.results.TableFiles;
import org.activationbench.results.Tables;

/** A made-up run compared and landed as real Parquet tables, as the report finds them after a grid run. */
final class SyntheticTables {

    private SyntheticTables() {}

    static ComparedRun land(Snapshot snapshot, Path output) throws IOException {
        Analysis.Settings settings = new Analysis.Settings("relu", 10_000, 1, snapshot.epochs().stream().mapToInt(e -> e.epoch()).max().orElse(1));
        return land(new ComparedRun(snapshot, settings, new Analysis(settings).compare(snapshot.observations())), output);
    }

    /**
     * Lands a run compared as its grid says (with the sequential decisions of a sequential grid); a tuned grid's rates
     * chosen from its tuning rows and landed in learning_rates, as the driver stores them.
     */
    static ComparedRun land(Snapshot snapshot, org.activationbench.grid.GridSpec grid, Path output) throws IOException {
        Map<LearningRateChoice.Key, LearningRateChoice.Chosen> choices = grid.tuned() ? TunedProtocol.choices(snapshot, grid)
                : Map.of();
        ComparedRun run = land(new ComparedRun(snapshot, Analysis.Settings.forGrid(grid),
                ComparisonsTable.compare(snapshot, grid, choices), choices), output);
        if (!choices.isEmpty()) {
            TableFiles.writeRows(output, snapshot.experiment(), Tables.LEARNING_RATES, choices.values().stream()
                    .flatMap(c -> StoredChoices.rows(c, grid.tuning().epoch()).stream()).map(Tables.LEARNING_RATES::row)
                    .toList());
        }
        return run;
    }

    private static ComparedRun land(ComparedRun run, Path output) throws IOException {
        Snapshot snapshot = run.snapshot();
        Analysis.Settings settings = run.settings();
        String experiment = snapshot.experiment();
        java.util.Set<String> untrained = java.util.Set.copyOf(snapshot.untrained());
        TableFiles.write(output, experiment, Tables.RUNS, snapshot.runs().stream().map(r -> run(r, untrained)).toList());
        TableFiles.write(output, experiment, Tables.EPOCHS, snapshot.epochs().stream().map(SyntheticTables::epoch).toList());
        TableFiles.writeRows(output, experiment, Tables.COMPARISONS, ComparisonsTable.rows(run.comparisons(), settings));
        return run;
    }

    /**
     * Lands, beside the tables, what a killed and resumed run leaves before compaction: an earlier FAILED attempt of
     * every trial of one seed, and its epochs rows once more.
     */
    static void landEarlierAttempts(Snapshot snapshot, long seed, Path output) throws IOException {
        List<Map<String, Object>> runs = snapshot.runs().stream().filter(r -> r.seed() == seed).map(r -> {
            Map<String, Object> row = run(r, java.util.Set.of());
            row.put("status", "FAILED");
            row.put("error_class", "java.lang.OutOfMemoryError");
            row.put("finished_at", r.finishedAt().minusSeconds(3600));
            return row;
        }).toList();
        List<Map<String, Object>> epochs = snapshot.epochs().stream().filter(e -> e.seed() == seed).map(SyntheticTables::epoch)
                .toList();
        TableFiles.write(output, snapshot.experiment(), Tables.RUNS, runs, "part-00001.parquet");
        TableFiles.write(output, snapshot.experiment(), Tables.EPOCHS, epochs, "part-00001.parquet");
    }

    private static Map<String, Object> key(String trialId, String architecture, String strategy, String activation, Double alpha,
            String label, long seed) {
        Map<String, Object> row = new HashMap<>();
        row.put("trial_id", trialId);
        row.put("dataset", "mnist");
        row.put("architecture", architecture);
        row.put("strategy", strategy);
        row.put("activation", activation);
        row.put("alpha", alpha);
        row.put("activation_label", label);
        row.put("seed", seed);
        return row;
    }

    /** @param untrained the trials whose {@code learned} is false */
    private static Map<String, Object> run(RunRow r, java.util.Set<String> untrained) {
        Map<String, Object> row = key(r.trialId(), r.architecture(), r.strategy(), r.activation(), r.alpha(), r.label(), r.seed());
        row.put("condition", r.condition());
        row.put("stage", r.stage());
        row.put("learning_rate", r.learningRate());
        row.put("learned", !untrained.contains(r.trialId()));
        row.put("status", r.status().name());
        row.put("error_class", r.errorClass());
        row.put("error_message", r.errorMessage());
        row.put("max_epochs", r.maxEpochs());
        row.put("checkpoints", List.of(1, 2));
        row.put("train_seconds", r.trainSeconds());
        row.put("task_seconds", r.taskSeconds());
        row.put("native_threads", r.nativeThreads());
        row.put("started_at", r.startedAt());
        row.put("finished_at", r.finishedAt());
        row.put("hidden_layers", r.hiddenLayers());
        row.put("project_version", r.projectVersion());
        row.put("git_commit", r.gitCommit());
        row.put("dl4j_version", r.dl4jVersion());
        row.put("spark_version", r.sparkVersion());
        row.put("nd4j_backend", r.backend());
        row.put("java_version", r.javaVersion());
        row.put("os", r.os());
        row.put("executor_host", r.host());
        return row;
    }

    private static Map<String, Object> epoch(EpochRow e) {
        Map<String, Object> row = key(e.trialId(), e.architecture(), e.strategy(), e.activation(), e.alpha(), e.label(), e.seed());
        row.put("epoch", e.epoch());
        row.put("condition", e.condition());
        row.put("stage", e.stage());
        row.put("learning_rate", e.learningRate());
        row.put("validation_accuracy", e.validationAccuracy());
        row.put("train_loss", e.trainLoss());
        row.put("train_accuracy", e.trainAccuracy());
        row.put("test_loss", e.testLoss());
        row.put("test_accuracy", e.testAccuracy());
        row.put("inactive_fraction", e.inactiveFraction());
        row.put("inactive_units", e.inactiveFraction().stream().map(f -> (int) Math.round(100 * f)).toList());
        row.put("network_inactive_fraction", e.networkInactiveFraction());
        if (e.epoch() > 1) {
            // Made up: 0 to 2 of 4 units inactive at the previous checkpoint came back, 1 went.
            row.put("recovered_units", (int) (e.seed() % 3));
            row.put("recovered_fraction", (e.seed() % 3) / 4.0);
            row.put("newly_inactive_units", 1);
        }
        row.put("epoch_to_97", e.epochTo97());
        return row;
    }
}
