package org.activationbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder holding a report, marked as one by {@value #MARKER}, which lists the files the report wrote there. A new
 * report goes only into a new or empty folder or one that holds a report, and replacing a report removes only the
 * files its marker lists: nothing else in the folder is touched.
 */
public final class ReportFolder {

    public static final String MARKER = ".activation-bench-report";
    /** A published report's own copy of its run's tables, inside its folder: the one output folder a report may hold. */
    public static final String PUBLISHED_TABLES = "tables";
    private static final String HEADER = "# an activation-bench report; replacing it removes only the files listed here";
    /** What a report held before the marker existed: such a folder is recognised by these names alone and adopted. */
    private static final Set<String> LEGACY = Set.of("report.ipynb", "report.html", "figures");

    private ReportFolder() {}

    /**
     * Why a report may not be written into {@code dir}, or empty if it may.
     *
     * @param output the run's output folder, path or URI: a report inside it, or around it, is refused
     */
    public static Optional<String> problem(Path dir, String output) {
        if (!output.contains("://") || output.startsWith("file:")) {
            Path out = Path.of(output.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize();
            Path report = dir.toAbsolutePath().normalize();
            if (report.startsWith(out) || out.startsWith(report) && !out.equals(report.resolve(PUBLISHED_TABLES))) {
                return Optional.of("--report-dir " + dir + " overlaps the output folder " + output + "; choose a report folder"
                        + " outside it (the default is notebooks-out/<experiment>)");
            }
        }
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("--report-dir " + dir + " is a file, not a folder; choose another --report-dir");
        }
        if (Files.exists(dir.resolve(MARKER)) || isEmpty(dir) || isLegacyReport(dir)) {
            return Optional.empty();
        }
        return Optional.of("--report-dir " + dir + " holds files that are not an activation-bench report (it has no " + MARKER
                + "); choose a new or empty folder");
    }

    /**
     * Writes the report's files (relative path to content) into {@code dir}: all of them first under a hidden staging
     * folder inside it, then the previous report's own files removed and the new ones moved in.
     */
    static void replace(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        List<String> previous = ownFiles(dir);
        Path staging = Files.createTempDirectory(dir, ".writing-");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = staging.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            for (String old : previous) {
                Files.deleteIfExists(dir.resolve(old));
            }
            for (String name : files.keySet()) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteEmptyFolders(dir.resolve("figures"));
            Files.writeString(dir.resolve(MARKER), HEADER + "\n" + String.join("\n", files.keySet()) + "\n",
                    StandardCharsets.UTF_8);
        } finally {
            deleteStaging(staging);
        }
    }

    /** The files the report in {@code dir} wrote: listed by its marker, or for a report from before it, its layout. */
    private static List<String> ownFiles(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        List<String> own = new ArrayList<>();
        if (Files.exists(marker)) {
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                Path p = Path.of(line.strip()).normalize();
                if (!line.isBlank() && !line.startsWith("#") && !p.isAbsolute() && !p.startsWith("..")) {
                    own.add(p.toString());
                }
            }
        } else if (isLegacyReport(dir)) {
            own.add("report.ipynb");
            own.add("report.html");
            if (Files.isDirectory(dir.resolve("figures"))) {
                try (Stream<Path> figures = Files.list(dir.resolve("figures"))) {
                    figures.filter(f -> f.getFileName().toString().endsWith(".png"))
                            .forEach(f -> own.add("figures/" + f.getFileName()));
                }
            }
        }
        return own;
    }

    /** Empty, or holding only the published tables of the report about to be written (see {@link #PUBLISHED_TABLES}). */
    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.noneMatch(e -> !e.getFileName().toString().equals(PUBLISHED_TABLES));
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder holding only what a report wrote before the marker existed: report.html and report.ipynb, figures/. */
    private static boolean isLegacyReport(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            return names.contains("report.html") && LEGACY.containsAll(names);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteEmptyFolders(Path dir) throws IOException {
        if (Files.isDirectory(dir) && isEmpty(dir)) {
            Files.delete(dir);
        }
    }

    /** The staging folder holds only files this process wrote into it. */
    private static void deleteStaging(Path staging) throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
