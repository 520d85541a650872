package org.activationbench.model.fastpath;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.activationbench.model.fastpath.OneDnnRuntime.Conversion;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The oneDNN primitives and buffers of a {@link BlockedConvolution} for one minibatch size: a 3x3 convolution (stride
 * 1, no padding, with bias), 2x2 max-pooling with stride 2 and the rectifier, on activations in the layout oneDNN
 * picks for them (on AVX-512, 16 channels interleaved: {@code nChw16c}). The layer's input and output, its gradients
 * and its weights stay in Deeplearning4j's layouts ({@code nchw}, {@code oihw}); they are converted on the way in and
 * out, the activations in between never are. The backward primitives are made at the first backward pass, so a
 * minibatch size only evaluated never makes them.
 */
final class BlockedConvolutionPrimitives {

    private static final long[] UNIT = {1, 1};
    private static final long[] NONE = {0, 0};
    private static final long[] WINDOW = {2, 2};

    private final stream stream;
    private final float alpha;
    private final long[] inDims;
    private final long[] outDims;
    private final long[] weightDims;
    private final memory.desc weightsDesc;
    private final memory.desc biasDesc;

    private final memory input;
    private final memory weights;
    private final memory bias;
    private final memory output;
    private final Conversion blockedInput;
    private final Conversion blockedWeights;
    private final convolution_forward.primitive_desc convolutionPd;
    private final primitive convolution;
    private final IntMemoryMap convolutionArgs = new IntMemoryMap();
    private final memory convolved;
    private final pooling_forward.primitive_desc poolingPd;
    private final primitive pooling;
    private final IntMemoryMap poolingArgs = new IntMemoryMap();
    /** The pooled pre-activation, rectified in place: the rectifier's gradient is read from its output. */
    private final memory pooled;
    private final memory largest;
    private final eltwise_forward.primitive_desc rectifierPd;
    private final primitive rectifier;
    private final IntMemoryMap rectifierArgs = new IntMemoryMap();
    private final Conversion plainOutput;

    private Backward backward;

    BlockedConvolutionPrimitives(stream stream, long batch, long inChannels, long height, long width, long outChannels,
            float alpha) {
        this.stream = stream;
        this.alpha = alpha;
        inDims = new long[] {batch, inChannels, height, width};
        outDims = new long[] {batch, outChannels, height - 2, width - 2};
        long[] pooledDims = {batch, outChannels, (height - 2) / 2, (width - 2) / 2};
        weightDims = new long[] {outChannels, inChannels, 3, 3};
        weightsDesc = desc(weightDims, format_tag.oihw);
        biasDesc = desc(new long[] {outChannels}, format_tag.x);
        input = OneDnnRuntime.borrowed(desc(inDims, format_tag.nchw));
        weights = OneDnnRuntime.borrowed(weightsDesc);
        bias = OneDnnRuntime.borrowed(biasDesc);
        output = OneDnnRuntime.borrowed(desc(pooledDims, format_tag.nchw));

        convolutionPd = new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
                algorithm.convolution_direct, desc(inDims, format_tag.any), desc(weightDims, format_tag.any),
                biasDesc, desc(outDims, format_tag.any), UNIT, NONE, NONE), OneDnnRuntime.cpu());
        blockedInput = new Conversion(input, convolutionPd.src_desc());
        blockedWeights = new Conversion(weights, convolutionPd.weights_desc());
        convolved = OneDnnRuntime.buffer(convolutionPd.dst_desc());
        convolution = new convolution_forward(convolutionPd);
        convolutionArgs.put(DNNL_ARG_SRC, blockedInput.target()).put(DNNL_ARG_WEIGHTS, blockedWeights.target())
                .put(DNNL_ARG_BIAS, bias).put(DNNL_ARG_DST, convolved);

        poolingPd = new pooling_forward.primitive_desc(new pooling_forward.desc(prop_kind.forward_training,
                algorithm.pooling_max, convolutionPd.dst_desc(), desc(pooledDims, format_tag.any), WINDOW, WINDOW, NONE, NONE),
                OneDnnRuntime.cpu());
        pooled = OneDnnRuntime.buffer(poolingPd.dst_desc());
        largest = OneDnnRuntime.buffer(poolingPd.workspace_desc());
        pooling = new pooling_forward(poolingPd);
        poolingArgs.put(DNNL_ARG_SRC, convolved).put(DNNL_ARG_DST, pooled).put(DNNL_ARG_WORKSPACE, largest);

        rectifierPd = new eltwise_forward.primitive_desc(new eltwise_forward.desc(prop_kind.forward_training,
                algorithm.eltwise_relu_use_dst_for_bwd, poolingPd.dst_desc(), alpha, 0f), OneDnnRuntime.cpu());
        rectifier = new eltwise_forward(rectifierPd);
        rectifierArgs.put(DNNL_ARG_SRC, pooled).put(DNNL_ARG_DST, pooled);
        plainOutput = new Conversion(pooled, output);
    }

    /** The pooled, rectified convolution of {@code x} ({@code nchw}) into {@code out} ({@code nchw}). */
    void forward(INDArray x, INDArray w, INDArray b, INDArray out) {
        OneDnnRuntime.at(input, x);
        OneDnnRuntime.at(weights, w);
        OneDnnRuntime.at(bias, b);
        OneDnnRuntime.at(output, out);
        blockedInput.run(stream);
        blockedWeights.run(stream);
        convolution.execute(stream, convolutionArgs);
        pooling.execute(stream, poolingArgs);
        rectifier.execute(stream, rectifierArgs);
        plainOutput.run(stream);
        stream._wait();
    }

    /**
     * The gradients of the last {@link #forward} with respect to the weights and bias (into {@code wGrad},
     * {@code oihw}, and {@code bGrad}) and, unless {@code inputGrad} is null, the input ({@code nchw}), from the
     * gradient {@code epsilon} ({@code nchw}) of its output. {@code w} holds the weights of that forward pass.
     */
    void backward(INDArray epsilon, INDArray w, INDArray wGrad, INDArray bGrad, INDArray inputGrad) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(epsilon, w, wGrad, bGrad, inputGrad);
    }

    private static memory.desc desc(long[] dims, format_tag format) {
        return new memory.desc(dims, data_type.f32, format);
    }

    /** The backward primitives, in the layouts the forward pass chose. */
    private final class Backward {
        private final memory gradient = OneDnnRuntime.borrowed(output.get_desc());
        private final Conversion blockedGradient = new Conversion(gradient, poolingPd.dst_desc());
        private final primitive rectifierBack;
        private final IntMemoryMap rectifierBackArgs = new IntMemoryMap();
        private final memory convolvedGradient = OneDnnRuntime.buffer(convolutionPd.dst_desc());
        private final primitive poolingBack;
        private final IntMemoryMap poolingBackArgs = new IntMemoryMap();
        private final memory inputGradient = OneDnnRuntime.borrowed(input.get_desc());
        private final Conversion dataGradientIn;
        private final Conversion dataWeights;
        private final primitive dataBack;
        private final IntMemoryMap dataBackArgs = new IntMemoryMap();
        private final Conversion plainInputGradient;
        private final memory weightGradient = OneDnnRuntime.borrowed(weightsDesc);
        private final memory biasGradient = OneDnnRuntime.borrowed(biasDesc);
        private final Conversion weightsGradientIn;
        private final Conversion weightsInput;
        private final memory blockedWeightGradient;
        private final primitive weightsBack;
        private final IntMemoryMap weightsBackArgs = new IntMemoryMap();
        private final Conversion plainWeightGradient;

        Backward() {
            memory.desc pooledDesc = poolingPd.dst_desc();
            memory blocked = blockedGradient.target();
            rectifierBack = new eltwise_backward(new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                    algorithm.eltwise_relu_use_dst_for_bwd, pooledDesc, pooledDesc, alpha, 0f), OneDnnRuntime.cpu(),
                    rectifierPd));
            rectifierBackArgs.put(DNNL_ARG_DST, pooled).put(DNNL_ARG_DIFF_DST, blocked).put(DNNL_ARG_DIFF_SRC, blocked);

            poolingBack = new pooling_backward(new pooling_backward.primitive_desc(new pooling_backward.desc(
                    algorithm.pooling_max, convolutionPd.dst_desc(), pooledDesc, WINDOW, WINDOW, NONE, NONE),
                    OneDnnRuntime.cpu(), poolingPd));
            poolingBackArgs.put(DNNL_ARG_DIFF_DST, blocked).put(DNNL_ARG_WORKSPACE, largest)
                    .put(DNNL_ARG_DIFF_SRC, convolvedGradient);

            convolution_backward_data.primitive_desc data = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(algorithm.convolution_direct, desc(inDims, format_tag.any),
                            desc(weightDims, format_tag.any), desc(outDims, format_tag.any),
                            UNIT, NONE, NONE), OneDnnRuntime.cpu(), convolutionPd);
            dataGradientIn = new Conversion(convolvedGradient, data.diff_dst_desc());
            dataWeights = new Conversion(blockedWeights.target(), data.weights_desc());
            memory blockedInputGradient = OneDnnRuntime.buffer(data.diff_src_desc());
            dataBack = new convolution_backward_data(data);
            dataBackArgs.put(DNNL_ARG_DIFF_DST, dataGradientIn.target()).put(DNNL_ARG_WEIGHTS, dataWeights.target())
                    .put(DNNL_ARG_DIFF_SRC, blockedInputGradient);
            plainInputGradient = new Conversion(blockedInputGradient, inputGradient);

            convolution_backward_weights.primitive_desc weightsPd = new convolution_backward_weights.primitive_desc(
                    new convolution_backward_weights.desc(algorithm.convolution_direct,
                            desc(inDims, format_tag.any), desc(weightDims, format_tag.any), biasDesc,
                            desc(outDims, format_tag.any), UNIT, NONE, NONE),
                    OneDnnRuntime.cpu(), convolutionPd);
            weightsGradientIn = new Conversion(convolvedGradient, weightsPd.diff_dst_desc());
            weightsInput = new Conversion(blockedInput.target(), weightsPd.src_desc());
            boolean plain = weightsPd.diff_weights_desc().equals(weightsDesc);
            blockedWeightGradient = plain ? weightGradient : OneDnnRuntime.buffer(weightsPd.diff_weights_desc());
            weightsBack = new convolution_backward_weights(weightsPd);
            weightsBackArgs.put(DNNL_ARG_SRC, weightsInput.target()).put(DNNL_ARG_DIFF_DST, weightsGradientIn.target())
                    .put(DNNL_ARG_DIFF_WEIGHTS, blockedWeightGradient).put(DNNL_ARG_DIFF_BIAS, biasGradient);
            plainWeightGradient = plain ? null : new Conversion(blockedWeightGradient, weightGradient);
        }

        void run(INDArray epsilon, INDArray w, INDArray wGrad, INDArray bGrad, INDArray inputGrad) {
            OneDnnRuntime.at(gradient, epsilon);
            OneDnnRuntime.at(weightGradient, wGrad);
            OneDnnRuntime.at(biasGradient, bGrad);
            blockedGradient.run(stream);
            rectifierBack.execute(stream, rectifierBackArgs);
            poolingBack.execute(stream, poolingBackArgs);
            if (inputGrad != null) {
                OneDnnRuntime.at(weights, w);
                OneDnnRuntime.at(inputGradient, inputGrad);
                dataGradientIn.run(stream);
                dataWeights.run(stream);
                dataBack.execute(stream, dataBackArgs);
                plainInputGradient.run(stream);
            }
            weightsGradientIn.run(stream);
            weightsInput.run(stream);
            weightsBack.execute(stream, weightsBackArgs);
            if (plainWeightGradient != null) {
                plainWeightGradient.run(stream);
            }
            stream._wait();
        }
    }
}
