package org.activationbench.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationPReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The PReLU layer with a backward pass written in plain array operations. DL4J 1.0.0-M2's native {@code prelu_bp}
 * rejects any minibatch larger than 64 ("the length of input array should be no more than SD_MAX_RANK*2 times the
 * alpha array length"), and a SameDiff layer doubles the gradient it passes back. The forward pass is DL4J's, on a copy
 * of the input in inference too.
 */
final class LearnedSlope extends PReLU {

    LearnedSlope(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * DL4J's inference pass writes the activation over its input, which is the output of the layer before: the
     * pre-activation that inactive units are counted from, and that a negative slope would turn positive.
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (training) {
            return super.activate(true, workspaceMgr);
        }
        assertInputSet(false);
        INDArray in = workspaceMgr.dup(ArrayType.ACTIVATIONS, input, input.ordering());
        return new ActivationPReLU(getParam(PReLUParamInitializer.WEIGHT_KEY), layerConf().getSharedAxes()).getActivation(in, false);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        INDArray slope = getParam(PReLUParamInitializer.WEIGHT_KEY);
        int[] sharedAxes = x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};

        // dL/da = sum over the batch (and positions, for channels) of dL/df * min(x, 0)
        INDArray slopeGradient = Transforms.min(x, 0.0, true).muli(epsilon).sum(sharedAxes);
        INDArray slopeGradientView = gradientViews.get(PReLUParamInitializer.WEIGHT_KEY);
        slopeGradientView.assign(slopeGradient.reshape(slopeGradientView.shape()));

        // dL/dx = dL/df * (x > 0 ? 1 : a) = dL/df * (a + [x > 0] * (1 - a))
        INDArray positive = x.gt(0.0).castTo(dataType);
        INDArray factor = positive.mul(slope.rsub(1.0)).addi(slope);
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        epsilonNext.assign(epsilon.mul(factor));

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(PReLUParamInitializer.WEIGHT_KEY, slopeGradientView);
        return new Pair<>(gradient, epsilonNext);
    }
}
