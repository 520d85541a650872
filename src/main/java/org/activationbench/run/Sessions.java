package org.activationbench.run;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a run: the cluster's settings from spark-submit, or local mode with all cores. */
public final class Sessions {

    private Sessions() {}

    /**
     * Why {@code --ui} cannot be served safely, or empty. Spark's web UI listens on {@code SPARK_LOCAL_IP} and, when that
     * is unset, on every interface, without authentication.
     */
    public static Optional<String> uiProblem() {
        String ip = System.getenv("SPARK_LOCAL_IP");
        if (ip == null || ip.isBlank()) {
            return Optional.of("--ui: SPARK_LOCAL_IP is not set, so Spark's web UI would listen on every interface;"
                    + " export SPARK_LOCAL_IP=<the driver's address> (jobs/run-local.sh sets 127.0.0.1)");
        }
        return Optional.empty();
    }

    /** A session with the driver's web UI off. */
    public static SparkSession create(String appName, String master) {
        return create(appName, master, false);
    }

    /**
     * @param master null to keep spark-submit's master (or default to {@code local[*]} when there is none)
     * @param ui     serve the driver's web UI (unauthenticated, so bound to the driver's host only); off otherwise, for
     *               every master
     */
    public static SparkSession create(String appName, String master, boolean ui) {
        SparkSession session = SparkSession.builder().appName(appName).config(conf(master, ui)).getOrCreate();
        if (ui) {
            // Spark logs the address only at INFO, which the project's logging leaves out.
            System.err.println("Spark web UI: " + (session.sparkContext().uiWebUrl().isDefined()
                    ? session.sparkContext().uiWebUrl().get() : "not started (spark.ui.enabled is false)"));
        }
        return session;
    }

    /** The session's settings: spark-submit's, then these defaults. */
    static SparkConf conf(String master, boolean ui) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            // Embedded mode: nothing listens beyond this machine.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // Only --ui turns the UI on, whatever spark-submit was given; Spark binds it to SPARK_LOCAL_IP (see uiProblem).
        conf.set("spark.ui.enabled", String.valueOf(ui));
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        return conf;
    }
}
