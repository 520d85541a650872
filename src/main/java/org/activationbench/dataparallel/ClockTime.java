package org.activationbench.dataparallel;

/**
 * dl4j-spark times its workers with an NTP client that queries public time servers by default. Runs here must not
 * reach outside the cluster (and often cannot), so the system clock is used instead: every class of the
 * data-parallel path calls {@link #use()} when it is loaded, on the driver and on executors alike.
 */
final class ClockTime {

    static final String PROPERTY = "org.deeplearning4j.spark.time.TimeSource";
    static final String SYSTEM_CLOCK = "org.deeplearning4j.spark.time.SystemClockTimeSource";

    private ClockTime() {}

    static void use() {
        System.setProperty(PROPERTY, SYSTEM_CLOCK);
    }
}
