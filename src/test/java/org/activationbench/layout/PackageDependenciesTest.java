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
 * A dependency counts wherever the code names a project class: an import, a fully qualified name, or a string (a class
 * loaded or launched by name); comments do not count.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "activationbench");
    private static final Pattern PROJECT_NAME = Pattern.compile("\\borg\\.activationbench\\.([a-z]+)\\.");

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
    void dependenciesFollowTheLayers() throws IOException {
        Map<String, Set<String>> violations = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertTrue(allowed != null, "a package the layers do not know: " + pkg);
                for (String used : packagesNamed(Files.readString(f))) {
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.computeIfAbsent(f.getFileName().toString(), k -> new TreeSet<>()).add(used);
                    }
                }
            }
        }
        assertEquals(Map.of(), violations);
    }

    @Test
    void aClassNamedInAStringOrByItsFullNameCountsAndACommentDoesNot() {
        String source = """
                package org.activationbench.bench;
                import org.activationbench.grid.TrialConfig;
                /** Unlike {@link org.activationbench.report.Reporter}, this runs org.activationbench.compare.Analysis. */
                class A {
                    // org.activationbench.stats.Power
                    String main = "org.activationbench.cli.Main";
                    String quoted = "a \\" org.activationbench.data.X";
                    Object stage = org.activationbench.model.Activations.names(); /* org.activationbench.train.T */
                    char c = '"';
                    String after = "org.activationbench.spark.Y";
                }
                """;
        assertEquals(Set.of("grid", "cli", "data", "model", "spark"), packagesNamed(source));
    }

    /**
     * The top-level project packages a source names outside its comments: in code (imports, qualified names) and in
     * string and character literals.
     */
    static Set<String> packagesNamed(String source) {
        StringBuilder kept = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) < 0 ? source.length() : source.indexOf("*/", i + 2) + 2;
                kept.append(' ');
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                // A literal, kept whole (text blocks too): its escapes cannot end it early.
                char quote = source.charAt(i);
                String end = quote == '"' && source.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(quote);
                int j = i + end.length();
                while (j < source.length() && !source.startsWith(end, j)) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(source.length(), j + end.length());
                kept.append(source, i, j);
                i = j;
            } else {
                kept.append(source.charAt(i++));
            }
        }
        Set<String> packages = new TreeSet<>();
        Matcher m = PROJECT_NAME.matcher(kept);
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
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
