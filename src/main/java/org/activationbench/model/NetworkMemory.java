package org.activationbench.model;

import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frees a trained network's native memory at once. {@code MultiLayerNetwork.close()} does the same and then calls
 * {@code System.gc()} twice: two full stop-the-world collections per trial, which halt every other trial of the
 * executor JVM (100-270 ms each with a few hundred MB of heap).
 */
public final class NetworkMemory {

    private NetworkMemory() {}

    /** Closes the parameters, gradients and updater state, and this thread's workspaces; the network is unusable after. */
    public static void release(MultiLayerNetwork net) {
        Updater updater = net.getUpdater(false);
        close(updater == null ? null : updater.getStateViewArray());
        close(net.params());
        close(net.getFlattenedGradients());
        MemoryWorkspaceManager workspaces = Nd4j.getWorkspaceManager();
        for (MemoryWorkspace workspace : List.copyOf(workspaces.getAllWorkspacesForCurrentThread())) {
            workspaces.destroyWorkspace(workspace);
        }
    }

    private static void close(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }
}
