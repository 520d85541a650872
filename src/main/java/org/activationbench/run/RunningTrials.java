package org.activationbench.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.activationbench.executor.HandOverFiles;
import org.activationbench.grid.TrialConfig;
import org.activationbench.results.TrialRecord;

/**
 * What the driver knows of the trials it has submitted and not yet landed: which are running (from Spark's task events)
 * and at which epoch (from their progress files), and the measured wall seconds per epoch of each architecture and engine (from running trials
 * and from landed ones), from which it estimates the time left.
 */
final class RunningTrials {

    private final Map<String, TrialConfig> submitted = new LinkedHashMap<>();
    private final Map<String, HandOverFiles.Progress> running = new HashMap<>();
    /** Per architecture and engine: seconds and epochs of landed trials. */
    private final Map<String, double[]> landedRates = new HashMap<>();

    synchronized void submitted(List<TrialConfig> trials) {
        trials.forEach(t -> submitted.put(t.trialId(), t));
    }

    /** A task has started the trial (Spark's listener bus says so): running, at no epoch yet. */
    synchronized void started(String trialId) {
        TrialConfig t = submitted.get(trialId);
        if (t != null) {
            running.putIfAbsent(trialId, new HandOverFiles.Progress("", 0, t.maxEpochs(), Double.NaN));
        }
    }

    /** A task of the trial ended: its record is on its way, or the task was lost and Spark starts the trial again. */
    synchronized void stopped(String trialId) {
        running.remove(trialId);
    }

    /** A trial's progress file as read now; ignored for a trial not submitted or already landed. */
    synchronized void progressed(String trialId, HandOverFiles.Progress progress) {
        if (submitted.containsKey(trialId) && progress != null) {
            running.put(trialId, progress);
        }
    }

    synchronized void landed(TrialRecord record) {
        TrialConfig config = record.result().config();
        submitted.remove(config.trialId());
        running.remove(config.trialId());
        // A continued attempt trained only from its first trained epoch on.
        int epochs = record.result().epochsCompleted() - Math.max(1, record.result().firstTrainedEpoch()) + 1;
        if (record.result().epochsCompleted() > 0 && epochs > 0) {
            double[] rate = landedRates.computeIfAbsent(key(config), k -> new double[2]);
            rate[0] += record.taskSeconds();
            rate[1] += epochs;
        }
    }

    synchronized int running() {
        return running.size();
    }

    /** e.g. {@code epochs 212-340 of 1000}: the running trials' lowest and highest epoch, of their largest maximum. */
    synchronized String epochRange() {
        List<HandOverFiles.Progress> known = running.values().stream().filter(p -> p.epoch() > 0).toList();
        if (known.isEmpty()) {
            return "";
        }
        int low = known.stream().mapToInt(HandOverFiles.Progress::epoch).min().orElse(0);
        int high = known.stream().mapToInt(HandOverFiles.Progress::epoch).max().orElse(0);
        int of = known.stream().mapToInt(HandOverFiles.Progress::maxEpochs).max().orElse(0);
        return "epoch" + (low == high ? " " + low : "s " + low + "-" + high) + " of " + of;
    }

    /**
     * The time left for {@code left} trials: the submitted ones' remaining epochs at the measured seconds per epoch of
     * their architecture (or of all, where theirs has none yet), and for trials of later rounds, not submitted yet,
     * the average submitted trial's whole cost each; spread over {@code parallelism} trials at a time, but not less
     * than the slowest running trial needs; empty until some rate has been measured.
     */
    synchronized Optional<Duration> eta(int parallelism, int left) {
        Map<String, Double> rates = rates();
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        double all = rates.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double total = 0;
        double whole = 0;
        double slowest = 0;
        for (TrialConfig t : submitted.values()) {
            HandOverFiles.Progress p = running.get(t.trialId());
            double rate = rates.getOrDefault(key(t), all);
            int epochsLeft = t.maxEpochs() - (p == null ? 0 : Math.min(p.epoch(), t.maxEpochs()));
            double seconds = epochsLeft * rate;
            total += seconds;
            whole += t.maxEpochs() * rate;
            if (p != null) {
                slowest = Math.max(slowest, seconds);
            }
        }
        int later = left - submitted.size();
        if (later > 0 && !submitted.isEmpty()) {
            total += later * whole / submitted.size();
        }
        return Optional.of(Duration.ofSeconds(Math.round(Math.max(total / Math.max(1, parallelism), slowest))));
    }

    /** Seconds per epoch by architecture and engine: the landed trials' and the running trials' measurements together. */
    private Map<String, Double> rates() {
        Map<String, double[]> sums = new HashMap<>();
        landedRates.forEach((k, v) -> sums.put(k, v.clone()));
        running.forEach((id, p) -> {
            if (p.epoch() <= 0 || !Double.isFinite(p.secondsPerEpoch())) {
                return;
            }
            double[] s = sums.computeIfAbsent(key(submitted.get(id)), k -> new double[2]);
            s[0] += p.secondsPerEpoch() * p.epoch();
            s[1] += p.epoch();
        });
        Map<String, Double> rates = new HashMap<>();
        sums.forEach((k, v) -> {
            if (v[1] > 0) {
                rates.put(k, v[0] / v[1]);
            }
        });
        return rates;
    }

    private static String key(TrialConfig t) {
        return t.architecture() + "/" + t.engine().label() + "/" + t.strategy().name();
    }
}
