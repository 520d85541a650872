package org.activationbench.model.fastpath;

/**
 * PReLU's arithmetic with a learned slope {@code a}: {@code f(z) = z} for {@code z > 0}, {@code a z} otherwise; its
 * derivative is 1 or {@code a} in {@code z}, and {@code min(z, 0)} in {@code a}. The values of DL4J's {@code prelu}
 * operation and of the stock engine's PReLU layer, for finite slopes (a zero may differ in sign).
 *
 * <p>Max-pooling after f is f after max-pooling only where f keeps the order of a window's values, that is for a slope
 * above zero. For a slope of zero or below (which a learned slope may reach), a window's output is the largest of its
 * four activations, and its gradient goes to the first of them, row by row, that holds it, as DL4J's pooling picks it.
 */
final class LearnedSlopes {

    private LearnedSlopes() {}

    /** Whether a slope keeps the order of a pooling window's values, so that the window can be pooled first. */
    static boolean keepsOrder(float a) {
        return a > 0;
    }

    static float activate(float z, float a) {
        return z > 0 ? z : z * a;
    }

    /**
     * {@code out[i] = f(z[i])} for {@code i} in {@code [from, from + n)}. {@code max} and {@code min} select one of their
     * arguments exactly and adding a zero changes nothing, so this is {@link #activate(float, float)}, without a
     * branch on the sign; the JIT vectorises it.
     */
    static void activate(float[] z, float[] out, int from, int n, float a) {
        for (int i = from; i < from + n; i++) {
            float v = z[i];
            out[i] = Math.max(v, 0f) + a * Math.min(v, 0f);
        }
    }

    /**
     * {@code out[i] = f(z[i])} for {@code i} in {@code [0, n)}: planes of {@code plane} values, of channels 0 to
     * {@code channels - 1} in turn, each channel {@code c} with slope {@code a[c]}.
     */
    static void activatePlanes(float[] z, float[] out, int n, int plane, float[] a, int channels) {
        for (int from = 0, c = 0; from < n; from += plane, c = (c + 1) % channels) {
            activate(z, out, from, plane, a[c]);
        }
    }

    /** {@code dL/dz} from {@code dL/df} ({@code epsilon}) at pre-activation {@code z}. */
    static float gradient(float z, float epsilon, float a) {
        return z > 0 ? epsilon : epsilon * a;
    }

    /** The share of {@code dL/da} of one element: {@code dL/df * min(z, 0)}. */
    static float slopeGradient(float z, float epsilon) {
        return epsilon * Math.min(z, 0f);
    }

    /**
     * Which value of a 2x2 window, given row by row, the max-pooling of their activations takes for a slope that does
     * not keep their order (see the class comment): 0 to 3, the first whose activation is largest.
     */
    static int largestActivation(float z0, float z1, float z2, float z3, float a) {
        float best = activate(z0, a);
        int which = 0;
        float f1 = activate(z1, a);
        if (f1 > best) {
            best = f1;
            which = 1;
        }
        float f2 = activate(z2, a);
        if (f2 > best) {
            best = f2;
            which = 2;
        }
        return activate(z3, a) > best ? 3 : which;
    }

    /**
     * Max-pools the activations of a plane of pre-activations (rows {@code width} apart from {@code plane[from]}) in 2x2
     * windows with stride 2, for a slope that does not keep their order: {@code pooled[p ..]} gets, window by window, the
     * pre-activation whose activation the window's output is, and {@code which[p ..]} (unless null) its place in the
     * window, 0 to 3 row by row. Returns the index after the plane's windows.
     */
    static int poolActivations(float[] plane, int from, int width, int pooledH, int pooledW, float a, float[] pooled,
            byte[] which, int p) {
        for (int oy = 0; oy < pooledH; oy++) {
            int top = from + 2 * oy * width;
            for (int ox = 0; ox < pooledW; ox++, p++) {
                int i = top + 2 * ox;
                int w = largestActivation(plane[i], plane[i + 1], plane[i + width], plane[i + width + 1], a);
                pooled[p] = plane[i + (w >> 1) * width + (w & 1)];
                if (which != null) {
                    which[p] = (byte) w;
                }
            }
        }
        return p;
    }

    /**
     * The largest of {@code peak} and the values of a plane's 2x2 windows (as {@link #poolActivations} lays them out): a
     * row or column the pooling drops is left out, as it is of the pooled output.
     */
    static float windowPeak(float[] plane, int from, int width, int pooledH, int pooledW, float peak) {
        for (int y = 0; y < 2 * pooledH; y++) {
            int row = from + y * width;
            for (int x = 0; x < 2 * pooledW; x++) {
                peak = Math.max(peak, plane[row + x]);
            }
        }
        return peak;
    }
}
