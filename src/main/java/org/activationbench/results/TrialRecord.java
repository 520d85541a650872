package org.activationbench.results;

import java.io.Serializable;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialResult;

/**
 * What an executor sends back for one trial (or the driver, for a data-parallel trial): the result, where and with
 * what it ran, and its timing.
 *
 * @param taskSeconds       wall time of the whole trial (dataset access, model build, training, evaluation)
 * @param taskAttempt       Spark's attempt number for the task (0 unless it was retried; 0 for data-parallel trials)
 * @param workers           data-parallel trials: the workers the training set was spread over; null otherwise
 * @param workerFitSeconds  data-parallel trials: the workers' fitting time divided by their number; null otherwise
 */
public record TrialRecord(TrialResult result, Provenance provenance, double taskSeconds, int taskAttempt, Integer workers,
        Double workerFitSeconds) implements Serializable {

    /** A per-task trial's record. */
    public TrialRecord(TrialResult result, Provenance provenance, double taskSeconds, int taskAttempt) {
        this(result, provenance, taskSeconds, taskAttempt, null, null);
    }
}
