package org.activationbench.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link Benchmark} measures, checked once when built. Built by name with {@link #builder()}: most of the
 * fields are counts, easily swapped in a positional list.
 *
 * @param cnnExamples      the CNN is timed on this many training examples (0: all), its epoch time scaled to the full set
 * @param stockCnnExamples the same for the stock engine's CNN, about ten times slower
 * @param peerMlpSeconds   a peer's seconds per MLP epoch measured in the same sitting (e.g. PyTorch's), or null
 * @param peerCnnSeconds   the same for the CNN
 * @param gridArchitecture the architecture of the throughput grid's trials
 * @param gridExamples     training examples per throughput trial (0: all)
 * @param mainClass        the class whose {@code main} runs the command line's commands ({@code run} a grid, {@code train}
 *                         a trial) in the JVMs the benchmark starts
 */
public record BenchmarkSettings(Path data, int warmupEpochs, int epochs, int cnnExamples, int stockCnnExamples,
        Double peerMlpSeconds, Double peerCnnSeconds, String gridArchitecture, int gridExamples, int gridSeeds,
        int gridEpochs, int gridRounds, int cores, Path outDir, List<String> jvmOptions, String mainClass) {

    public BenchmarkSettings {
        if (data == null || gridArchitecture == null || outDir == null || jvmOptions == null || mainClass == null) {
            throw new IllegalArgumentException("a benchmark needs its data folder, grid architecture, output folder, JVM"
                    + " options and main class; got " + data + ", " + gridArchitecture + ", " + outDir + ", "
                    + jvmOptions + ", " + mainClass);
        }
        if (gridRounds < 1) {
            throw new IllegalArgumentException("--grid-rounds must be at least 1, got " + gridRounds);
        }
        if (cnnExamples < 0 || stockCnnExamples < 0 || gridExamples < 0) {
            throw new IllegalArgumentException("example counts must be 0 (all) or positive, got --cnn-examples "
                    + cnnExamples + ", --stock-cnn-examples " + stockCnnExamples + ", --grid-examples " + gridExamples);
        }
        for (Double peer : new Double[] {peerMlpSeconds, peerCnnSeconds}) {
            if (peer != null && !(peer > 0 && Double.isFinite(peer))) {
                throw new IllegalArgumentException("a peer's seconds per epoch must be a positive number, got " + peer);
            }
        }
        if (!gridArchitecture.equals("mlp") && !gridArchitecture.equals("cnn")) {
            throw new IllegalArgumentException("--grid-arch must be mlp or cnn, got " + gridArchitecture);
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A builder with nothing set: the values come from the command's options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names each setting as its command-line option does; {@link #build()} checks them together. */
    public static final class Builder {
        private Path data;
        private int warmupEpochs;
        private int epochs;
        private int cnnExamples;
        private int stockCnnExamples;
        private Double peerMlpSeconds;
        private Double peerCnnSeconds;
        private String gridArchitecture;
        private int gridExamples;
        private int gridSeeds;
        private int gridEpochs;
        private int gridRounds;
        private int cores;
        private Path outDir;
        private List<String> jvmOptions = List.of();
        private String mainClass;

        private Builder() {}

        /** {@code --data}: the folder holding the datasets. */
        public Builder data(Path value) {
            data = value;
            return this;
        }

        /** {@code --warmup-epochs}: epochs trained before timing starts. */
        public Builder warmupEpochs(int value) {
            warmupEpochs = value;
            return this;
        }

        /** {@code --epochs}: epochs timed, whose median is reported. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** {@code --cnn-examples}: training examples the CNN is timed on (0: all). */
        public Builder cnnExamples(int value) {
            cnnExamples = value;
            return this;
        }

        /** {@code --stock-cnn-examples}: the same for the stock engine's CNN. */
        public Builder stockCnnExamples(int value) {
            stockCnnExamples = value;
            return this;
        }

        /** {@code --peer-mlp-seconds}: a peer's seconds per MLP epoch, or null. */
        public Builder peerMlpSeconds(Double value) {
            peerMlpSeconds = value;
            return this;
        }

        /** {@code --peer-cnn-seconds}: a peer's seconds per CNN epoch, or null. */
        public Builder peerCnnSeconds(Double value) {
            peerCnnSeconds = value;
            return this;
        }

        /** {@code --grid-arch}: mlp or cnn. */
        public Builder gridArchitecture(String value) {
            gridArchitecture = value;
            return this;
        }

        /** {@code --grid-examples}: training examples per throughput trial (0: all). */
        public Builder gridExamples(int value) {
            gridExamples = value;
            return this;
        }

        /** {@code --grid-seeds}: seeds of the throughput grid. */
        public Builder gridSeeds(int value) {
            gridSeeds = value;
            return this;
        }

        /** {@code --grid-epochs}: epochs per throughput trial. */
        public Builder gridEpochs(int value) {
            gridEpochs = value;
            return this;
        }

        /** {@code --grid-rounds}: alternating rounds of local[1] and local[N]. */
        public Builder gridRounds(int value) {
            gridRounds = value;
            return this;
        }

        /** {@code --cores}: cores of the second grid run. */
        public Builder cores(int value) {
            cores = value;
            return this;
        }

        /** {@code --out}: where results are written. */
        public Builder outDir(Path value) {
            outDir = value;
            return this;
        }

        /** The options each grid JVM starts with. */
        public Builder jvmOptions(List<String> value) {
            jvmOptions = value;
            return this;
        }

        /** The class whose {@code main} runs a command ({@code run}, {@code train}) in a started JVM. */
        public Builder mainClass(String value) {
            mainClass = value;
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} naming the option whose value is refused. */
        public BenchmarkSettings build() {
            return new BenchmarkSettings(data, warmupEpochs, epochs, cnnExamples, stockCnnExamples, peerMlpSeconds,
                    peerCnnSeconds, gridArchitecture, gridExamples, gridSeeds, gridEpochs, gridRounds, cores, outDir,
                    jvmOptions, mainClass);
        }
    }
}
