package org.activationbench.model.fastpath;

/**
 * The sizes of one pass of {@link PooledInputConvolution}: input [batch, 1, height, width], a 3x3 kernel,
 * {@code outChannels} output planes, each max-pooled 2x2 with stride 2.
 */
record InputPlanes(int batch, int height, int width, int outChannels, int outH, int outW, int pooledH, int pooledW) {

    InputPlanes(long[] input, long[] weights) {
        this((int) input[0], (int) input[2], (int) input[3], (int) weights[0], (int) input[2] - 2, (int) input[3] - 2,
                ((int) input[2] - 2) / 2, ((int) input[3] - 2) / 2);
    }

    /** An output plane's length in the input's row width, up to its last output element ({@link InputKernels}). */
    int span() {
        return (outH - 1) * width + outW;
    }

    int pooledPlane() {
        return pooledH * pooledW;
    }
}
