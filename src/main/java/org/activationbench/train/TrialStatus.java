package org.activationbench.train;

/** How a trial ended. */
public enum TrialStatus {
    /** Trained to its last checkpoint. */
    OK,
    /** The loss became NaN or infinite; the checkpoints before that are kept. */
    DIVERGED,
    /** Anything else went wrong; the error class and message say what. */
    FAILED
}
