package org.activationbench.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Where and with what a trial ran: recorded on every result row, since numbers can differ across platforms. */
public record Provenance(
        String projectVersion,
        String gitCommit,
        String dl4jVersion,
        String sparkVersion,
        String backend,
        String javaVersion,
        String os,
        String host,
        int nativeThreads) implements java.io.Serializable {

    private static final Properties BUILD = load();

    /** The provenance of this JVM, as the ND4J backend reports it now. */
    public static Provenance current() {
        String backend = nativeBackend();
        return new Provenance(BUILD.getProperty("version", "unknown"), buildCommit(),
                BUILD.getProperty("dl4j.version", "unknown"), BUILD.getProperty("spark.version", "unknown"), backend,
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                hostName(), Nd4j.getEnvironment().maxThreads());
    }

    /** The ND4J backend, its BLAS with the kernels it was told to use, and oneDNN's instruction set. */
    private static String nativeBackend() {
        return Nd4j.getBackend().getClass().getSimpleName() + " / " + Nd4j.factory().blas().getBlasVendor()
                + openBlasCoreType().map(kernels -> " (OPENBLAS_CORETYPE=" + kernels + ")").orElse("")
                + " / oneDNN " + OneDnnIsa.current();
    }

    /**
     * What besides a trial's configuration decides the last bits of its numbers: this build ({@link #codeVersion()}),
     * the native backend with its kernels and instruction set, and the native threads and OpenMP team this thread
     * trains with (they order native reductions). A saved trial state is continued only where all of them are the same.
     */
    public static String arithmetic() {
        return codeVersion() + " / " + nativeBackend() + " / " + Nd4j.getEnvironment().maxThreads() + " native threads, OpenMP team "
                + org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /**
     * The version and commit of this build ("0.1.0 3f2a9c1", "-dirty" if its work tree had changes): what a saved trial
     * state must have been written by to be continued here.
     */
    public static String codeVersion() {
        return BUILD.getProperty("version", "unknown") + " " + buildCommit();
    }

    /**
     * The OpenBLAS kernels this process was told to use, if any: they change results (see docs/performance.md), and
     * without the variable OpenBLAS picks by CPU model.
     */
    public static Optional<String> openBlasCoreType() {
        String kernels = System.getenv("OPENBLAS_CORETYPE");
        return kernels == null || kernels.isBlank() ? Optional.empty() : Optional.of(kernels.strip());
    }

    /** The abbreviated commit the build came from, with "-dirty" if the work tree had changes. */
    private static String buildCommit() {
        String commit = BUILD.getProperty("git.commit", "unknown");
        if (commit.isEmpty() || commit.startsWith("${")) {
            return "unknown";
        }
        return "true".equals(BUILD.getProperty("git.dirty")) ? commit + "-dirty" : commit;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/activation-bench.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
