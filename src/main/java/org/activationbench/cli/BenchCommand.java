package org.activationbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.activationbench.bench.Benchmark;
import org.activationbench.bench.BenchmarkSettings;
import org.activationbench.bench.StepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Times epochs beside their arithmetic floor and grid throughput on this machine, or single training steps per activation. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time training epochs (mlp, cnn) on one native thread beside their arithmetic floor (the"
                + " products' operations at this core's matrix-product peak), and a fixed grid in local mode with 1 and"
                + " all cores beside as many independent train processes of its trial; print a table and write it under"
                + " target/bench/. With --step-activations, time single training steps of the mlp and the cnn for each"
                + " activation instead.",
                "Exit codes: 0 done, 2 invalid input, 1 the benchmark itself failed."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", description = "data folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--warmup-epochs", defaultValue = "2",
            description = "untimed epochs first: a fresh JVM compiles its hot code through about two MLP epochs (default: ${DEFAULT-VALUE})")
    int warmupEpochs;

    @Option(names = "--epochs", defaultValue = "4", description = "timed epochs after the warm-up; the median is reported (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--cnn-examples", defaultValue = "0",
            description = "time the CNN on this many examples, scaled to a full epoch; 0: all 60,000 (default: ${DEFAULT-VALUE})")
    int cnnExamples;

    @Option(names = "--stock-cnn-examples", defaultValue = "3000",
            description = "time Deeplearning4j's own CNN on this many examples, scaled (default: ${DEFAULT-VALUE})")
    int stockCnnExamples;

    @Option(names = "--peer-mlp-seconds", paramLabel = "S",
            description = "a peer's seconds per MLP epoch measured in this sitting (../shared/bench/torch_mlp_epoch.py): the ratio is printed")
    Double peerMlpSeconds;

    @Option(names = "--peer-cnn-seconds", paramLabel = "S",
            description = "a peer's seconds per CNN epoch measured in this sitting (../shared/bench/torch_cnn_epoch.py)")
    Double peerCnnSeconds;

    @Option(names = "--grid-arch", defaultValue = "mlp", description = "mlp | cnn: the throughput grid's network (default: ${DEFAULT-VALUE})")
    String gridArchitecture;

    @Option(names = "--grid-examples", defaultValue = "0",
            description = "training examples per throughput trial; 0: all (default: ${DEFAULT-VALUE})")
    int gridExamples;

    @Option(names = "--grid-seeds", defaultValue = "8", description = "seeds of the throughput grid: 2 x seeds trials (default: ${DEFAULT-VALUE})")
    int gridSeeds;

    @Option(names = "--grid-epochs", defaultValue = "5",
            description = "epochs per throughput trial; the grid should run long against the few seconds each JVM spends"
                    + " warming up (default: ${DEFAULT-VALUE})")
    int gridEpochs;

    @Option(names = "--grid-rounds", defaultValue = "1",
            description = "pairs of grid runs (local[1], then all cores), alternating; the median speed-up is reported (default: ${DEFAULT-VALUE})")
    int gridRounds;

    @Option(names = "--cores", description = "cores of the second grid run (default: all)")
    Integer cores;

    @Option(names = "--step-activations", split = ",", paramLabel = "A,B,...",
            description = "time single training steps (fast engine, one thread) of the mlp and the cnn for each activation"
                    + " instead of the epochs and the grid, printing each one's ratio to the first's (e.g. leakyrelu,prelu;"
                    + " an activation with a slope gets " + StepBenchmark.ALPHA + ")")
    List<String> stepActivations;

    @Option(names = "--warmup-steps", defaultValue = "500",
            description = "untimed steps of each network first, about an MLP epoch: the JIT compiles the step meanwhile"
                    + " (default: ${DEFAULT-VALUE})")
    int warmupSteps;

    @Option(names = "--steps", defaultValue = "200",
            description = "timed steps of each network, the networks taking turns; the median is reported (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--out", defaultValue = "target/bench", description = "where results are written (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        if (stepActivations != null) {
            return steps();
        }
        int n = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.builder().data(data).warmupEpochs(warmupEpochs).epochs(epochs)
                    .cnnExamples(cnnExamples).stockCnnExamples(stockCnnExamples)
                    .peerMlpSeconds(peerMlpSeconds).peerCnnSeconds(peerCnnSeconds)
                    .gridArchitecture(gridArchitecture).gridExamples(gridExamples).gridSeeds(gridSeeds)
                    .gridEpochs(gridEpochs).gridRounds(gridRounds).cores(n).outDir(out)
                    .jvmOptions(Benchmark.jvmOptionsOfThisProcess()).mainClass(Main.class.getName()).build();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        new Benchmark(settings, System.out).run();
        return 0;
    }

    private int steps() {
        StepBenchmark.Settings settings;
        try {
            settings = new StepBenchmark.Settings(data, stepActivations, warmupSteps, steps, out);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        new StepBenchmark(settings, System.out).run();
        return 0;
    }
}
