package org.activationbench.model.fastpath;

import java.util.List;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's network updater, except that the gradient's division by the minibatch size is left to the Adam step of
 * {@link JvmAdamUpdater}, which divides each element in the pass it makes anyway: one full pass over the gradient
 * fewer per step. DL4J divides before gradient normalisation and regularisation, so the division is deferred only
 * when neither is configured, every updater block is a {@code JvmAdamUpdater} and every gradient is divided;
 * otherwise this updater divides as DL4J's does.
 */
public final class DeferredDivisionUpdater extends MultiLayerUpdater {

    private Boolean deferrable;

    DeferredDivisionUpdater(MultiLayerNetwork network) {
        super(network);
    }

    /** Installs this updater on a freshly initialised network, before its first step. */
    public static void install(MultiLayerNetwork network) {
        network.setUpdater(new DeferredDivisionUpdater(network));
    }

    @Override
    protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
        if (isExternal || !deferrable()) {
            super.divideByMinibatch(isExternal, gradient, batchSize);
            return;
        }
        for (UpdaterBlock block : getUpdaterBlocks()) {
            ((JvmAdamUpdater) block.getGradientUpdater()).divideNextGradientBy(batchSize);
        }
    }

    /** Whether this network's steps leave the division to the Adam pass (decided at the first step, then fixed). */
    boolean defersDivision() {
        return deferrable();
    }

    private boolean deferrable() {
        if (deferrable == null) {
            deferrable = blocksAreJvmAdam() && layersAreUnregularised() && everyGradientIsDivided();
        }
        return deferrable;
    }

    private boolean blocksAreJvmAdam() {
        for (UpdaterBlock block : getUpdaterBlocks()) {
            if (!(block.getGradientUpdater() instanceof JvmAdamUpdater) || block.isPretrainUpdaterBlock()) {
                return false;
            }
        }
        return true;
    }

    private boolean layersAreUnregularised() {
        for (Trainable layer : getOrderedLayers()) {
            TrainingConfig config = layer.getConfig();
            GradientNormalization normalization = config.getGradientNormalization();
            if (normalization != null && normalization != GradientNormalization.None) {
                return false;
            }
            for (String param : layer.paramTable(false).keySet()) {
                List<Regularization> regularization = config.getRegularizationByParam(param);
                if (regularization != null && !regularization.isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether DL4J's division would cover the whole flattened gradient (it skips, e.g., batch-norm statistics). */
    private boolean everyGradientIsDivided() {
        INDArray view = getFlattenedGradientsView();
        if (view == null) {
            return false;
        }
        List<INDArray> subsets = getMinibatchDivisionSubsets(view);
        long divided = 0;
        for (INDArray subset : subsets) {
            divided += subset.length();
        }
        return divided == view.length();
    }
}
