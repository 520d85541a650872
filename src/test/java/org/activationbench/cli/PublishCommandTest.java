package org.activationbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.activationbench.results.TableFiles;
import org.activationbench.results.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} on a tuned grid: finished once its chosen rates' confirmation trials have landed, although the
 * grid lists a confirmation trial at every rate; cut short, or trained with other trials than its grid file's, it is
 * refused and writes nothing; published again, it says what it replaced; on its own tables, it re-analyses them, and
 * gives a publication from before learning_rates existed the table; a stored choice edited is refused.
 */
class PublishCommandTest {

    private static final String GRID = """
            experiment = "published"
            dataset = mnist
            grid { architectures = [mlp], activations = [relu, leakyrelu], alphas = [0.1], epochs = [1], seeds = 2 }
            data { train-examples = 1000, validation-examples = 500 }
            grid.learning-rates = [0.001, 0.01]
            protocol = tuned
            tuning.seeds = 2
            """;

    @TempDir
    Path dir;

    @Test
    void aFinishedTunedRunIsPublishedAndOneCutShortIsRefused() throws IOException {
        Path grid = Files.writeString(dir.resolve("g.conf"), GRID);
        Path out = dir.resolve("out");
        CommandRun ran = CommandRun.of("run", grid.toString(), "--output", out.toString(), "--no-report", "--master", "local[2]");
        assertEquals(0, ran.code(), ran.out() + ran.err());

        Path cut = dir.resolve("cut");
        CommandRun stage1 = CommandRun.of("run", grid.toString(), "--output", cut.toString(), "--no-report", "--master", "local[2]",
                "--set", "tuning.seeds=[1000]");
        assertEquals(0, stage1.code(), stage1.out() + stage1.err());
        Files.writeString(cut.resolve("grid.conf"), Files.readString(cut.resolve("grid.conf")).replace("[1000]", "[1000, 1001]"));
        // Its rates were chosen on seed 1000 alone, which the grid it now states did not choose from.
        CommandRun conflict = CommandRun.of("publish", "--output", cut.toString(), "--grid", grid.toString(), "--report-dir",
                dir.resolve("cut-report").toString());
        assertEquals(2, conflict.code(), conflict.out() + conflict.err());
        assertTrue(conflict.err().contains("tuning trial(s) of it that the choice was not made from (learning rate 0.001"
                + " seed 1001, learning rate 0.01 seed 1001)"), conflict.err());
        // Cut short before the choice: the missing tuning trials.
        deleteTree(cut.resolve("learning_rates"));
        CommandRun refused = CommandRun.of("publish", "--output", cut.toString(), "--grid", grid.toString(), "--report-dir",
                dir.resolve("cut-report").toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("trials the grid needs have not finished"), refused.err());
        assertFalse(Files.exists(dir.resolve("cut-report")), "a refused publication writes nothing");

        Path report = dir.resolve("report");
        CommandRun noGridFile = CommandRun.of("publish", "--output", out.toString(), "--report-dir", report.toString());
        assertEquals(2, noGridFile.code(), noGridFile.out() + noGridFile.err());
        assertTrue(noGridFile.err().contains("no grid file conf/grids/published.conf"), noGridFile.err());

        Path fewerSeeds = Files.writeString(dir.resolve("fewer.conf"), GRID.replace("seeds = 2 }", "seeds = 1 }"));
        CommandRun other = CommandRun.of("publish", "--output", out.toString(), "--grid", fewerSeeds.toString(),
                "--report-dir", report.toString());
        assertEquals(2, other.code(), other.out() + other.err());
        assertTrue(other.err().contains("is not a run of " + fewerSeeds) && other.err().contains("grid.seeds is [0] there,"
                + " [0,1] in the run"), other.err());
        assertFalse(Files.exists(report), "a refused publication writes nothing");

        CommandRun published = CommandRun.of("publish", "--output", out.toString(), "--grid", grid.toString(), "--report-dir",
                report.toString());
        assertEquals(0, published.code(), published.out() + published.err());
        assertTrue(Files.exists(report.resolve("report.ipynb")));
        assertTrue(Files.isDirectory(report.resolve("tables/runs")));
        assertFalse(published.out().contains("replaced"), published.out());

        CommandRun again = CommandRun.of("publish", "--output", out.toString(), "--grid", grid.toString(), "--report-dir",
                report.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().matches("(?s).*replaced the published published \\(16 trials trained at commit \\S+\\) by 16"
                + " trials trained at commit \\S+\\n.*"), again.out());

        Path reanalysed = Files.writeString(dir.resolve("margins.conf"), GRID + "analysis.baseline = relu\n");
        CommandRun inPlace = CommandRun.of("publish", "--output", report.resolve("tables").toString(), "--grid",
                reanalysed.toString(), "--report-dir", report.toString());
        assertEquals(0, inPlace.code(), inPlace.out() + inPlace.err());
        assertTrue(inPlace.out().contains("(re-analysed in place)"), inPlace.out());
        assertTrue(Files.isDirectory(report.resolve("tables/runs/experiment=published")));

        // The run's stored choices are published with it; a publication from before learning_rates existed gets the
        // table when published again in place, from the same tuning trials: the same files, byte for byte.
        Path rates = report.resolve("tables/learning_rates/experiment=published");
        Map<String, byte[]> stored = files(rates);
        assertEquals(files(out.resolve("learning_rates/experiment=published")).keySet(), stored.keySet());
        assertEquals(2, stored.size(), "a file per activation label: " + stored.keySet());
        Path manifest = report.resolve("tables/activation-bench.manifest");
        assertTrue(Files.readAllLines(manifest).contains("learning_rates"));
        deleteTree(report.resolve("tables/learning_rates"));
        Files.write(manifest, Files.readAllLines(manifest).stream().filter(l -> !l.equals("learning_rates")).toList());
        CommandRun older = CommandRun.of("publish", "--output", report.resolve("tables").toString(), "--grid",
                reanalysed.toString(), "--report-dir", report.toString());
        assertEquals(0, older.code(), older.out() + older.err());
        Map<String, byte[]> made = files(rates);
        assertEquals(stored.keySet(), made.keySet());
        stored.forEach((f, bytes) -> assertArrayEquals(bytes, made.get(f), f));
        assertTrue(Files.readAllLines(manifest).contains("learning_rates"), "--overwrite removes it with the others");

        // A stored choice edited away from what the tuning trials give: refused, exit code 2.
        String relu = stored.keySet().stream().filter(f -> rows(rates.resolve(f)).get(0).get("activation_label")
                .equals("relu")).findFirst().orElseThrow();
        List<Map<String, Object>> flipped = rows(rates.resolve(relu)).stream().map(r -> {
            Map<String, Object> row = new HashMap<>(r);
            row.put("chosen", !(Boolean) r.get("chosen"));
            return row;
        }).toList();
        Files.delete(rates.resolve(relu));
        TableFiles.write(report.resolve("tables"), "published", Tables.LEARNING_RATES, flipped, relu);
        CommandRun edited = CommandRun.of("publish", "--output", report.resolve("tables").toString(), "--grid",
                reanalysed.toString(), "--report-dir", report.toString());
        assertEquals(2, edited.code(), edited.out() + edited.err());
        assertTrue(edited.err().startsWith("publish: learning_rates holds the rate chosen for relu on mlp (mnist, adam,"
                + " xavier)") && edited.err().contains("restore them"), edited.err());
    }

    private static Map<String, byte[]> files(Path partition) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(partition)) {
            for (Path f : list.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The rows of one Parquet file, read with DuckDB, each by column name. */
    private static List<Map<String, Object>> rows(Path file) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
