package org.activationbench.storage;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * Where the trials of a run keep their state while they train ({@code --state-dir}, default {@code <output>/state}):
 * one folder per trial, {@code <state>/<trial_id>/}. Executors write there directly, so the folder must be one every
 * executor reaches: with a cluster master, a state folder on the driver's own disk is refused unless the user named
 * it with {@code --state-dir} (a mount shared by every host is then trusted) or the master is a standalone master on
 * a loopback address, whose executors all run on the driver's machine. Serializable, so tasks carry it.
 */
public final class StateFolder implements Serializable {

    /** The default folder's name under the output folder. */
    public static final String DEFAULT_NAME = "state";

    /** A run that keeps no state ({@code --no-state}, and data-parallel trials). */
    public static final StateFolder OFF = new StateFolder(null, false, false);

    private final String root;
    private final boolean keep;
    private final boolean explicit;

    private StateFolder(String root, boolean keep, boolean explicit) {
        this.root = root;
        this.keep = keep;
        this.explicit = explicit;
    }

    /**
     * The state folder of a run.
     *
     * @param output   the run's output folder (path or URI)
     * @param stateDir {@code --state-dir}, or null for {@code <output>/state}
     * @param master   the Spark master the run uses ({@code local[*]}, {@code spark://...}, {@code yarn}, ...)
     * @throws RefusedException for a master with executors on other machines and the default folder on the
     *                                      driver's disk
     */
    public static StateFolder resolve(String output, String stateDir, boolean keep, boolean off, String master) {
        if (off) {
            if (stateDir != null || keep) {
                throw new RefusedException("--no-state keeps no state, so it takes neither --state-dir nor"
                        + " --keep-state");
            }
            return OFF;
        }
        boolean explicit = stateDir != null;
        if (explicit && stateDir.isBlank()) {
            throw new RefusedException("--state-dir: '" + stateDir + "' is not a folder or URI");
        }
        String root = qualified(explicit ? new Path(stateDir) : new Path(new Path(output), DEFAULT_NAME));
        if (!explicit && !executorsShareDriversDisk(master) && isDriverLocal(root)) {
            throw new RefusedException("the trials' state would go to " + root + ", on the driver's own disk, but"
                    + " master " + master + " runs trials on executors that write their state themselves and may not"
                    + " reach it; pass --state-dir URI on a file system every executor reaches (hdfs://, s3a://, or a"
                    + " folder mounted at the same path on every host), or --no-state to keep no state");
        }
        return new StateFolder(root, keep, explicit);
    }

    /**
     * Checks, on the driver before any work, that the folder's file system is reachable and that the folder is not a
     * file; writes nothing. Throws {@link RefusedException}.
     */
    public void checkReachable() {
        if (!enabled()) {
            return;
        }
        try {
            FileSystem fs = fileSystem();
            if (fs.exists(root()) && !fs.getFileStatus(root()).isDirectory()) {
                throw new RefusedException("the state folder " + root + " is a file; pass another --state-dir");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RefusedException("the state folder " + root + " cannot be reached (" + e.getMessage()
                    + "); pass --state-dir with a path or URI of a file system every executor reaches, or --no-state");
        }
    }

    /** Whether trials keep state at all. */
    public boolean enabled() {
        return root != null;
    }

    /** Whether a trial's state stays after its row has landed ({@code --keep-state}). */
    public boolean keep() {
        return keep;
    }

    /** Whether the user named the folder ({@code --state-dir}) rather than it being the output folder's. */
    public boolean explicit() {
        return explicit;
    }

    /** The folder, as given or as derived from the output folder. */
    public String location() {
        return root;
    }

    /** The folder as a Hadoop path; refused when state is off. */
    public Path root() {
        return new Path(checkEnabled());
    }

    /** The folder of one trial's state: {@code <state>/<trial_id>/}. */
    public Path trial(String trialId) {
        if (!isTrialFolder(trialId)) {
            throw new IllegalArgumentException("not a trial id: '" + trialId + "'");
        }
        return new Path(root(), trialId);
    }

    /** Whether {@code name} is that of a trial's folder, {@code <trial_id>} (16 hexadecimal digits). */
    public static boolean isTrialFolder(String name) {
        return name.matches("[0-9a-f]{16}");
    }

    /** The file system holding the folder, with the Hadoop settings of this JVM's Spark configuration. */
    public FileSystem fileSystem() {
        try {
            FileSystem fs = root().getFileSystem(hadoopConfiguration());
            fs.setWriteChecksum(false);
            return fs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the state folder " + root, e);
        }
    }

    /**
     * Hadoop's settings with every {@code spark.hadoop.*} entry of this JVM's Spark configuration (an executor's
     * included), as Spark gives its own readers: S3 credentials and endpoints set on spark-submit reach the executors.
     */
    static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        SparkConf spark = env != null ? env.conf() : new SparkConf();
        for (scala.Tuple2<String, String> e : spark.getAll()) {
            if (e._1().startsWith("spark.hadoop.")) {
                conf.set(e._1().substring("spark.hadoop.".length()), e._2());
            }
        }
        return conf;
    }

    /**
     * The folder as every JVM must read it: a path without a scheme is resolved here, on the driver, against the default file
     * system (the working directory, or an HDFS home when {@code fs.defaultFS} is HDFS), as the output folder is.
     */
    private static String qualified(Path path) {
        if (path.toUri().getScheme() != null) {
            return path.toString(); // a URI names its file system; it is checked when first written
        }
        try {
            return path.getFileSystem(hadoopConfiguration()).makeQualified(path).toString();
        } catch (IOException | RuntimeException e) {
            throw new RefusedException("the state folder " + path + " cannot be reached (" + e.getMessage()
                    + "); pass --state-dir with a path or URI of a file system this installation reaches");
        }
    }

    /**
     * Whether every executor of {@code master} runs on the driver's machine: {@code local}, {@code local[N]},
     * {@code local-cluster[...]}, and a standalone master on a loopback address ({@code spark://127.0.0.1:7077},
     * {@code spark://localhost:7077}, {@code spark://[::1]:7077}), which only workers on this machine can reach.
     */
    static boolean executorsShareDriversDisk(String master) {
        if (master == null || master.startsWith("local")) {
            return true;
        }
        if (!master.startsWith("spark://")) {
            return false; // yarn, k8s://, mesos://: executors are wherever the cluster manager puts them
        }
        // A standalone master may be a list for high availability: spark://host1:7077,host2:7077.
        for (String address : master.substring("spark://".length()).split(",")) {
            if (!isLoopback(hostOf(address))) {
                return false;
            }
        }
        return true;
    }

    /** The host of {@code host:port}, {@code [v6]:port} or a bare host; IPv6 brackets removed. */
    private static String hostOf(String address) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            return close < 0 ? address : address.substring(1, close);
        }
        int colon = address.indexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    /**
     * {@code localhost}, an IPv4 literal in 127.0.0.0/8, or the IPv6 loopback literal. Decided from the text alone:
     * no name is looked up, so a host name that merely resolves to this machine is not trusted.
     */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.matches("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            return true;
        }
        if (host.contains(":") && host.matches("[0-9A-Fa-f:.]+")) {
            try {
                // An IPv6 literal (only hex digits and colons) is parsed, never looked up.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** A path or {@code file:} URI: a folder on the driver's own disk. */
    static boolean isDriverLocal(String location) {
        String scheme = URI.create(new Path(location).toUri().toString()).getScheme();
        return scheme == null || scheme.equals("file");
    }

    private String checkEnabled() {
        if (root == null) {
            throw new IllegalStateException("this run keeps no state");
        }
        return root;
    }

    @Override
    public String toString() {
        return root == null ? "no state" : root + (keep ? " (kept)" : "");
    }
}
