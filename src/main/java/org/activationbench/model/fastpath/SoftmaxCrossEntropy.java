package org.activationbench.model.fastpath;

/** Softmax with cross-entropy over a small row-major {@code examples x classes} matrix, in single precision. */
final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {}

    /**
     * Replaces {@code logits} (without bias) by the gradient of the summed loss with respect to the pre-activation,
     * {@code softmax(logits + bias) - labels}, and returns the summed loss {@code -sum(labels * log(p))}, with
     * probabilities below {@code clip} taken as {@code clip} inside the logarithm as DL4J's loss does. A non-finite
     * logit makes the loss NaN.
     */
    static double gradientAndLoss(float[] logits, float[] bias, float[] labels, int examples, int classes, float clip) {
        double loss = 0;
        for (int row = 0; row < examples; row++) {
            int from = row * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                float z = logits[from + j] + bias[j];
                logits[from + j] = z;
                max = Math.max(max, z);
            }
            float sum = 0;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(logits[from + j] - max);
                logits[from + j] = e;
                sum += e;
            }
            for (int j = 0; j < classes; j++) {
                float p = logits[from + j] / sum;
                float y = labels[from + j];
                if (y != 0 || !Float.isFinite(p)) {
                    loss -= y * Math.log(Math.max(p, clip));
                }
                logits[from + j] = p - y;
            }
        }
        return loss;
    }
}
