package org.activationbench.report;

import java.util.List;

/** The trials that did not finish or have not yet, the grid as it ran, and where, with what and at what cost the trials ran. */
final class RunFacts {

    private RunFacts() {}

    static void failures(Page page) {
        page.table("DIVERGED trials keep the checkpoints they reached; FAILED ones are run again by --resume.",
                List.of("trial", "architecture", "activation", "seed", "status", "error", "message"), """
                SELECT trial_id, setting, activation_label, seed, status, coalesce(error_class, '') AS error,
                       coalesce(error_message, '') AS message
                FROM runs
                WHERE status <> 'OK'
                ORDER BY setting_order(setting), activation_label, seed""");
    }

    static void unfinished(Page page) {
        page.table("Trials with checkpoints but no result yet: still running, or cut short by a kill (run --resume runs"
                + " them again). Their checkpoints so far are in the tables and comparisons above.",
                List.of("trial", "architecture", "activation", "seed", "last checkpoint"), """
                SELECT trial_id, setting, activation_label, seed, last_checkpoint
                FROM unfinished
                ORDER BY setting_order(setting), activation_label, seed""");
    }

    static void grid(Page page, String gridText) {
        page.text("## The grid");
        page.text("```hocon\n" + gridText.strip() + "\n```");
    }

    /** @param cpu whether the runs hold the executors' processor model (rows landed before it existed do not) */
    static void provenance(Page page, boolean cpu) {
        page.table("Where and with what the trials ran, and what they cost.", List.of("", ""), """
                SELECT unnest(['trials', 'training time, summed over trials',
                               'task CPU time (task wall time x native threads), summed',
                               'first trial start to last trial end', 'activation-bench', 'Deeplearning4j / ND4J', 'Spark',
                               'Java', 'OS', 'CPU', 'executor hosts', 'native threads per trial']) AS item,
                       unnest(facts) AS value
                FROM (SELECT [CAST(count(*) AS VARCHAR),
                              seconds_and_hours(sum(train_seconds)),
                              seconds_and_hours(sum(task_seconds * native_threads)),
                              seconds_and_hours((epoch_ms(max(finished_at)) - epoch_ms(min(started_at))) / 1000),
                              distinct_text(list(project_version || ' (' || git_commit || ')')),
                              distinct_text(list(dl4j_version)) || ', ' || distinct_text(list(nd4j_backend)),
                              distinct_text(list(spark_version)),
                              distinct_text(list(java_version)),
                              distinct_text(list(os)),
                              %s,
                              distinct_text(list(executor_host)),
                              distinct_text(list(CAST(native_threads AS VARCHAR)))] AS facts
                      FROM runs)""".formatted(cpu ? "coalesce(distinct_text(list(cpu)), 'not recorded')" : "'not recorded'"));
    }
}
