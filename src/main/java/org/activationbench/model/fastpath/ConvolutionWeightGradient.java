package org.activationbench.model.fastpath;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weight and bias gradients of a convolution, without its input gradient: an im2col copy of the input on the
 * heap (with a column of ones, whose product is the bias gradient) and one batched matrix product. For a network's
 * first layer, whose input gradient nothing uses. libnd4j's {@code conv2d_bp} always computes the input gradient,
 * and for the CNN's first layer (one input channel) oneDNN picks Winograd kernels for both directions: 14 of its
 * 18 ms per minibatch of 128 on one thread, against about 2.5 ms here.
 */
final class ConvolutionWeightGradient {

    private float[] input = new float[0];
    private float[] columns = new float[0];
    private final float[] gradients;
    private INDArray nativeColumns;
    private INDArray products;
    private final INDArray sums;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int padH;
    private final int padW;
    private final int dilationH;
    private final int dilationW;
    private final int outChannels;
    private final int inChannels;

    ConvolutionWeightGradient(int outChannels, int inChannels, int[] kernel, int[] stride, int[] padding, int[] dilation) {
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
     * @param x              the layer's input, [batch, in channels, height, width]
     * @param delta          the gradient of the loss with respect to the layer's pre-activation, [batch, out, outH, outW]
     * @param weightGradient written: [out, in, kH, kW], contiguous
     * @param biasGradient   written: [out] values, contiguous
     */
    void compute(INDArray x, INDArray delta, INDArray weightGradient, INDArray biasGradient) {
        int batch = (int) x.size(0);
        int height = (int) x.size(2);
        int width = (int) x.size(3);
        int outH = (int) delta.size(2);
        int outW = (int) delta.size(3);
        int positions = outH * outW;
        int width1 = patch() + 1;
        readInput(x);
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
            products = Nd4j.createUninitializedDetached(DataType.FLOAT, batch, outChannels, width1);
        }
        NativeFloats.address(nativeColumns).put(columns, 0, needed);
        INDArray d = NativeFloats.isContiguous(delta) && delta.ordering() == 'c' ? delta : delta.dup('c');
        Nd4j.matmul(d.reshape('c', batch, outChannels, positions), nativeColumns, products, false, false, false);
        products.sum(sums, 0);
        NativeFloats.address(sums).get(gradients, 0, gradients.length);
        float[] weights = new float[outChannels * patch()];
        float[] bias = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            System.arraycopy(gradients, o * width1, weights, o * patch(), patch());
            bias[o] = gradients[o * width1 + patch()];
        }
        NativeFloats.write(weightGradient, weights, 0);
        NativeFloats.address(biasGradient).put(bias, 0, outChannels);
    }

    private void readInput(INDArray x) {
        INDArray contiguous = NativeFloats.isContiguous(x) && x.ordering() == 'c' ? x : x.dup('c');
        int n = (int) contiguous.length();
        if (input.length < n) {
            input = new float[n];
        }
        NativeFloats.address(contiguous).get(input, 0, n);
    }
}
