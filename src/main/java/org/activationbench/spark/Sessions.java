package org.activationbench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a run: the cluster's settings from spark-submit, or local mode with all cores. */
public final class Sessions {

    private Sessions() {}

    /**
     * @param master null to keep spark-submit's master (or default to {@code local[*]} when there is none)
     */
    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            // Embedded mode: nothing listens beyond this machine, and the UI is off unless asked for.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        return SparkSession.builder().appName(appName).config(conf).getOrCreate();
    }
}
