package org.activationbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's shell commands run as written, and so do those of {@code docs/trials.md}, the one trial the README sends a
 * user to: every line of their {@code ```bash} blocks, the README's first, each a test of its own named by its file and
 * line, run with {@code bash -c} against the built jar and the scripts.
 *
 * <p>Each command runs in a copy of the project root made of symbolic links to {@code jobs/}, {@code conf/},
 * {@code src/}, {@code target/}, {@code docs/}, {@code data/} and {@code README.md}, a copy of {@code pom.xml} with its
 * time (so {@code build_if_needed} sees an up-to-date jar), and real, empty {@code results/} and {@code notebooks-out/}:
 * the commands write where the documents say, {@code results/<experiment>} and {@code notebooks-out/<experiment>}, but
 * not into the checkout (checked at the end). The documented grid lines are alternatives, each a run of its own, so a
 * line that trains a grid gets a fresh copy, and every other line runs in the copy of the line before it.
 * {@code jobs/cluster.sh} keeps its cluster's state in {@code target/cluster}, as for
 * {@link org.activationbench.cluster.StandaloneClusterIT}; the cluster it starts is stopped after the last line
 * whatever happened.
 *
 * <p>What is appended to the documented text, to keep the commands cheap (nothing else is changed):
 * <ul>
 *   <li>a line that trains a grid ({@code jobs/run-local.sh} or {@code jobs/submit.sh} without {@code --plan} or a
 *       subcommand): {@code --set data.train-examples=256}, so each trial trains on 256 examples instead of 60,000;</li>
 *   <li>{@code java -jar ... train}: {@code --train-examples 256}, the same for the one trial;</li>
 *   <li>a line of {@link #PLANNED}: {@code --plan}, which parses its options and checks its grid and overrides as a
 *       run would, and trains nothing: these lines train for many minutes even on 256 examples, or run again the
 *       pipeline of a line run here.</li>
 * </ul>
 * The lines of {@link #SKIPPED} are not run. {@code jobs/fetch-data.sh} runs as written: with the data present it
 * does nothing, and without it it fetches into the checkout's {@code data/}, where the other tests read it.
 */
class ReadmeCommandsIT {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path LOGS = ROOT.resolve("target/readme-commands-it");
    /** The documents whose commands run, in this order. */
    static final List<String> DOCUMENTS = List.of("README.md", "docs/trials.md");

    /** Documented lines not run, and why. */
    static final Map<String, String> SKIPPED = Map.of(
            "mvn -B verify", "the build that runs this test",
            "mvn -B package -DskipTests", "failsafe runs after package: the jar the other lines use is built",
            "jobs/run-local.sh publish --output results/depth", "it needs a complete run of depth.conf (1.2 core-hours),"
                    + " and publish refuses a smaller one; PublishCommandTest publishes a complete run of a small grid");

    /** Documented lines checked with {@code --plan} appended instead of run, and why. */
    static final Map<String, String> PLANNED = Map.of(
            "jobs/run-local.sh conf/grids/depth.conf", "150 trials of 2 to 32 hidden layers, 10 epochs each",
            "jobs/run-local.sh --set grid.seeds=10 --set grid.epochs=[1,5,10]", "40 trials of 10 epochs",
            "jobs/run-local.sh --resume", "on the finished quick run it would only compare and report again, as"
                    + " `jobs/run-local.sh` did (KillAndResumeTest resumes killed runs)",
            "jobs/run-local.sh --overwrite", "it would train the quick grid again, as `jobs/run-local.sh` did"
                    + " (OutputSafetyTest checks what it removes)",
            "jobs/run-local.sh --resume --set grid.seeds=10", "it would train the new seeds of the quick grid (GrownRunTest"
                    + " grows a run and compares it with one trained from scratch)");

    static final String TRAIN_EXAMPLES = "256";
    static final int TIMEOUT_SECONDS = 300;
    static final Set<String> SUBCOMMANDS = Set.of("report", "analyze", "publish", "findings");

    private static Path farms;
    private static Map<String, String> checkoutOutputsBefore;
    /** The project root the last line ran in. */
    private static Path current;
    private static boolean clusterStarted;
    private static boolean broken;
    /** What was done with each documented line, in order, for the log: run, planned or skipped, and its seconds. */
    private static final Map<String, String> DONE = new LinkedHashMap<>();
    private static long totalSeconds;

    /** One command of a {@code ```bash} block, at its line of its document. */
    record Line(String document, int number, String command) {
        String label() {
            return document + " line " + number;
        }
    }

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(ROOT.resolve("target/activation-bench.jar")), "run after mvn package");
        deleteTree(LOGS);
        Files.createDirectories(LOGS);
        // A cluster left by an interrupted run of this test or StandaloneClusterIT; stop ends only what the script started.
        run(ROOT, "jobs/cluster.sh stop", LOGS.resolve("cluster-stop-before.log"));
        // The scripts fetch into data/; a dangling link would stop them.
        Files.createDirectories(ROOT.resolve("data"));
        farms = Files.createTempDirectory("readme-commands");
        checkoutOutputsBefore = outputs(ROOT);
    }

    @AfterAll
    static void cleanUp() throws IOException, InterruptedException {
        try {
            if (clusterStarted) {
                List<Long> pids = clusterPids();
                Run stop = run(ROOT, "jobs/cluster.sh stop", LOGS.resolve("cluster-stop-after.log"));
                assertEquals(0, stop.code, stop.output);
                for (long pid : pids) {
                    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                            "cluster process " + pid + " left running");
                }
            }
            assertEquals(checkoutOutputsBefore, outputs(ROOT),
                    "the documented commands wrote into the checkout's results/ or notebooks-out/");
        } finally {
            if (farms != null) {
                deleteTree(farms);
            }
            System.out.println("documented commands by line:");
            DONE.forEach((line, what) -> System.out.println("  " + line + ": " + what));
            System.out.println("  total " + totalSeconds + " s");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRunsAsWritten() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String document : DOCUMENTS) {
            lines.addAll(bashLines(document, Files.readAllLines(ROOT.resolve(document), StandardCharsets.UTF_8)));
        }
        List<String> commands = lines.stream().map(Line::command).toList();
        for (String listed : concat(SKIPPED.keySet(), PLANNED.keySet())) {
            assertTrue(commands.contains(listed),
                    "no document of " + DOCUMENTS + " has the command '" + listed + "' any more; update SKIPPED or PLANNED");
        }
        assertTrue(commands.stream().anyMatch(c -> c.startsWith("jobs/cluster.sh start")),
                "the README's cluster block is gone");
        Map<String, Line> seen = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Line line : lines) {
            String name = line.label() + ": " + line.command;
            Line first = seen.putIfAbsent(line.command, line);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Assumptions.assumeFalse(broken, "an earlier documented command failed");
                if (first != null) {
                    DONE.put(line.label(), "skipped, the same command as " + first.label());
                    Assumptions.abort("the same command as " + first.label() + ", run there");
                }
                if (SKIPPED.containsKey(line.command)) {
                    DONE.put(line.label(), "skipped, " + SKIPPED.get(line.command));
                    Assumptions.abort("not run: " + SKIPPED.get(line.command));
                }
                boolean ok = false;
                try {
                    runLine(line);
                    ok = true;
                } finally {
                    broken |= !ok;
                }
            }));
        }
        return tests.stream();
    }

    private static void runLine(Line line) throws Exception {
        List<String> words = List.of(line.command.split("\\s+"));
        boolean script = words.get(0).equals("jobs/run-local.sh") || words.get(0).equals("jobs/submit.sh");
        boolean trainsAGrid = script && !words.contains("--plan")
                && (words.size() < 2 || !SUBCOMMANDS.contains(words.get(1)));
        String command = line.command;
        Pattern expected = Pattern.compile("");
        if (PLANNED.containsKey(line.command)) {
            command += " --plan";
            expected = Pattern.compile("(?m)^plan of \\S+: \\d+ trials");
        } else if (trainsAGrid) {
            command += " --set data.train-examples=" + TRAIN_EXAMPLES;
            expected = Pattern.compile("(?m)^\\S+: \\d+ trials run");
        } else if (words.contains("--plan")) {
            expected = Pattern.compile("(?m)^plan of \\S+: \\d+ trials");
        } else if (line.command.contains(" -jar target/activation-bench.jar train")) {
            command += " --train-examples " + TRAIN_EXAMPLES;
            expected = Pattern.compile("(?m)^status OK");
        } else if (words.size() > 1 && words.get(1).equals("publish")) {
            expected = Pattern.compile("(?m)^published: ");
        } else if (line.command.startsWith("jobs/cluster.sh start")) {
            clusterStarted = true;
            expected = Pattern.compile("registered");
        }
        if (current == null || trainsAGrid && !PLANNED.containsKey(line.command)) {
            current = newFarm();
        }
        if (words.size() > 1 && words.get(1).equals("publish")) {
            // The published reports are checked in: the line analyses a copy of them, never the checkout's.
            copyTree(ROOT.resolve("notebooks-out"), current.resolve("notebooks-out"));
        }
        long start = System.nanoTime();
        Run r = run(current, command, LOGS.resolve(line.document.replace('/', '-') + "-line-" + line.number + ".log"));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        totalSeconds += seconds;
        DONE.put(line.label(), "$ " + command + "  (exit " + r.code + ", " + seconds + " s)");
        assertEquals(0, r.code, line.label() + " exited " + r.code + ":\n$ " + command + "\n" + tail(r.output));
        assertTrue(expected.matcher(r.output).find(), line.label() + " did not print /" + expected + "/:\n$ "
                + command + "\n" + tail(r.output));
    }

    /**
     * The commands of a document's {@code ```bash} blocks with their line numbers: comments removed, continued lines
     * joined, blank lines dropped.
     */
    static List<Line> bashLines(String document, List<String> readme) {
        List<Line> lines = new ArrayList<>();
        boolean inBash = false;
        StringBuilder pending = new StringBuilder();
        int pendingLine = 0;
        for (int i = 0; i < readme.size(); i++) {
            String text = readme.get(i);
            if (!inBash) {
                inBash = text.strip().equals("```bash");
                continue;
            }
            if (text.strip().equals("```")) {
                inBash = false;
                continue;
            }
            String command = text.replaceFirst("(^|\\s)#.*$", "").strip();
            if (pending.isEmpty()) {
                pendingLine = i + 1;
            }
            if (command.endsWith("\\")) {
                pending.append(command, 0, command.length() - 1).append(' ');
                continue;
            }
            pending.append(command);
            String joined = pending.toString().strip().replaceAll("\\s+", " ");
            pending.setLength(0);
            if (!joined.isEmpty()) {
                lines.add(new Line(document, pendingLine, joined));
            }
        }
        return lines;
    }

    /** A project root for one run: links to the checkout, with empty output folders of its own. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Path newFarm() {
        try {
            Path farm = Files.createTempDirectory(farms, "root");
            for (String name : List.of("jobs", "conf", "src", "target", "docs", "README.md")) {
                Files.createSymbolicLink(farm.resolve(name), ROOT.resolve(name));
            }
            Files.createSymbolicLink(farm.resolve("data"), ROOT.resolve("data").toRealPath());
            Files.copy(ROOT.resolve("pom.xml"), farm.resolve("pom.xml"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.createDirectory(farm.resolve("results"));
            Files.createDirectory(farm.resolve("notebooks-out"));
            return farm;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Run(int code, String output) {}

    /** Runs {@code command} with bash in {@code dir}, its output to {@code log}; the process tree is ended on a timeout. */
    static Run run(Path dir, String command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The scripts bind Spark to 127.0.0.1 themselves; this keeps anything else on loopback too.
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_MASTER_PORT"); // the README's commands use the default port, 7077
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("'" + command + "' did not finish within " + TIMEOUT_SECONDS + " s; if a documented line trains a big grid,"
                    + " list it in PLANNED:\n" + tail(Files.readString(log)));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    /** The pids of the master and workers that jobs/cluster.sh started from this checkout. */
    private static List<Long> clusterPids() throws IOException {
        Path state = ROOT.resolve("target/cluster");
        if (!Files.isDirectory(state)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(state)) {
            List<Long> pids = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                pids.add(Long.parseLong(Files.readString(f).strip()));
            }
            return pids;
        }
    }

    /** Every file under the checkout's results/ and notebooks-out/, with its size and time. */
    private static Map<String, String> outputs(Path root) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String folder : List.of("results", "notebooks-out")) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.sorted().toList()) {
                    files.put(root.relativize(f).toString(), Files.isRegularFile(f)
                            ? Files.size(f) + " bytes, " + Files.getLastModifiedTime(f) : "folder");
                }
            }
        }
        return files;
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Deletes a folder; symbolic links are removed, never followed. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
