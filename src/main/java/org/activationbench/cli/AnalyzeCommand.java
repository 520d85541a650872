package org.activationbench.cli;

import java.util.concurrent.Callable;
import org.activationbench.compare.ChoiceConflict;
import org.activationbench.compare.ComparedRun;
import org.activationbench.grid.GridException;
import org.activationbench.run.LandedRun;
import org.activationbench.storage.RefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the comparisons table of any run's output, finished or partial. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Compare the activations of a run (finished or partial) into its comparisons table.",
                "Exit codes: 0 written, 2 refused (no run there, or a published folder; nothing written), 1 the step"
                        + " itself failed."})
final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the run's output folder, e.g. results/quick")
    String output;

    @Option(names = "--ui", description = "serve the driver's Spark web UI (unauthenticated) on SPARK_LOCAL_IP; off by default")
    boolean ui;

    @Override
    public Integer call() {
        try {
            ComparisonAndReport steps = new ComparisonAndReport(null, System.out);
            steps.problem(output).ifPresent(p -> {
                throw new RefusedException(p);
            });
            ComparedRun compared = LandedRun.open(output, ui, System.out, steps::run);
            System.out.println(compared.comparisons().size() + " comparisons (" + compared.significant()
                    + " significant after Holm)");
            return 0;
        } catch (RefusedException | GridException | ChoiceConflict e) {
            System.err.println("analyze: " + e.getMessage());
            return 2;
        }
    }
}
