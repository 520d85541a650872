package org.activationbench.data;

/**
 * An image classification dataset in memory: square grey-scale images, a train and a test split, and optionally a
 * validation split held out of the training set.
 *
 * @param validation examples held out of the training set ({@link #holdOut}); null when none are
 */
public record Dataset(String name, int height, int width, int classes, Split train, Split test, Split validation) {

    /** A dataset without a validation split. */
    public Dataset(String name, int height, int width, int classes, Split train, Split test) {
        this(name, height, width, classes, train, test, null);
    }

    /** Inputs per example: the image's pixels. */
    public int features() {
        return height * width;
    }

    /** The same dataset cut to its first {@code trainCount} and {@code testCount} examples; the validation split stays. */
    public Dataset subset(int trainCount, int testCount) {
        return new Dataset(name, height, width, classes, train.head(trainCount), test.head(testCount), validation);
    }

    /**
     * This dataset with {@code examples} training examples moved to a validation split: the first {@code examples} of a
     * permutation of the training set seeded with {@code seed} (ascending by index); the rest stay, in their order.
     */
    public Dataset holdOut(int examples, long seed) {
        return HeldOut.cached(this, examples, seed);
    }

    /** {@link #holdOut} computed afresh. */
    Dataset split(int examples, long seed) {
        if (examples <= 0 || examples >= train.count()) {
            throw new IllegalArgumentException("validation examples must be in 1.." + (train.count() - 1) + " for the "
                    + train.count() + " training examples of " + name + ", found " + examples);
        }
        boolean[] held = HeldOut.indices(train.count(), examples, seed);
        return new Dataset(name, height, width, classes, train.select(held, false), test, train.select(held, true));
    }
}
