package org.activationbench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activationbench.grid.TrialConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.activationbench.grid.Engine;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /** The implementations an engine builds networks from. */
    public static LayerKit kit(Engine engine) {
        return engine == Engine.STOCK ? StockLayers.INSTANCE : FastLayers.INSTANCE;
    }

    /** Builds and initialises the network of a trial for square single-channel images. */
    public static BuiltNetwork build(TrialConfig config, int side, int classes) {
        ActivationSpec spec = Activations.get(config.activation());
        String name = config.architecture();
        LayerKit kit = kit(config.engine());
        Stack stack = new Stack(kit, spec, kit.activation(spec.create(config.alpha())), config.batchNorm(), name.equals("cnn")
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

    /** Accumulates layers, naming them and noting which outputs reveal each hidden layer's pre-activation. */
    private static final class Stack {
        private final LayerKit kit;
        private final ActivationSpec spec;
        private final IActivation activation;
        private final boolean batchNorm;
        private final double zeroOutput;
        private final List<Layer> layers = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<HiddenLayer> hidden = new ArrayList<>();
        private int denseCount;
        private int convCount;
        private int poolCount;
        /** The shape of one example's activations after the last layer added: [units] or [channels, height, width]. */
        private long[] shape;
        /** The most values one example's activations take at any layer. */
        private long widest;

        Stack(LayerKit kit, ActivationSpec spec, IActivation activation, boolean batchNorm, long[] inputShape) {
            this.kit = kit;
            this.spec = spec;
            this.activation = activation;
            this.batchNorm = batchNorm;
            this.zeroOutput = valueAtZero(activation);
            this.shape = inputShape;
        }

        Stack dense(int units) {
            String layerName = "dense" + (++denseCount);
            add(layerName, kit.dense(units, batchNorm ? new ActivationIdentity() : activation));
            shape = new long[] {units};
            return batchNorm ? normalisedAndActivated(layerName, units) : activated(layerName, units);
        }

        /**
         * Batch normalisation of the layer just added, then the activation in a layer of its own: DL4J's
         * BatchNormalization applies none. A learned slope brings its own layer ({@link #activated}).
         */
        private Stack normalisedAndActivated(String layerName, int units) {
            add("bn-" + layerName, new BatchNormalization.Builder().build());
            if (spec.slope() != ActivationSpec.Slope.LEARNED) {
                add("act-" + layerName, new ActivationLayer.Builder().activation(activation).build());
            }
            return activated(layerName, units);
        }

        /**
         * A convolution, its batch normalisation and the activation, then the pooling. The project's first-layer
         * fusion of convolution, pooling and rectifier has no place for the normalisation between them, so every
         * convolution is a layer of its own; a rectifier still moves after the pooling where the kit does so.
         */
        private Stack convolveNormaliseAndPool(String layerName, int channels, long[] pooledShape) {
            add(layerName, kit.convolution(channels, new ActivationIdentity()));
            shape = new long[] {channels, shape[1] - 2, shape[2] - 2};
            if (spec.slope() != ActivationSpec.Slope.LEARNED && kit.activatesAfterPooling(activation)) {
                add("bn-" + layerName, new BatchNormalization.Builder().build());
                // its output is the normalised pre-activation, whose sign decides the activation's
                hidden.add(new HiddenLayer(layerName, layers.size() - 1, channels, 0.0));
                add("pool" + (++poolCount), kit.maxPooling(activation));
            } else {
                normalisedAndActivated(layerName, channels);
                add("pool" + (++poolCount), kit.maxPooling(null));
            }
            shape = pooledShape;
            return this;
        }

        /**
         * A 3x3 convolution and the 2x2 max-pooling after it: one layer where the kit fuses a first convolution with
         * its pooling, else a convolution and a pooling layer, the activation in either, as the kit chooses.
         */
        Stack convolveAndPool(int channels) {
            String layerName = "conv" + (++convCount);
            long[] pooledShape = {channels, (shape[1] - 2) / 2, (shape[2] - 2) / 2};
            if (batchNorm) {
                return convolveNormaliseAndPool(layerName, channels, pooledShape);
            }
            Layer fused = layers.isEmpty() ? kit.pooledInputConvolution(channels, activation) : null;
            if (fused != null) {
                add(layerName, fused);
                ++poolCount;
                shape = pooledShape;
                // pooling keeps each channel's largest value, so the channel's pre-activation is above zero somewhere
                // exactly when this output is above the activation's value at zero (up to a dropped last row/column)
                hidden.add(new HiddenLayer(layerName, layers.size() - 1, channels, zeroOutput));
                return this;
            }
            boolean afterPooling = kit.activatesAfterPooling(activation);
            add(layerName, kit.convolution(channels, afterPooling ? new ActivationIdentity() : activation));
            shape = new long[] {channels, shape[1] - 2, shape[2] - 2};
            if (afterPooling) {
                // its output is the pre-activation, whose sign decides whether the activation is above its value at 0
                hidden.add(new HiddenLayer(layerName, layers.size() - 1, channels, 0.0));
            } else {
                activated(layerName, channels);
            }
            add("pool" + (++poolCount), kit.maxPooling(afterPooling ? activation : null));
            shape = pooledShape;
            return this;
        }

        /** For PReLU the layer itself is linear and a PReLU layer follows; its output is the pre-activation. */
        private Stack activated(String layerName, int units) {
            int index = layers.size() - 1;
            if (spec.slope() == ActivationSpec.Slope.LEARNED) {
                add("prelu-" + layerName, LearnedSlopeLayer.forInput(shape));
                hidden.add(new HiddenLayer(layerName, index, units, 0.0));
            } else {
                hidden.add(new HiddenLayer(layerName, index, units, zeroOutput));
            }
            return this;
        }

        void add(String layerName, Layer layer) {
            layers.add(layer);
            names.add(layerName);
            widest = Math.max(widest, java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact));
        }

        private static double valueAtZero(IActivation activation) {
            try (INDArray zero = Nd4j.zeros(DataType.FLOAT, 1, 1)) {
                return activation.getActivation(zero, false).getDouble(0);
            }
        }
    }
}
