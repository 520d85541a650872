package org.activationbench.results;

import java.io.Serializable;
import java.util.UUID;
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
 * @param attemptId         a random id of this attempt, unique across Spark applications, retries and resumes: it
 *                          ties a trial's runs row to the epochs rows of the same attempt
 */
public record TrialRecord(TrialResult result, Provenance provenance, double taskSeconds, int taskAttempt, Integer workers,
        Double workerFitSeconds, String attemptId) implements Serializable {

    /** A record of a new attempt: its id is drawn here, where the attempt ends. */
    public TrialRecord(TrialResult result, Provenance provenance, double taskSeconds, int taskAttempt, Integer workers,
            Double workerFitSeconds) {
        this(result, provenance, taskSeconds, taskAttempt, workers, workerFitSeconds, UUID.randomUUID().toString());
    }

    /** A per-task trial's record of a new attempt. */
    public TrialRecord(TrialResult result, Provenance provenance, double taskSeconds, int taskAttempt) {
        this(result, provenance, taskSeconds, taskAttempt, null, null);
    }
}
