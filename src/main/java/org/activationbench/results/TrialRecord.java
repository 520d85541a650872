package org.activationbench.results;

import java.io.Serializable;
import org.activationbench.train.Provenance;
import org.activationbench.train.TrialResult;

/**
 * What an executor sends back for one trial: the result, where and with what it ran, and the task's timing.
 *
 * @param taskSeconds wall time of the whole task on the executor (dataset access, model build, training, evaluation)
 * @param taskAttempt Spark's attempt number for the task (0 unless it was retried)
 */
public record TrialRecord(TrialResult result, Provenance provenance, double taskSeconds, int taskAttempt)
        implements Serializable {}
