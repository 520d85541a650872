package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.activationbench.compare.ComparedRun;
import org.activationbench.compare.Comparison;
import org.activationbench.compare.Metric;
import org.activationbench.compare.Snapshot.RunRow;
import org.activationbench.compare.Verdict;
import org.activationbench.model.ActivationSpec;
import org.activationbench.model.Activations;
import org.activationbench.stats.FamilyInterval;
import org.activationbench.train.Learning;
import org.activationbench.train.TrialStatus;

/**
 * The report's first section: what the comparisons (the rows just written to the {@code comparisons} table) say at
 * each setting's last checkpoint, and what they say about the claims the benchmark tests.
 */
final class Conclusion {

    private static final String DEEP = "mlp-deep-";

    private final ComparedRun run;
    private final RunOutline outline;
    private final String baseline;

    /** The comparisons the speed claim reads, and what the reader needs to know of them (empty: nothing). */
    private final List<Comparison> speed;
    private final String speedNote;

    /** Whether the comparisons are of more than one condition, so that each must say which. */
    private final boolean conditions;

    Conclusion(ComparedRun run, RunOutline outline) {
        this(run, outline, run.comparisons(), "");
    }

    /**
     * @param speed     the comparisons for the claim "converges faster": of a tuned grid, those at one rate for
     *                  every activation where it has them, since at rates tuned apart the speed would be the rates'
     * @param speedNote said after that claim
     */
    Conclusion(ComparedRun run, RunOutline outline, List<Comparison> speed, String speedNote) {
        this.run = run;
        this.outline = outline;
        this.baseline = run.settings().baseline();
        this.speed = speed;
        this.speedNote = speedNote;
        this.conditions = run.comparisons().stream().map(Comparison::condition).distinct().count() > 1;
    }

    /** A comparison's candidate, and in a run of several conditions the condition it was compared under. */
    private String candidate(Comparison c) {
        return conditions ? c.candidate() + " under `" + c.condition() + "`" : c.candidate();
    }

    String markdown() {
        List<RunRow> runs = run.snapshot().runs();
        StringBuilder b = new StringBuilder("## Conclusion\n\n");
        b.append(String.format("%d trials (%d OK, %d diverged, %d failed)", runs.size(), count(TrialStatus.OK),
                count(TrialStatus.DIVERGED), count(TrialStatus.FAILED)));
        int unfinished = run.snapshot().unfinished().size();
        b.append(unfinished == 0 ? ". " : String.format(", and %d unfinished: still running or cut short, compared on the"
                + " checkpoints they have reached (listed below). ", unfinished));
        int untrained = run.snapshot().untrained().size();
        if (untrained > 0) {
            b.append(String.format("%d did not learn (test accuracy within %s of chance, or a final training loss above"
                    + " the initial one: runs.learned is false; each comparison counts its own in n_untrained). ",
                    untrained, Learning.CHANCE_TOLERANCE));
        }
        int outside = run.snapshot().outside().size();
        if (outside > 0) {
            b.append(String.format("%d more in the tables are no longer in the grid and are left out: %s. ", outside,
                    String.join(", ", run.snapshot().outside())));
        }
        if (run.snapshot().epochs().isEmpty()) {
            return b.toString();
        }
        for (String setting : outline.settings()) {
            b.append(accuracy(setting));
        }
        b.append("\n\n### The articles' claims, on this run\n");
        b.append("\n- *\"Leaky ReLU prevents dying neurons\"*: ").append(claim(run.comparisons(), Metric.INACTIVE_FRACTION,
                c -> c.verdict() + " (" + Format.percent(c.stats().meanBaseline()) + " of " + baseline + "'s hidden units "
                        + state(activation(baseline)) + " vs " + Format.percent(c.stats().meanCandidate()) + " "
                        + state(c.candidateActivation()) + "; " + evidence(c) + ")"));
        b.append("\n- *\"Leaky ReLU converges faster\"*: ").append(claim(speed, Metric.EPOCHS_TO_97, Conclusion::speed))
                .append(speedNote);
        b.append("\n- *\"Leaky ReLU is better in deeper networks\"*: ").append(depthClaim());
        return b.toString();
    }

    /**
     * What a unit never positive on the training set is under an activation: dead where the activation's slope below
     * zero is zero (no gradient reaches it), else only inactive (it still passes a gradient).
     */
    static String state(String activation) {
        return Activations.find(activation).map(ActivationSpec::zeroBelowZero).orElse(false) ? "dead" : "inactive";
    }

    /** The activation of a label: {@code leakyrelu(0.1)} is leakyrelu's. */
    private static String activation(String label) {
        int slope = label.indexOf('(');
        return slope < 0 ? label : label.substring(0, slope);
    }

    private long count(TrialStatus status) {
        return run.snapshot().runs().stream().filter(r -> r.status() == status).count();
    }

    private String accuracy(String setting) {
        int epoch = outline.finalEpoch(setting);
        List<Comparison> acc = select(setting, Metric.TEST_ACCURACY);
        StringBuilder b = new StringBuilder();
        if (acc.isEmpty()) {
            boolean baselineHere = run.snapshot().epochs().stream()
                    .anyMatch(e -> e.setting().equals(setting) && e.label().equals(baseline));
            return b.append("\n\n**").append(setting).append("**: no comparison with ").append(baseline)
                    .append(baselineHere ? " (no other activation reached a checkpoint here: diverged, failed or unfinished"
                            + " before the first)." : " (the baseline has no results here).").toString();
        }
        int seeds = acc.stream().mapToInt(c -> c.stats().pairs()).max().orElse(0);
        Comparison first = acc.get(0);
        b.append("\n\n**").append(setting).append(", test accuracy after epoch ").append(epoch).append("** (")
                .append(seeds).append(seeds == 1 ? " paired seed" : " paired seeds").append("; margin ±")
                .append(Format.fixed(100 * first.margin(), 3)).append(" points; ")
                .append(acc.stream().anyMatch(c -> c.interval().defined()) ? "intervals at "
                        + Format.fixed(100 * first.interval().level(), 1) + "%, Bonferroni over the " + first.familySize()
                        + (first.familySize() == 1 ? " candidate" : " candidates")
                        : "no intervals: a paired t interval needs " + FamilyInterval.MIN_PAIRS + " pairs").append("): ");
        b.append(acc.stream().map(c -> candidate(c) + " **" + c.verdict() + "**" + (c.negligible() ? " (negligible)" : "")
                + ", " + Format.points(c.stats().meanDifference()) + " points (" + evidence(c) + ")"
                + (c.seedsToDecide() != null ? "; about " + c.seedsToDecide() + " seeds would decide it" : ""))
                .collect(Collectors.joining("; "))).append('.');
        double[] detectable = acc.stream().mapToDouble(c -> c.stats().minDetectable()).filter(d -> !Double.isNaN(d)).sorted()
                .toArray();
        if (detectable.length > 0) {
            b.append(" With ").append(seeds).append(" seeds this run detects (with 80% power, unadjusted) differences of ")
                    .append(range(100 * detectable[0], 100 * detectable[detectable.length - 1]))
                    .append(" points or more, depending on the candidate's spread.");
        }
        return b.toString();
    }

    /** The interval a verdict is read from: the sequential design's for a sequential comparison, else the Bonferroni t interval. */
    private static String evidence(Comparison c) {
        String interval = Format.points(c.interval().low()) + " to " + Format.points(c.interval().high());
        if (c.sequential() != null) {
            return "repeated interval " + interval + ", " + c.sequential().stop().text() + " after "
                    + c.sequential().seedsUsed() + " seeds";
        }
        int pairs = c.stats().pairs();
        return c.interval().defined() ? "interval " + interval : "not testable with " + pairs + (pairs == 1 ? " pair" : " pairs")
                + ": a paired t interval needs " + FamilyInterval.MIN_PAIRS;
    }

    private static String range(double low, double high) {
        return Math.abs(high - low) < 0.005 ? Format.fixed(low, 2) : Format.fixed(low, 2) + " to " + Format.fixed(high, 2);
    }

    /**
     * What an epochs-to-97% comparison says: a trial that had not reached 97% by the checkpoint counts at the lower
     * bound (the next epoch), so the sentence says how many did not, and where none did it gives no speed at all.
     */
    static String speed(Comparison c) {
        int trials = 2 * c.stats().pairs();
        if (c.verdict() == Verdict.NOT_REACHED) {
            return "not reached (" + NotReached.none(c.metric(), trials, c.epoch()) + ")";
        }
        String notReached = NotReached.some(c.metric(), c.censored(), trials, c.epoch());
        return c.verdict() + " (" + Format.fixed(c.stats().meanBaseline(), 2) + " vs "
                + Format.fixed(c.stats().meanCandidate(), 2) + " epochs to 97%" + (notReached.isEmpty() ? "" : ", where "
                + notReached) + "; " + evidence(c) + ")";
    }

    /** What the comparisons of the slope activations with the baseline say on one metric at the final checkpoints. */
    private String claim(List<Comparison> comparisons, Metric metric, Function<Comparison, String> verdict) {
        List<String> parts = new ArrayList<>();
        for (String setting : outline.settings()) {
            for (Comparison c : select(comparisons, setting, metric)) {
                if (c.candidateAlpha() != null) {
                    parts.add(setting + ", " + candidate(c) + ": " + verdict.apply(c));
                }
            }
        }
        if (parts.isEmpty()) {
            boolean slopes = run.snapshot().runs().stream().anyMatch(r -> r.alpha() != null)
                    || run.snapshot().epochs().stream().anyMatch(e -> e.alpha() != null);
            return slopes ? "not tested on this run: its activations with a slope have no comparison with " + baseline
                    + " at the last checkpoint (no results there: diverged, failed or unfinished before it)."
                    : "not tested by this grid (it has no activation with a slope besides the baseline).";
        }
        return String.join("; ", parts) + ".";
    }

    /**
     * The accuracy differences of the slope activations by depth, within each strategy: the depth comes from the
     * comparison's architecture, never from the setting's label (which may carry the strategy).
     */
    private String depthClaim() {
        Map<String, Map<Integer, List<Comparison>>> byStrategy = new TreeMap<>();
        for (String setting : outline.settings()) {
            for (Comparison c : select(setting, Metric.TEST_ACCURACY)) {
                if (c.architecture().startsWith(DEEP) && c.candidateAlpha() != null) {
                    byStrategy.computeIfAbsent(c.strategy(), s -> new TreeMap<>())
                            .computeIfAbsent(Integer.parseInt(c.architecture().substring(DEEP.length())), d -> new ArrayList<>())
                            .add(c);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        byStrategy.values().stream().filter(depths -> depths.size() >= 2).forEach(depths -> depths.values().forEach(
                cs -> cs.forEach(c -> parts.add(c.setting() + " " + candidate(c) + " " + Format.points(c.stats().meanDifference())
                        + " points (" + c.verdict() + ")"))));
        if (parts.isEmpty()) {
            return "not tested by this grid (it needs several mlp-deep-N architectures; see conf/grids/depth.conf).";
        }
        return "test accuracy difference with " + baseline + " by depth: " + String.join("; ", parts)
                + ". The claim holds only if the differences grow with depth and are significant.";
    }

    private List<Comparison> select(String setting, Metric metric) {
        return select(run.comparisons(), setting, metric);
    }

    private List<Comparison> select(List<Comparison> comparisons, String setting, Metric metric) {
        int epoch = outline.finalEpoch(setting);
        return comparisons.stream().filter(c -> c.setting().equals(setting) && c.epoch() == epoch && c.metric() == metric)
                .toList();
    }
}
