package org.activationbench.executor;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Holds ND4J's native thread pools (its own, OpenBLAS's and the OpenMP team oneDNN's operations run on, libnd4j's
 * oneDNN and the one the fast engine calls through JavaCPP's presets alike: they share libnd4j's OpenMP) to the
 * cores Spark gave a task, so that concurrent trials on one executor do not oversubscribe its cores. Thread count
 * also fixes the order of native reductions, so a trial retried elsewhere with the same count gives the same numbers.
 */
public final class NativeThreads {

    private NativeThreads() {}

    /** For the calling thread, which is to train: OpenMP's team size is a setting of each thread that starts one. */
    public static synchronized void configure(int threads) {
        if (Nd4j.getEnvironment().maxThreads() != threads) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        // libnd4j sets the initial thread's OpenMP team to its own default (4 here, whatever OMP_NUM_THREADS says), and
        // oneDNN's convolutions run a team of that size; their spinning workers would outnumber a task's cores.
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** The OpenMP team size the calling thread's native operations run with. */
    public static int openMpThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
