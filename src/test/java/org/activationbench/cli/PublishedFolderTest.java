package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in published report of a canonical grid ({@code notebooks-out/depth}) is written only by {@code publish}:
 * its grid file run with overrides writes its report beside its results, {@code run}, {@code report} and
 * {@code analyze} aimed at the published folder are refused, {@code publish} refuses the overridden run, and every
 * file of the published folder is byte for byte what it was.
 */
class PublishedFolderTest {

    private static final Path PUBLISHED = Path.of("notebooks-out", "depth");

    @TempDir
    Path dir;

    @Test
    void aCanonicalGridWithOverridesLeavesThePublishedReportAsItWas() {
        Map<String, String> before = digests(PUBLISHED);
        assertTrue(before.containsKey("report.ipynb") && before.keySet().stream().anyMatch(f -> f.startsWith("tables/runs/")),
                "the published report and its tables are where this test looks: " + before.keySet());
        Path out = dir.resolve("depth-smoke");
        String[] smaller = {"--set", "grid.architectures=[mlp-deep-2]", "--set", "grid.alphas=[0.1]", "--set", "grid.seeds=2",
            "--set", "grid.epochs=[1]", "--set", "data.train-examples=500", "--master", "local[2]"};

        CommandRun ran = run("run", "conf/grids/depth.conf", "--output", out.toString(), smaller);
        assertEquals(0, ran.code(), ran.out() + ran.err());
        Path report = out.resolve("report");
        assertTrue(ran.out().contains("report: " + report.resolve("report.html")), ran.out());
        assertTrue(Files.isRegularFile(report.resolve("report.ipynb")));

        CommandRun intoPublished = run("run", "conf/grids/depth.conf", "--output", dir.resolve("other").toString(),
                "--report-dir", PUBLISHED.toString(), smaller);
        assertEquals(2, intoPublished.code(), intoPublished.out() + intoPublished.err());
        assertTrue(intoPublished.err().contains("is the published report") && intoPublished.err().contains("only `publish`"),
                intoPublished.err());
        assertFalse(Files.exists(dir.resolve("other")), "a refused run writes nothing");

        CommandRun reportInto = CommandRun.of("report", "--output", out.toString(), "--report-dir", PUBLISHED.toString());
        assertEquals(2, reportInto.code(), reportInto.out() + reportInto.err());
        assertTrue(reportInto.err().contains("only `publish` writes"), reportInto.err());

        for (String command : new String[] {"report", "analyze"}) {
            CommandRun onTables = CommandRun.of(command, "--output", PUBLISHED.resolve("tables").toString());
            assertEquals(2, onTables.code(), command + ": " + onTables.out() + onTables.err());
            assertTrue(onTables.err().contains("inside the published report") && onTables.err().contains("publish --output"),
                    onTables.err());
        }

        CommandRun publish = CommandRun.of("publish", "--output", out.toString());
        assertEquals(2, publish.code(), publish.out() + publish.err());
        assertTrue(publish.err().contains("is not a run of conf/grids/depth.conf") && publish.err().contains("grid.seeds"),
                publish.err());

        assertEquals(before, digests(PUBLISHED), "every file of the published report and its tables, byte for byte");
    }

    private static CommandRun run(String command, String grid, String outputFlag, String output, String... rest) {
        String[] args = Stream.concat(Stream.of(command, grid, outputFlag, output), Stream.of(rest)).toArray(String[]::new);
        return CommandRun.of(args);
    }

    private static CommandRun run(String command, String grid, String outputFlag, String output, String reportFlag,
            String report, String... rest) {
        return run(command, grid, outputFlag, output, Stream.concat(Stream.of(reportFlag, report), Stream.of(rest))
                .toArray(String[]::new));
    }

    /** Every file under {@code root} (hidden ones included), by relative path, with its SHA-256. */
    private static Map<String, String> digests(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, String> digests = new TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(f).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
            return digests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
