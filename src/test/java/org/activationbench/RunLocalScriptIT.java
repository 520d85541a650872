package org.activationbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/run-local.sh --data DIR} leaves that folder to the jar, which names the file missing there: exit 2,
 * nothing written, and no word about the default data folder. Runs the script on the jar {@code mvn package} built.
 */
class RunLocalScriptIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    /**
     * The Spark runtime the build assembles for local mode and the cluster holds one version of each jar: a rebuild
     * after a version change replaces the earlier jars (two spark-core versions side by side stop a worker from starting).
     */
    @Test
    void theSparkRuntimeHoldsOneVersionOfEachJar() throws Exception {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("(.+?)-(\\d[\\w.]*).*\\.jar");
        java.util.Map<String, java.util.Set<String>> versions = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> jars = Files.list(ROOT.resolve("target/spark-home/jars"))) {
            jars.map(p -> p.getFileName().toString()).forEach(name -> {
                java.util.regex.Matcher m = named.matcher(name);
                assertTrue(m.matches(), "a jar without a version: " + name);
                versions.computeIfAbsent(m.group(1), k -> new java.util.TreeSet<>()).add(m.group(2));
            });
        }
        assertTrue(versions.containsKey("spark-core_2.12"), versions.keySet().toString());
        versions.forEach((jar, found) -> assertEquals(1, found.size(), jar + " in several versions: " + found));
    }

    @Test
    void aMissingDataFolderIsNamedWithItsFirstFile() throws Exception {
        Path data = dir.resolve("nowhere");
        Run r = runLocal("--data", data.toString());
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("run: " + data.resolve("mnist/train-images-idx3-ubyte") + ": missing. Fetch it with"
                + " 'jobs/fetch-data.sh mnist --data " + data + "'"), r.output());
        assertFalse(r.output().contains("present in"), "the default data folder is not the one asked for: " + r.output());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /** A folder holding the training images only: the labels are named, in the --data=DIR form too. */
    @Test
    void aPartialDataFolderNamesTheFileMissingThere() throws Exception {
        Path data = dir.resolve("partial");
        Files.createDirectories(data.resolve("mnist"));
        Files.createSymbolicLink(data.resolve("mnist/train-images-idx3-ubyte"),
                ROOT.resolve("data/mnist/train-images-idx3-ubyte").toRealPath());
        Run r = runLocal("--data=" + data);
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("run: " + data.resolve("mnist/train-labels-idx1-ubyte") + ": missing."), r.output());
        assertFalse(r.output().contains("present in"), r.output());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    /** {@code --help} prints the run command's options and exits 0, without fetching data or starting Spark. */
    @Test
    void helpListsTheOptionsAndFetchesNothing() throws Exception {
        for (List<String> args : List.of(List.of("--help"), List.of("conf/grids/fashion-mnist.conf", "--help"),
                List.of("report", "--help"))) {
            Run r = script(args);
            assertEquals(0, r.code(), args + ": " + r.output());
            String command = args.get(0).equals("report") ? "report" : "run";
            assertTrue(r.output().contains("Usage: activation-bench " + command), args + ": " + r.output());
            assertTrue(r.output().contains("--output"), args + ": " + r.output());
            assertFalse(r.output().contains("fetch-data") || r.output().contains("present in"), args + ": " + r.output());
        }
    }

    record Run(int code, String output) {}

    private Run runLocal(String... data) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("conf/grids/quick.conf",
                "--set", "data.train-examples=300", "--output", dir.resolve("out").toString()));
        args.addAll(List.of(data));
        return script(args);
    }

    private Run script(List<String> args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(ROOT.resolve("target/activation-bench.jar")), "run after mvn package");
        List<String> command = new java.util.ArrayList<>(List.of("bash", "jobs/run-local.sh"));
        command.addAll(args);
        Path log = dir.resolve("run-local.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_CORES", "1");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("jobs/run-local.sh did not finish in 180 s:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }
}
