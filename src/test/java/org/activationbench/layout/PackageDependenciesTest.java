package org.activationbench.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main packages depend one way, along grid → data → model → train → storage → results → executor → dataparallel →
 * run → bench, and results → compare → rounds and report, with cli wiring them all: nothing upstream depends on compare
 * or report, and every package says what it is.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "activationbench");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.activationbench\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** What each package may import (besides itself), as docs and package-info say. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("grid", Set.of()),
            Map.entry("data", Set.of()),
            Map.entry("stats", Set.of()),
            Map.entry("model", Set.of("grid")),
            Map.entry("train", Set.of("grid", "data", "model")),
            Map.entry("storage", Set.of("grid", "data", "train")),
            Map.entry("results", Set.of("grid", "train", "storage")),
            Map.entry("executor", Set.of("grid", "data", "model", "train", "storage", "results")),
            Map.entry("dataparallel", Set.of("grid", "data", "model", "train", "storage", "results", "executor")),
            Map.entry("run", Set.of("grid", "data", "model", "train", "storage", "results", "executor", "dataparallel")),
            Map.entry("bench", Set.of("grid", "data", "model", "train", "storage", "results", "executor", "dataparallel", "run")),
            Map.entry("compare", Set.of("grid", "train", "results", "stats")),
            Map.entry("rounds", Set.of("grid", "train", "storage", "results", "run", "stats", "compare")),
            Map.entry("report", Set.of("grid", "model", "train", "storage", "results", "stats", "compare")),
            Map.entry("cli", Set.of("grid", "data", "model", "train", "storage", "results", "executor", "dataparallel", "run",
                    "bench", "stats", "compare", "rounds", "report")));

    @Test
    void importsFollowTheLayers() throws IOException {
        Map<String, Set<String>> violations = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertTrue(allowed != null, "a package the layers do not know: " + pkg);
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg) && !allowed.contains(m.group(1))) {
                        violations.computeIfAbsent(f.getFileName().toString(), k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        assertEquals(Map.of(), violations);
    }

    @Test
    void everyPackageSaysWhatItIs() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            Set<String> missing = new TreeSet<>(dirs.filter(Files::isDirectory).filter(d -> !d.equals(MAIN))
                    .filter(d -> !Files.exists(d.resolve("package-info.java"))).map(d -> MAIN.relativize(d).toString()).toList());
            assertEquals(Set.of(), missing);
        }
    }

    /** The fast engine's replacements stand on Deeplearning4j alone; the model package chooses between the engines. */
    @Test
    void theFastPathDependsOnNothingOfTheProject() throws IOException {
        Path fastpath = MAIN.resolve("model").resolve("fastpath");
        try (Stream<Path> files = Files.list(fastpath)) {
            List<String> offenders = files.filter(p -> lines(p).stream().anyMatch(
                    l -> l.startsWith("import org.activationbench.") && !l.startsWith("import org.activationbench.model.fastpath.")))
                    .map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
