package org.activationbench.storage;

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
    /** A run's own report folder, inside its output folder: where {@code run} and {@code report} write by default. */
    public static final String OWN = "report";
    private static final String HEADER = "# an activation-bench report; replacing it removes only the files listed here";
    /** The marker's first line in a report written by {@code publish}: no other command writes there. */
    private static final String PUBLISHED_HEADER = "# a published activation-bench report, checked in with its tables"
            + " (tables/): only `publish` replaces it, removing only the files listed here";
    /** The file that marks a published report's tables as a run's output folder. */
    private static final String GRID_FILE = "grid.conf";
    /** What a report held before the marker existed: such a folder is recognised by these names alone and adopted. */
    private static final Set<String> LEGACY = Set.of("report.ipynb", "report.html", "figures");

    private ReportFolder() {}

    /**
     * Why {@code run} or {@code report} may not write a report into {@code dir}, or empty if it may: besides
     * {@link #publishProblem}'s reasons, a published report, or a folder inside one, is written only by {@code publish}.
     *
     * @param output the run's output folder, path or URI: a report inside it is refused, except its own {@value #OWN}
     */
    public static Optional<String> problem(Path dir, String output) {
        Optional<Path> published = publishedAround(dir);
        if (published.isPresent()) {
            return Optional.of("--report-dir " + dir + " is " + (published.get().equals(dir.toAbsolutePath().normalize())
                    ? "" : "inside ") + "the published report " + published.get() + ", which only `publish` writes"
                    + " (jobs/run-local.sh publish --output " + output + "); choose another --report-dir (the default is "
                    + OWN + "/ inside the output folder)");
        }
        return check(dir, output, false);
    }

    /**
     * Why {@code publish} may not write a report into {@code dir}, or empty if it may: a folder overlapping the output
     * folder (but the published tables' copy inside the report), a file, or a folder holding files no report wrote.
     */
    public static Optional<String> publishProblem(Path dir, String output) {
        return check(dir, output, true);
    }

    /**
     * Why {@code analyze}, {@code report} or {@code run} may not write into the output folder {@code output}, or empty if
     * they may: the tables of a published report are rewritten only by {@code publish}.
     */
    public static Optional<String> outputProblem(String output) {
        return local(output).flatMap(ReportFolder::publishedAround).map(p -> "--output " + output + " is inside the"
                + " published report " + p + ", whose tables only `publish` writes (jobs/run-local.sh publish --output " + output
                + " re-analyses them with its grid file's analysis settings); to try other settings, copy the tables to"
                + " another folder first");
    }

    /** The default report folder of a run written to {@code output}: {@value #OWN}/ inside it, or, for an output on a
     * remote file system, {@code reports/<experiment>}, which no published report (notebooks-out/) can be. */
    public static Path defaultFor(String output, String experiment) {
        return local(output).map(o -> o.resolve(OWN)).orElse(Path.of("reports", experiment));
    }

    /** Whether {@code dir} holds a published report: its marker says so, or its tables lie beside its notebook. */
    public static boolean isPublished(Path dir) {
        Path marker = dir.resolve(MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readAllLines(marker, StandardCharsets.UTF_8).stream()
                    .anyMatch(PUBLISHED_HEADER::equals)) {
                return true;
            }
        } catch (IOException e) {
            // An unreadable marker is judged by the folder's content below.
        }
        return Files.isRegularFile(dir.resolve(PUBLISHED_TABLES).resolve(GRID_FILE))
                && (Files.exists(dir.resolve("report.ipynb")) || Files.exists(dir.resolve("report.html")));
    }

    /** {@code dir} or the nearest folder around it that holds a published report, if any. */
    private static Optional<Path> publishedAround(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (isPublished(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A path or {@code file:} URI as a local absolute path; empty for another file system's URI. */
    private static Optional<Path> local(String output) {
        if (output.contains("://") && !output.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(output.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize());
    }

    private static Optional<String> check(Path dir, String output, boolean publishing) {
        Optional<Path> out = local(output);
        if (out.isPresent()) {
            Path report = dir.toAbsolutePath().normalize();
            boolean own = publishing ? out.get().equals(report.resolve(PUBLISHED_TABLES)) : report.equals(out.get().resolve(OWN));
            if (!own && (report.startsWith(out.get()) || out.get().startsWith(report))) {
                return Optional.of("--report-dir " + dir + " overlaps the output folder " + output + "; choose a report folder"
                        + " outside it, or its own " + OWN + "/ (the default)");
            }
        }
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("--report-dir " + dir + " is a file, not a folder; choose another --report-dir");
        }
        if (Files.exists(dir.resolve(MARKER)) || isEmpty(dir) || isLegacyReport(dir) || isPublished(dir)) {
            return Optional.empty();
        }
        return Optional.of("--report-dir " + dir + " holds files that are not an activation-bench report (it has no " + MARKER
                + "); choose a new or empty folder");
    }

    /**
     * Writes the report's files (relative path to content) into {@code dir}: all of them first under a hidden staging
     * folder inside it, then the previous report's own files removed and the new ones moved in.
     */
    public static void replace(Path dir, Map<String, byte[]> files, boolean published) throws IOException {
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
            Files.writeString(dir.resolve(MARKER), (published ? PUBLISHED_HEADER : HEADER) + "\n" + String.join("\n", files.keySet()) + "\n",
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
