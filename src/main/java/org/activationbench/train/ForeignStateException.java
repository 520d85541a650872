package org.activationbench.train;

/** A saved state written in a format (or by a version) this code does not read; the trial starts from epoch 1. */
public final class ForeignStateException extends RuntimeException {
    public ForeignStateException(String message) {
        super(message);
    }
}
