package org.activationbench.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.activationbench.model.fastpath.BlockedConvolutionLayer;
import org.activationbench.model.fastpath.Rectifier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** A training thread's native operations run on exactly the threads it was given, OpenMP's team included. */
class NativeThreadsTest {

    @Test
    void theCallingThreadsOpenMpTeamFollowsTheConfiguredCount() throws Exception {
        int[] seen = CompletableFuture.supplyAsync(() -> {
            NativeThreads.configure(2);
            int two = NativeThreads.openMpThreads();
            NativeThreads.configure(1);
            return new int[] {two, NativeThreads.openMpThreads()};
        }).get();
        assertEquals(2, seen[0]);
        assertEquals(1, seen[1]);
        NativeThreads.configure(1);
        assertEquals(1, NativeThreads.openMpThreads(), "the test's own thread too");
    }

    /**
     * oneDNN from JavaCPP's presets (the fast engine's blocked convolution) is a second oneDNN beside libnd4j's; it runs
     * on the same OpenMP runtime, libnd4j's, so the team {@link NativeThreads#configure} sets holds for it: with two
     * threads a second thread does part of its work, with one none does (the surefire JVM runs with
     * {@code OMP_NUM_THREADS=1}, so a runtime of its own would have stayed at one thread when asked for two).
     */
    @Test
    void oneDnnFromThePresetsRunsOnTheConfiguredTeam() throws Exception {
        double[] besideTheCaller = CompletableFuture.supplyAsync(() -> {
            Layer layer = blockedConvolution();
            NativeThreads.configure(2);
            double two = cpuBesideTheCaller(layer);
            NativeThreads.configure(1);
            return new double[] {two, cpuBesideTheCaller(layer)};
        }).get();
        NativeThreads.configure(1);
        List<String> openMp = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.matches(".*/lib(gomp|iomp5|omp)\\.so.*")).map(l -> l.substring(l.indexOf('/'))).distinct().toList();
        assertEquals(1, openMp.size(), "one OpenMP runtime in the process: " + openMp);
        assertTrue(openMp.get(0).contains("nd4j-native"), "libnd4j's: " + openMp);
        assertTrue(besideTheCaller[0] > 0.4, "with two threads another thread works too: " + besideTheCaller[0]
                + " of the caller's CPU time beside it");
        assertTrue(besideTheCaller[1] < 0.2, "with one thread no other thread works: " + besideTheCaller[1]
                + " of the caller's CPU time beside it");
    }

    /** The process's CPU time beside the calling thread's, as a fraction of the latter, over ten training steps. */
    private static double cpuBesideTheCaller(Layer layer) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 32, 13, 13);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 128, 64, 5, 5);
        step(layer, x, epsilon);
        long caller = threads.getCurrentThreadCpuTime();
        long process = os.getProcessCpuTime();
        for (int i = 0; i < 10; i++) {
            step(layer, x, epsilon);
        }
        double callerTime = threads.getCurrentThreadCpuTime() - caller;
        return (os.getProcessCpuTime() - process - callerTime) / callerTime;
    }

    private static void step(Layer layer, INDArray x, INDArray epsilon) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, none);
        layer.activate(true, none);
        layer.backpropGradient(epsilon, none);
    }

    /** The CNN's second convolution, pooling and rectifier as the fast engine computes them, in oneDNN's blocked layout. */
    private static Layer blockedConvolution() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new ActivationLayer.Builder().activation(new ActivationIdentity()).build())
                .layer(BlockedConvolutionLayer.of(64, new Rectifier(0)))
                .layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).build())
                .setInputType(InputType.convolutional(13, 13, 32)).build());
        net.init();
        net.initGradientsView();
        return net.getLayer(1);
    }
}
