package org.activationbench.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
     * {@code OMP_NUM_THREADS=1}, so a runtime of its own would have stayed at one thread when asked for two). The
     * threads are told apart by name: OpenMP's workers take the name of the thread that started their team, which no
     * JVM thread (compiler, collector) shares, so other processes' load and the JVM's own work do not enter the count.
     */
    @Test
    void oneDnnFromThePresetsRunsOnTheConfiguredTeam() throws Exception {
        // A thread of its own, which has started no OpenMP team yet: its workers are made under its name.
        java.util.concurrent.ExecutorService probe = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> new Thread(r, "omp-team-probe"));
        double[] besideTheCaller;
        try {
            besideTheCaller = probe.submit(() -> {
                Thread.currentThread().setName("omp-team-probe"); // the current thread's name reaches its native one
                Layer layer = blockedConvolution();
                NativeThreads.configure(2);
                double two = teamCpuBesideTheCaller(layer);
                NativeThreads.configure(1);
                return new double[] {two, teamCpuBesideTheCaller(layer)};
            }).get();
        } finally {
            probe.shutdown();
        }
        NativeThreads.configure(1);
        List<String> openMp = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.matches(".*/lib(gomp|iomp5|omp)\\.so.*")).map(l -> l.substring(l.indexOf('/'))).distinct().toList();
        assertEquals(1, openMp.size(), "one OpenMP runtime in the process: " + openMp);
        assertTrue(openMp.get(0).contains("nd4j-native"), "libnd4j's: " + openMp);
        assertTrue(besideTheCaller[0] > 0.1, "with two threads another thread of the team works too: " + besideTheCaller[0]
                + " of the caller's CPU time beside it");
        assertTrue(besideTheCaller[1] < 0.02, "with one thread no other thread works: " + besideTheCaller[1]
                + " of the caller's CPU time beside it");
    }

    /**
     * Over twenty training steps, the CPU time of the calling thread's namesakes (its OpenMP workers) as a fraction of
     * the caller's own: the caller is the namesake that worked most.
     */
    private static double teamCpuBesideTheCaller(Layer layer) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 128, 32, 13, 13);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 128, 64, 5, 5);
        step(layer, x, epsilon);
        Map<String, Long> before = namesakeTicks();
        for (int i = 0; i < 20; i++) {
            step(layer, x, epsilon);
        }
        Map<String, Long> after = namesakeTicks();
        List<Long> worked = after.entrySet().stream().map(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                .sorted(java.util.Comparator.reverseOrder()).toList();
        long caller = worked.get(0);
        return worked.stream().skip(1).mapToLong(Long::longValue).sum() / (double) caller;
    }

    /** User and system clock ticks of each thread of this process named as the calling thread, by thread id. */
    private static Map<String, Long> namesakeTicks() {
        String name = Thread.currentThread().getName();
        String comm = name.substring(0, Math.min(15, name.length()));
        Map<String, Long> ticks = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).strip().equals(comm)) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended between the listing and the read did no work in the team
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ticks;
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
