package org.activationbench.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * When each trial's task was launched, for a test that runs the command line (which makes its own session): register
 * with {@code spark.extraListeners}. A trial's stage is the one submitted from the driver's fan-out.
 */
public final class TrialLaunches extends SparkListener {

    private static final List<Long> LAUNCHES = new ArrayList<>();
    private static final Set<Integer> TRIAL_STAGES = new HashSet<>();

    /** Forgets what earlier runs launched. */
    public static synchronized void clear() {
        LAUNCHES.clear();
        TRIAL_STAGES.clear();
    }

    /** The launch times ({@code System.currentTimeMillis()}) of the trials' tasks since {@link #clear()}. */
    public static synchronized List<Long> times() {
        return List.copyOf(LAUNCHES);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        synchronized (TrialLaunches.class) {
            if (submitted.stageInfo().name().contains("TrialFanOut")) {
                TRIAL_STAGES.add(submitted.stageInfo().stageId());
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        synchronized (TrialLaunches.class) {
            if (TRIAL_STAGES.contains(start.stageId())) {
                LAUNCHES.add(start.taskInfo().launchTime());
            }
        }
    }
}
