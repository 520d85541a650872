package org.activationbench.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activationbench.train.Vocabularies;
import org.junit.jupiter.api.Test;

/**
 * Every published trial is still a trial of its grid: the ids in each published runs table (read with DuckDB from the
 * checked-in Parquet files) are listed by the grid stored beside them and by its grid file under conf/grids/, so that
 * a resume or a regrown run finds them; a fixed grid lists exactly the trials it published.
 */
class PublishedTrialIdsTest {

    private final GridParser parser = new GridParser(Vocabularies.standard());

    private static Set<String> ids(GridSpec grid) {
        return grid.trials().stream().map(TrialConfig::trialId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> published(Statement s, Path tables) throws java.sql.SQLException {
        Set<String> ids = new TreeSet<>();
        try (ResultSet r = s.executeQuery("SELECT DISTINCT trial_id FROM read_parquet('" + tables.toAbsolutePath()
                + "/runs/*/*.parquet', hive_partitioning = true)")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    @Test
    void everyPublishedTrialIdIsATrialOfItsGrid() throws Exception {
        List<Path> published;
        try (Stream<Path> reports = Files.list(Path.of("notebooks-out"))) {
            published = reports.map(r -> r.resolve("tables")).filter(t -> Files.isRegularFile(t.resolve("grid.conf")))
                    .sorted().toList();
        }
        assertTrue(published.size() >= 5, "the published experiments: " + published);
        int checked = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            for (Path tables : published) {
                GridSpec stored = parser.parse(tables.resolve("grid.conf"), List.of());
                Set<String> ids = published(s, tables);
                assertTrue(ids.size() >= 10, tables + ": " + ids.size() + " trials");
                assertEquals(List.of(), minus(ids, ids(stored)), tables + ": published trials its stored grid does not list");
                GridSpec file = parser.parse(Path.of("conf/grids", stored.experiment() + ".conf"), List.of());
                assertEquals(List.of(), minus(ids, ids(file)), tables + ": published trials conf/grids does not list");
                if (!stored.tuned() && stored.sequential() == null) {
                    assertEquals(ids(stored), ids, tables + ": a fixed grid runs every trial it lists");
                }
                checked += ids.size();
            }
        }
        System.out.println(checked + " published trial ids, each listed by its stored grid and its grid file");
    }

    /** The first few of {@code a} not in {@code b}, with how many there are. */
    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = a.stream().filter(id -> !b.contains(id)).toList();
        return out.isEmpty() ? out : List.of(out.size() + " trials, e.g. " + out.subList(0, Math.min(5, out.size())));
    }
}
