package org.activationbench.model.fastpath;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's first convolution computed from an im2col copy of its input, made on the heap with a column of ones
 * (whose products are the bias and its gradient): the output is one batched product with the weights, the weight and
 * bias gradients one batched product with the output gradient, and the input gradient, which nothing uses, is not
 * computed. With one input channel, oneDNN spends most of its time converting layouts around a small kernel (forward
 * 4 ms, of which 1 computing) and picks Winograd kernels for both backward directions (14 of 18 ms), per minibatch of
 * 128 on one thread.
 */
final class ColumnConvolution {

    private final int outChannels;
    private final int inChannels;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int padH;
    private final int padW;
    private final int dilationH;
    private final int dilationW;
    private final float[] gradients;
    private final INDArray sums;
    private float[] input = new float[0];
    private float[] columns = new float[0];
    private float[] weights = new float[0];
    private INDArray nativeColumns;
    private INDArray nativeWeights;
    private INDArray products;
    /** Whether {@link #nativeColumns} hold the input of the last training forward pass, for its backward pass. */
    private boolean columnsOfTraining;

    ColumnConvolution(int outChannels, int inChannels, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.outChannels = outChannels;
        this.inChannels = inChannels;
        this.kernelH = kernel[0];
        this.kernelW = kernel[1];
        this.strideH = stride[0];
        this.strideW = stride[1];
        this.padH = padding[0];
        this.padW = padding[1];
        this.dilationH = dilation[0];
        this.dilationW = dilation[1];
        this.gradients = new float[outChannels * (patch() + 1)];
        this.sums = Nd4j.createUninitializedDetached(DataType.FLOAT, outChannels, patch() + 1);
    }

    private int patch() {
        return inChannels * kernelH * kernelW;
    }

    /**
     * Writes the convolution of {@code x} ([batch, in, height, width]) into {@code z} ([batch, out, outH, outW],
     * contiguous, row-major).
     */
    void forward(INDArray x, INDArray w, INDArray bias, INDArray z, boolean training) {
        int batch = (int) x.size(0);
        int positions = (int) (z.size(2) * z.size(3));
        int width1 = patch() + 1;
        columns(x, (int) z.size(2), (int) z.size(3));
        float[] kernelAndBias = new float[outChannels * width1];
        float[] wh = w.dup('c').data().asFloat();
        float[] bh = bias.dup('c').data().asFloat();
        for (int o = 0; o < outChannels; o++) {
            System.arraycopy(wh, o * patch(), kernelAndBias, o * width1, patch());
            kernelAndBias[o * width1 + patch()] = bh[o];
        }
        // the same [out, patch + 1] matrix for every example of the batch: the batched product takes no broadcast
        int n = batch * outChannels * width1;
        if (weights.length < n) {
            weights = new float[n];
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(kernelAndBias, 0, weights, b * kernelAndBias.length, kernelAndBias.length);
        }
        if (nativeWeights == null || nativeWeights.size(0) != batch) {
            nativeWeights = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, outChannels, width1);
        }
        NativeFloats.address(nativeWeights).put(weights, 0, n);
        Nd4j.matmul(nativeWeights, nativeColumns, z.reshape('c', batch, outChannels, positions), false, true, false);
        columnsOfTraining = training;
    }

    /**
     * The weight and bias gradients from the output gradient {@code delta} ([batch, out, outH, outW]) of the last
     * training forward pass on {@code x}.
     *
     * @param weightGradient written: [out, in, kH, kW], contiguous
     * @param biasGradient   written: [out] values, contiguous
     */
    void gradients(INDArray x, INDArray delta, INDArray weightGradient, INDArray biasGradient) {
        int batch = (int) x.size(0);
        int positions = (int) (delta.size(2) * delta.size(3));
        int width1 = patch() + 1;
        if (!columnsOfTraining) {
            columns(x, (int) delta.size(2), (int) delta.size(3));
        }
        columnsOfTraining = false;
        if (products == null || products.size(0) != batch) {
            products = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, outChannels, width1);
        }
        INDArray d = NativeFloats.isContiguous(delta) && delta.ordering() == 'c' ? delta : delta.dup('c');
        Nd4j.matmul(d.reshape('c', batch, outChannels, positions), nativeColumns, products, false, false, false);
        products.sum(sums, 0);
        NativeFloats.address(sums).get(gradients, 0, gradients.length);
        float[] w = new float[outChannels * patch()];
        float[] b = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            System.arraycopy(gradients, o * width1, w, o * patch(), patch());
            b[o] = gradients[o * width1 + patch()];
        }
        NativeFloats.write(weightGradient, w, 0);
        NativeFloats.address(biasGradient).put(b, 0, outChannels);
    }

    /** The im2col copy of {@code x} with a column of ones, [batch, outH * outW, patch + 1], in {@link #nativeColumns}. */
    private void columns(INDArray x, int outH, int outW) {
        int batch = (int) x.size(0);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int positions = outH * outW;
        int width1 = patch() + 1;
        INDArray contiguous = NativeFloats.isContiguous(x) && x.ordering() == 'c' ? x : x.dup('c');
        int length = (int) contiguous.length();
        if (input.length < length) {
            input = new float[length];
        }
        NativeFloats.address(contiguous).get(input, 0, length);
        int needed = batch * positions * width1;
        if (columns.length < needed) {
            columns = new float[needed];
        }
        int i = 0;
        for (int b = 0; b < batch; b++) {
            int image = b * inChannels * height * width;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int c = 0; c < inChannels; c++) {
                        int plane = image + c * height * width;
                        for (int ky = 0; ky < kernelH; ky++) {
                            int y = oy * strideH + ky * dilationH - padH;
                            for (int kx = 0; kx < kernelW; kx++) {
                                int xx = ox * strideW + kx * dilationW - padW;
                                columns[i++] = y >= 0 && y < height && xx >= 0 && xx < width ? input[plane + y * width + xx] : 0f;
                            }
                        }
                    }
                    columns[i++] = 1f;
                }
            }
        }
        if (nativeColumns == null || nativeColumns.size(0) != batch || nativeColumns.size(1) != positions) {
            nativeColumns = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, positions, width1);
        }
        NativeFloats.address(nativeColumns).put(columns, 0, needed);
    }
}
