package org.activationbench.model.fastpath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Milliseconds per training step of the CNN's second block (convolution 32 to 64 channels on 13x13, max-pooling,
 * rectifier; minibatch 128, one thread), forward and backward: the fast engine's {@link OneDnnConvolution} and
 * {@link PooledRectifier} against {@link BlockedConvolution}, in alternating rounds. A probe, not a test: {@code java
 * -cp <test classpath> org.activationbench.model.fastpath.BlockedConvolutionTiming [rounds] [steps per round]}.
 */
public final class BlockedConvolutionTiming {

    private BlockedConvolutionTiming() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Rectifier relu = new Rectifier(0);
        MultiLayerNetwork today = network(OneDnnConvolutionLayer.of(3, 64, new ActivationIdentity()), PooledRectifierLayer.of(relu));
        if (args.length > 2 && args[2].equals("network")) {
            networks(rounds, steps);
            return;
        }
        if (args.length > 2 && args[2].equals("today")) {
            INDArray x0 = Nd4j.rand(DataType.FLOAT, 128, 32, 13, 13).subi(0.5);
            INDArray e0 = Nd4j.rand(DataType.FLOAT, 128, 64, 5, 5).subi(0.5);
            for (int round = 0; round < rounds; round++) {
                System.out.printf("today only: %.2f ms%n", median(List.of(today.getLayer(1), today.getLayer(2)), x0, e0, steps));
            }
            return;
        }
        MultiLayerNetwork blocked = network(BlockedConvolutionLayer.of(64, relu));
        blocked.getLayer(1).setParams(today.getLayer(1).params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 32, 13, 13).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 128, 64, 5, 5).subi(0.5);
        List<Layer> todayLayers = List.of(today.getLayer(1), today.getLayer(2));
        List<Layer> blockedLayers = List.of(blocked.getLayer(1));
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            boolean todayFirst = round % 2 == 0;
            double ta = todayFirst ? median(todayLayers, x, epsilon, steps) : Double.NaN;
            double tb = median(blockedLayers, x, epsilon, steps);
            if (!todayFirst) {
                ta = median(todayLayers, x, epsilon, steps);
            }
            if (round >= 0) {
                a.add(ta);
                b.add(tb);
                System.out.printf("round %d: today %.2f ms, blocked %.2f ms%n", round, ta, tb);
            }
        }
        System.out.printf("medians over %d rounds of %d steps: today %.2f ms, blocked %.2f ms per step (forward and"
                + " backward)%n", rounds, steps, middle(a), middle(b));
    }

    /**
     * Milliseconds per training step ({@code fit} on a minibatch of 128, Adam) of the whole fast CNN as the fast engine
     * builds it, against the same network with {@link BlockedConvolutionLayer} in place of the second convolution and
     * its pooling, in alternating rounds.
     */
    private static void networks(int rounds, int steps) {
        Rectifier relu = new Rectifier(0);
        MultiLayerNetwork today = cnn(OneDnnConvolutionLayer.of(3, 64, new ActivationIdentity()), PooledRectifierLayer.of(relu));
        MultiLayerNetwork blocked = cnn(BlockedConvolutionLayer.of(64, relu));
        blocked.setParams(today.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray features = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        org.nd4j.linalg.dataset.DataSet batch = new org.nd4j.linalg.dataset.DataSet(features, labels);
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            boolean todayFirst = round % 2 == 0;
            double ta = todayFirst ? fits(today, batch, steps) : Double.NaN;
            double tb = fits(blocked, batch, steps);
            if (!todayFirst) {
                ta = fits(today, batch, steps);
            }
            if (round >= 0) {
                a.add(ta);
                b.add(tb);
                System.out.printf("round %d: CNN step today %.2f ms, blocked %.2f ms%n", round, ta, tb);
            }
        }
        System.out.printf("medians over %d rounds of %d steps: CNN step today %.2f ms, blocked %.2f ms%n", rounds, steps,
                middle(a), middle(b));
    }

    private static double fits(MultiLayerNetwork net, org.nd4j.linalg.dataset.DataSet batch, int steps) {
        List<Double> times = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long thread0 = threads.getCurrentThreadCpuTime();
        for (int s = 0; s < steps; s++) {
            long start = System.nanoTime();
            net.fit(batch);
            times.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf("  %s: this thread's CPU %.2f ms per step%n", net.getLayer(1).getClass().getSimpleName(),
                (threads.getCurrentThreadCpuTime() - thread0) / 1e6 / steps);
        return middle(times);
    }

    private static MultiLayerNetwork cnn(org.deeplearning4j.nn.conf.layers.Layer... middle) {
        Rectifier relu = new Rectifier(0);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(org.activationbench.model.FastLayers.INSTANCE.updater(new org.nd4j.linalg.learning.config.Adam(1e-3)))
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.RELU).list()
                .layer(PooledInputConvolutionLayer.of(32, relu));
        for (org.deeplearning4j.nn.conf.layers.Layer layer : middle) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(LeanOutputLayer.of(10))
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build());
        net.init();
        org.activationbench.model.FastLayers.INSTANCE.prepare(net);
        return net;
    }

    /** The median of {@code steps} forward and backward passes through {@code layers}, in milliseconds. */
    private static double median(List<Layer> layers, INDArray x, INDArray epsilon, int steps) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        List<Double> times = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long thread0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            long start = System.nanoTime();
            INDArray a = x;
            for (Layer layer : layers) {
                layer.setInput(a, none);
                a = layer.activate(true, none);
            }
            INDArray e = epsilon;
            for (int i = layers.size() - 1; i >= 0; i--) {
                e = layers.get(i).backpropGradient(e, none).getSecond();
            }
            times.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf("  %s: wall %.2f, this thread's CPU %.2f, the process's CPU %.2f ms per step%n",
                layers.get(0).getClass().getSimpleName(), (System.nanoTime() - wall0) / 1e6 / steps,
                (threads.getCurrentThreadCpuTime() - thread0) / 1e6 / steps, (os.getProcessCpuTime() - process0) / 1e6 / steps);
        return middle(times);
    }

    private static double middle(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new ActivationLayer.Builder().activation(new ActivationIdentity()).build());
        for (org.deeplearning4j.nn.conf.layers.Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(new OutputLayer.Builder(new LossMCXENT()).nOut(10).build())
                .setInputType(InputType.convolutional(13, 13, 32)).build());
        net.init();
        net.initGradientsView();
        return net;
    }
}
