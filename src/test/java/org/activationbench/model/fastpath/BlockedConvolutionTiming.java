package org.activationbench.model.fastpath;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.activationbench.model.FastLayers;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Milliseconds per CNN training step (minibatch 128, Adam, ReLU, one thread) with the second convolution and its
 * pooling as {@link OneDnnConvolutionLayer} and {@link PooledRectifierLayer} against {@link BlockedConvolutionLayer},
 * everything else alike, in alternating rounds: wall-clock medians and the training thread's CPU time. A probe, not a
 * test (timings on a shared machine are not evidence): {@code java -cp <test classpath>
 * org.activationbench.model.fastpath.BlockedConvolutionTiming [rounds] [steps per round]}, with the JVM options of
 * {@code conf/jvm/}; {@code DNNL_VERBOSE=1} adds oneDNN's time of each primitive.
 */
public final class BlockedConvolutionTiming {

    private BlockedConvolutionTiming() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Rectifier relu = new Rectifier(0);
        MultiLayerNetwork today = cnn(OneDnnConvolutionLayer.of(3, 64, new ActivationIdentity()), PooledRectifierLayer.of(relu));
        MultiLayerNetwork blocked = cnn(BlockedConvolutionLayer.of(64, relu));
        blocked.setParams(today.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 128, 784), labels);
        List<double[]> todays = new ArrayList<>();
        List<double[]> blockeds = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            boolean todayFirst = round % 2 == 0;
            double[] a = todayFirst ? steps(today, batch, steps) : null;
            double[] b = steps(blocked, batch, steps);
            a = todayFirst ? a : steps(today, batch, steps);
            if (round >= 0) {
                todays.add(a);
                blockeds.add(b);
                System.out.printf("round %d: today %.1f ms (CPU %.1f), blocked %.1f ms (CPU %.1f)%n", round, a[0], a[1], b[0],
                        b[1]);
            }
        }
        System.out.printf("medians of %d rounds of %d steps, ms per step: today %.1f (CPU %.1f), blocked %.1f (CPU %.1f)%n",
                rounds, steps, median(todays, 0), median(todays, 1), median(blockeds, 0), median(blockeds, 1));
    }

    /** The median wall-clock time of a step and the training thread's mean CPU time per step, in milliseconds. */
    private static double[] steps(MultiLayerNetwork net, DataSet batch, int steps) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        double[] times = new double[steps];
        for (int s = 0; s < steps; s++) {
            long start = System.nanoTime();
            net.fit(batch);
            times[s] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return new double[] {times[steps / 2], (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / steps};
    }

    private static double median(List<double[]> rounds, int column) {
        double[] v = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    /** The fast engine's CNN (conv 32, pool, conv 64, pool, dense 10) with {@code second} as its second block. */
    private static MultiLayerNetwork cnn(org.deeplearning4j.nn.conf.layers.Layer... second) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(FastLayers.INSTANCE.updater(new Adam(1e-3))).weightInit(WeightInit.RELU).list()
                .layer(PooledInputConvolutionLayer.of(32, new Rectifier(0)));
        for (org.deeplearning4j.nn.conf.layers.Layer layer : second) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.layer(LeanOutputLayer.of(10))
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build());
        net.init();
        FastLayers.INSTANCE.prepare(net);
        return net;
    }
}
