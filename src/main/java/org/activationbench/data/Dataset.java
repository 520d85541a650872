package org.activationbench.data;

/** An image classification dataset in memory: square grey-scale images, a train and a test split. */
public record Dataset(String name, int height, int width, int classes, Split train, Split test) {

    public int features() {
        return height * width;
    }

    /** The same dataset cut to its first {@code trainCount} and {@code testCount} examples. */
    public Dataset subset(int trainCount, int testCount) {
        return new Dataset(name, height, width, classes, train.head(trainCount), test.head(testCount));
    }
}
