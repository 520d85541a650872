package org.activationbench.train;

/** The loss of a trial stopped being a finite number: the trial ends as DIVERGED. */
public final class DivergenceException extends RuntimeException {

    public DivergenceException(String message) {
        super(message, null, false, false);
    }
}
