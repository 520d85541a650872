package org.activationbench.model.fastpath;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's softmax/cross-entropy output layer with its training forward pass done once per step. DL4J (1.0.0-M2)
 * computes the layer's pre-activation and softmax twice per step, once for the gradient and once more for the
 * score (15% of an MLP step). Here the backward pass computes {@code xW + b}, the softmax, the gradient
 * {@code softmax - labels} and the summed loss in one pass over the small {@code examples x classes} matrix on the
 * heap, and the score of the same step reuses that loss; the bias gradient is summed from that heap copy.
 * Inference, masked labels and every other path are DL4J's.
 */
final class LeanOutput extends OutputLayer {

    private float[] logits = new float[0];
    private float[] labels2d = new float[0];
    private float[] bias = new float[0];
    private float[] biasSums = new float[0];
    /** The summed cross-entropy of the last backward pass, until the score of the same step takes it. */
    private double stepLoss;
    private boolean stepLossPending;

    LeanOutput(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray b = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, true, workspaceMgr);
        INDArray y = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
        if (maskArray != null || w.dataType() != DataType.FLOAT || b.elementWiseStride() != 1) {
            stepLossPending = false;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray x = input.castTo(w.dataType());
        int examples = Math.toIntExact(x.size(0));
        int classes = Math.toIntExact(w.size(1));
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.dataType(),
                new long[] {examples, classes}, 'c');
        Nd4j.gemm(x, w, delta, false, false, 1.0, 0.0);
        int n = examples * classes;
        if (logits.length != n) {
            logits = new float[n];
            labels2d = new float[n];
        }
        if (bias.length != classes) {
            bias = new float[classes];
            biasSums = new float[classes];
        }
        NativeFloats.address(delta).get(logits, 0, n);
        NativeFloats.address(rowMajor(y.castTo(DataType.FLOAT))).get(labels2d, 0, n);
        NativeFloats.address(b).get(bias, 0, classes);
        double clip = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        stepLoss = SoftmaxCrossEntropy.gradientAndLoss(logits, bias, labels2d, examples, classes, (float) clip);
        stepLossPending = true;
        NativeFloats.write(delta, logits, 0);

        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(x, delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        if (NativeFloats.isContiguous(biasGradient)) {
            Arrays.fill(biasSums, 0f);
            RowBlocks.addRows(logits, n, classes, biasSums);
            NativeFloats.address(biasGradient).put(biasSums, 0, classes);
        } else {
            delta.sum(biasGradient, 0);
        }
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);

        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[] {examples, w.size(0)}, 'c');
        Nd4j.gemm(delta, w, epsilonNext, false, true, 1.0, 0.0);
        return new Pair<>(gradient, epsilonNext);
    }

    /** The training score of a step whose backward pass ran here is that pass's loss, as DL4J would compute it. */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!training || !stepLossPending) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        stepLossPending = false;
        double score = stepLoss;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        score += fullNetRegTerm;
        this.score = score;
        return score;
    }

    @Override
    public void clear() {
        super.clear();
        stepLossPending = false;
    }

    private static INDArray rowMajor(INDArray a) {
        return a.ordering() == 'c' && a.elementWiseStride() == 1 ? a : a.dup('c');
    }
}
