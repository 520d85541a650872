package org.activationbench.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.activationbench.model.NativeBackend;
import org.junit.jupiter.api.Test;

/**
 * The JVM options live in conf/jvm (java @argfiles); every place that starts a JVM reads them or, where a format
 * cannot read a file (a Spark properties file, the jar's manifest), repeats them, and this test holds them equal.
 */
class JvmOptionsTest {

    private static final Path ADD_OPENS = Path.of("conf", "jvm", "add-opens");
    private static final Path JIT = Path.of("conf", "jvm", "jit");
    private static final Path NATIVES = Path.of("conf", "jvm", "natives");

    /** The options of an argfile: comments (from #) dropped, whitespace-separated. */
    private static List<String> options(Path argfile) throws IOException {
        return Files.readAllLines(argfile).stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty())
                .flatMap(l -> Arrays.stream(l.split("\\s+"))).toList();
    }

    @Test
    void theArgfilesHoldTheOptions() throws IOException {
        List<String> opens = options(ADD_OPENS);
        assertEquals(14, opens.size());
        assertTrue(opens.stream().allMatch(o -> o.matches("--add-opens=java\\.base/[a-z.]+=ALL-UNNAMED")), opens.toString());
        assertTrue(options(JIT).contains("-XX:InlineSmallCode=500"));
        assertEquals(List.of("-D" + NativeBackend.EXTENSION_PROPERTY + "=" + NativeBackend.EXTENSION,
                "--add-modules=jdk.incubator.vector", "-XX:+ExplicitGCInvokesConcurrent"), options(NATIVES),
                "the natives a JVM started without the argfile selects for itself, the vector API's module, and "
                        + "System.gc() as a concurrent cycle for NativeMemoryGuard");
    }

    @Test
    void thisTestJvmLoadsTheNativesOfTheArgfile() throws IOException {
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(options(NATIVES)),
                "surefire's argLine reads conf/jvm/natives");
    }

    @Test
    void thisTestJvmCompilesWithTheJitOptionsOfTheArgfile() throws IOException {
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(options(JIT)),
                "surefire's argLine reads conf/jvm/jit");
    }

    @Test
    void thisTestJvmWasStartedWithTheOpensFromTheArgfile() throws IOException {
        assertTrue(ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(options(ADD_OPENS)),
                "surefire's argLine reads conf/jvm/add-opens");
    }

    @Test
    void jobsScriptsReadTheArgfiles() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "source jobs/lib.sh && echo \"$ADD_OPENS\" && echo \"$JIT_OPTS\" && echo \"$NATIVE_OPTS\"")
                .redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), lines.toString());
        assertEquals(String.join(" ", options(ADD_OPENS)), lines.get(0));
        assertEquals(String.join(" ", options(JIT)), lines.get(1));
        assertEquals(String.join(" ", options(NATIVES)), lines.get(2));
    }

    @Test
    void theClusterConfRepeatsThemForDriverAndExecutors() throws IOException {
        String conf = Files.readString(Path.of("conf", "spark-cluster.conf"));
        List<String> executor = property(conf, "spark.executor.extraJavaOptions");
        List<String> driver = property(conf, "spark.driver.extraJavaOptions");
        assertTrue(executor.containsAll(options(ADD_OPENS)) && executor.containsAll(options(JIT))
                && executor.containsAll(options(NATIVES)), executor.toString());
        assertTrue(driver.containsAll(options(ADD_OPENS)), driver.toString());
        assertEquals(options(ADD_OPENS).size() + options(JIT).size() + 1,
                executor.stream().filter(o -> o.startsWith("--add-opens") || o.startsWith("-XX:")).count(),
                "no option beyond the argfiles' of those kinds");
    }

    @Test
    void theJarsManifestOpensTheSamePackages() throws IOException {
        Matcher m = Pattern.compile("<Add-Opens>([^<]+)</Add-Opens>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        List<String> manifest = Arrays.stream(m.group(1).trim().split("\\s+"))
                .map(p -> "--add-opens=" + p + "=ALL-UNNAMED").toList();
        assertEquals(options(ADD_OPENS), manifest);
    }

    /** No other file spells the list out again. */
    @Test
    void nowhereElseListsThem() throws IOException {
        List<Path> allowed = List.of(ADD_OPENS, Path.of("conf", "spark-cluster.conf"));
        try (Stream<Path> files = Stream.of("src", "jobs", "conf", "pom.xml").map(Path::of).flatMap(JvmOptionsTest::walk)) {
            List<Path> offenders = files.filter(Files::isRegularFile).filter(f -> !allowed.contains(f))
                    .filter(f -> read(f).contains("add-opens=java.base/") || read(f).contains("Tier4InvocationThreshold="))
                    .filter(f -> !f.equals(JIT) && !f.endsWith("JvmOptionsTest.java")).toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static List<String> property(String conf, String key) {
        return conf.lines().filter(l -> l.startsWith(key + " ")).findFirst().map(l -> l.substring(key.length()).strip())
                .map(v -> Arrays.asList(v.split("\\s+"))).orElseThrow();
    }

    private static Stream<Path> walk(Path p) {
        try {
            return Files.walk(p).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
