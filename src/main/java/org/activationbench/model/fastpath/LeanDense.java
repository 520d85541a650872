package org.activationbench.model.fastpath;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer with two matrix products fewer per training step. DL4J (1.0.0-M2) recomputes a layer's
 * pre-activation {@code xW + b} during backpropagation, and computes the gradient with respect to the network's
 * input, which nothing uses; for the 784-wide first layer of the MLP each costs as much as the forward product.
 * Here the pre-activation of the training forward pass is kept (in the activations workspace, which lives until
 * the backward pass of the same step) and the first layer passes no gradient back. The bias is added, and its
 * gradient summed, on the heap ({@link RowBlocks}): each ND4J operation costs Java-side shape descriptors and native
 * allocations that the garbage collector and ND4J's deallocator threads then spend CPU on, beside the training.
 * With a learned slope ({@link LeanDenseLayer#withLearnedSlope}) the layer is PReLU's too: the bias, the activation and
 * their gradients, the slopes' among them, take one heap pass each way ({@link LearnedSlopeRows}).
 */
final class LeanDense extends DenseLayer implements PreActivationPeaks {

    /** The pre-activation of the last training forward pass, until the backward pass consumes it. */
    private INDArray preActivation;

    private final RowBlocks rows = new RowBlocks();
    /** PReLU's passes where the layer learns a slope per unit, else null. */
    private final LearnedSlopeRows slopeRows;
    private float[] peaks = new float[0];

    LeanDense(NeuralNetConfiguration conf, DataType dataType, boolean learnedSlope) {
        super(conf, dataType);
        this.slopeRows = learnedSlope ? new LearnedSlopeRows() : null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray z = product(training, workspaceMgr);
        INDArray b = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
        if (slopeRows != null) {
            return activateLearnedSlope(z, b, training, workspaceMgr);
        }
        boolean keep = training && maskArray == null;
        if (z.ordering() == 'c' && NativeFloats.isContiguous(z) && NativeFloats.isContiguous(b)) {
            preActivation = keep ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), 'c') : null;
            rows.addBias(z, b, preActivation);
        } else {
            z.addiRowVector(b);
            preActivation = keep ? workspaceMgr.dup(ArrayType.ACTIVATIONS, z) : null;
        }
        if (maskArray != null) {
            applyMask(z);
            preActivation = training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, z) : null;
        }
        return layerConf().getActivationFn().getActivation(z, training);
    }

    /** {@code f(z + b)} with the learned slopes; a training pass keeps {@code z + b}, an inference pass its peaks. */
    private INDArray activateLearnedSlope(INDArray z, INDArray b, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray != null || !NativeFloats.isContiguous(b)) {
            throw new IllegalStateException("layer " + getIndex() + " learns PReLU slopes without masks, on a contiguous bias;"
                    + " got " + (maskArray != null ? "a mask" : "bias " + b.shapeInfoToString()));
        }
        preActivation = training ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), 'c') : null;
        if (!training && peaks.length < z.columns()) {
            peaks = new float[(int) z.columns()];
        }
        slopeRows.activate(z, b, getParam(LearnedSlopeParams.KEY), preActivation, training ? null : peaks);
        return z;
    }

    /** Per unit, the largest pre-activation of the last inference pass; only where the layer learns a slope. */
    @Override
    public float[] preActivationPeaks() {
        if (slopeRows == null) {
            throw new IllegalStateException("layer " + getIndex() + " applies its activation to an output of its own");
        }
        return Arrays.copyOf(peaks, (int) layerConf().getNOut());
    }

    /**
     * {@code xW}, written straight into the activations workspace: DL4J's {@code preOutput} multiplies into a
     * freshly zeroed temporary and copies it over (5% of an MLP training step). It is row-major, the order of the
     * gradient that comes back from the layer above: when the two orders differ, ND4J's activation derivatives
     * compute every element's offset one by one, which made ReLU's derivative 13% of a step instead of 5%.
     */
    private INDArray product(boolean training, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray x = input.castTo(w.dataType());
        if (x.rank() != 2 || x.columns() != w.rows()) {
            throw new IllegalStateException("layer " + getIndex() + " expects " + w.rows() + " inputs per example, got shape "
                    + Arrays.toString(x.shape()));
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), new long[] {x.size(0), w.size(1)}, 'c');
        Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (preActivation == null && slopeRows == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (preActivation == null) {
            throw new IllegalStateException("layer " + getIndex() + ": backpropagation without a training forward pass");
        }
        Gradient gradient = new DefaultGradient();
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        INDArray delta = preActivation;
        preActivation = null;
        if (slopeRows != null) {
            INDArray e = NativeFloats.isContiguous(epsilon) && epsilon.ordering() == 'c' ? epsilon : epsilon.dup('c');
            INDArray slopeGradient = gradientViews.get(LearnedSlopeParams.KEY);
            slopeRows.backprop(delta, e, getParam(LearnedSlopeParams.KEY), biasGradient, slopeGradient);
            gradient.gradientForVariable().put(LearnedSlopeParams.KEY, slopeGradient);
        } else {
            delta = layerConf().getActivationFn().backprop(delta, epsilon).getFirst();
            if (NativeFloats.isContiguous(delta) && delta.ordering() == 'c' && NativeFloats.isContiguous(biasGradient)) {
                rows.sumColumns(delta, biasGradient);
            } else {
                delta.sum(biasGradient, 0);
            }
        }
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

        INDArray epsilonNext = null;
        if (getIndex() > 0) {
            INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {delta.size(0), w.size(0)}, 'c');
            Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
        }
        return new Pair<>(gradient, epsilonNext);
    }
}
