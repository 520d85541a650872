package org.activationbench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activationbench.grid.Engine;
import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Network factories by name: {@code mlp} (784-256-128-10), {@code cnn} (two 3x3 convolutions of 32 and 64
 * channels, each followed by 2x2 max-pooling, then a softmax layer) and {@code mlp-deep-N} (N hidden layers of
 * 128 units). Every hidden layer uses the trial's activation; the output is softmax with cross-entropy loss. The
 * trial's engine decides whose implementations compute them ({@link LayerKit}). With batch normalisation, every hidden
 * layer is linear and followed by Deeplearning4j's {@code BatchNormalization} (as PyTorch's default: momentum 0.1,
 * epsilon 1e-5, scale 1 and shift 0 learned), then the activation.
 */
public final class Architectures {

    public static final int MIN_DEPTH = 2;
    /** Units of every hidden layer of an {@code mlp-deep-N}. */
    public static final int DEEP_UNITS = 128;
    public static final int MAX_DEPTH = 32;
    private static final Pattern DEEP = Pattern.compile("mlp-deep-(\\d+)");

    /** For messages: the architecture names a grid may use. */
    public static final String NAMES = "mlp, cnn, mlp-deep-N (N = " + MIN_DEPTH + ".." + MAX_DEPTH + ")";

    private Architectures() {}

    /** Whether a grid file may name this architecture: mlp, cnn or mlp-deep-N. */
    public static boolean isKnown(String name) {
        return name.equals("mlp") || name.equals("cnn") || deepLayers(name) > 0;
    }

    /** The number of hidden layers of an {@code mlp-deep-N} name, or 0 if the name is not one. */
    public static int deepLayers(String name) {
        Matcher m = DEEP.matcher(name);
        if (!m.matches() || m.group(1).length() > 2) {
            return 0;
        }
        int n = Integer.parseInt(m.group(1));
        return n >= MIN_DEPTH && n <= MAX_DEPTH ? n : 0;
    }

    /**
     * The units of each hidden layer of an architecture, input side first: neurons of a dense layer, channels of a
     * convolution ({@code mlp} 256, 128; {@code cnn} 32, 64; {@code mlp-deep-N} N x 128). What {@link #build} builds.
     */
    public static List<Integer> hiddenUnits(String name) {
        if (name.equals("mlp")) {
            return List.of(256, 128);
        }
        if (name.equals("cnn")) {
            return List.of(32, 64);
        }
        int depth = deepLayers(name);
        if (depth == 0) {
            throw new IllegalArgumentException("unknown architecture '" + name + "'; known: " + NAMES);
        }
        return java.util.Collections.nCopies(depth, DEEP_UNITS);
    }

    /**
     * A dense or convolution layer as {@link #build} builds it, for one example: its weights and biases, and the
     * positions its weights are applied at (1 for a dense layer; the output's height x width for a convolution, each
     * output position a product of all its weights with the input under it).
     */
    public record LinearLayer(String name, long weights, long biases, long positions) {}

    /**
     * The dense and convolution layers of an architecture on square single-channel images of {@code side} pixels,
     * input side first, the output layer last: each 3x3 convolution (no padding) is followed by a 2x2 max-pooling, each
     * dense layer takes the previous layer's outputs. The one account of the shapes: {@link #parameters} and the
     * benchmark's arithmetic count come from it.
     */
    public static List<LinearLayer> linearLayers(String name, int side, int classes) {
        List<LinearLayer> layers = new ArrayList<>();
        long inputs;
        if (name.equals("cnn")) {
            long channels = 1;
            long spatial = side;
            for (int units : hiddenUnits(name)) {
                long out = spatial - 2;
                layers.add(new LinearLayer("conv" + (layers.size() + 1), channels * 9 * units, units, out * out));
                channels = units;
                spatial = out / 2;
            }
            inputs = channels * spatial * spatial;
        } else {
            inputs = (long) side * side;
            for (int units : hiddenUnits(name)) {
                layers.add(new LinearLayer("dense" + (layers.size() + 1), inputs * units, units, 1));
                inputs = units;
            }
        }
        layers.add(new LinearLayer("output", inputs * classes, classes, 1));
        return List.copyOf(layers);
    }

    /**
     * Trainable weights and biases of an architecture on square single-channel images of {@code side} pixels (batch
     * normalisation's and PReLU's slopes aside): those of its {@link #linearLayers}.
     */
    public static long parameters(String name, int side, int classes) {
        return linearLayers(name, side, classes).stream().mapToLong(l -> l.weights() + l.biases()).sum();
    }

    /** The implementations an engine builds networks from. */
    public static LayerKit kit(Engine engine) {
        return engine == Engine.STOCK ? StockLayers.INSTANCE : FastLayers.INSTANCE;
    }

    /** Builds and initialises the network of a trial for square single-channel images. */
    public static BuiltNetwork build(TrialConfig config, int side, int classes) {
        ActivationSpec spec = Activations.get(config.activation());
        String name = config.architecture();
        LayerKit kit = kit(config.engine());
        LayerStack stack = new LayerStack(kit, spec, kit.activation(spec.create(config.alpha())), config.batchNorm(), name.equals("cnn")
                ? new long[] {1, side, side} : new long[] {(long) side * side});
        for (int units : hiddenUnits(name)) {
            if (name.equals("cnn")) {
                stack.convolveAndPool(units);
            } else {
                stack.dense(units);
            }
        }
        stack.add("output", kit.output(classes));

        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(config.initSeed())
                .dataType(DataType.FLOAT)
                .updater(kit.updater(Optimizers.updater(config.optimizer(), config.learningRate())))
                .weightInit(Optimizers.weightInit(config.weightInit()))
                .biasInit(config.biasInit());
        if (config.weightDecay() > 0) {
            // DL4J adds coefficient * parameter to the gradient (averaged over the minibatch) before the updater, as
            // PyTorch's weight_decay does; PyTorch decays the biases too. Batch normalisation's scale and shift are not
            // decayed: DL4J regularises none of its parameters.
            builder.l2(config.weightDecay()).l2Bias(config.weightDecay());
        }
        NeuralNetConfiguration.ListBuilder list = builder.list();
        for (int i = 0; i < stack.layers.size(); i++) {
            list.layer(i, stack.layers.get(i));
        }
        list.setInputType(name.equals("cnn")
                ? InputType.convolutionalFlat(side, side, 1)
                : InputType.feedForward((long) side * side));
        MultiLayerNetwork network = new MultiLayerNetwork(list.build());
        network.init();
        if (Optimizers.drawsBiases(config.weightInit())) {
            TorchDefaultBiases.draw(network, config.initSeed());
        }
        kit.prepare(network);
        return new BuiltNetwork(network, List.copyOf(stack.hidden), List.copyOf(stack.names), stack.widest);
    }
}
