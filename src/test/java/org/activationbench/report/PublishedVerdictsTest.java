package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every row of every published comparisons table says what its interval says: better or worse exactly when the
 * interval excludes 0 on that side (negligible when it also lies inside plus or minus the margin), equivalent exactly
 * when it covers 0 and lies inside the margin, undecided otherwise, not testable only without an interval, not reached
 * where every trial of the pairs counts at a speed's lower bound. Read with
 * DuckDB from the checked-in Parquet files, as an analyst would.
 */
class PublishedVerdictsTest {

    @Test
    void noPublishedVerdictContradictsItsInterval() throws Exception {
        List<Path> tables;
        try (Stream<Path> reports = Files.list(Path.of("notebooks-out"))) {
            tables = reports.map(r -> r.resolve("tables/comparisons")).filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(tables.size() >= 5, "the published experiments: " + tables);
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            for (Path t : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + t.toAbsolutePath() + "/*/*.parquet',"
                        + " hive_partitioning = true)")) {
                    while (r.next()) {
                        rows++;
                        String expected = expected(r);
                        String shown = r.getString("verdict") + (r.getBoolean("negligible") ? " (negligible)" : "");
                        if (!expected.equals(shown)) {
                            wrong.add(t + ": " + r.getString("architecture") + " " + r.getString("metric") + " epoch "
                                    + r.getInt("epoch") + " " + r.getString("candidate") + ": " + shown + ", its interval says "
                                    + expected);
                        }
                    }
                }
            }
        }
        System.out.println(rows + " published comparison rows, " + wrong.size() + " whose verdict contradicts its interval");
        assertTrue(rows > 900, "every published row is read: " + rows);
        assertEquals(List.of(), wrong);
    }

    /** Whether every trial of the row's pairs counts at a speed's lower bound (tables published before n_censored: no). */
    private static boolean notReached(ResultSet r) throws java.sql.SQLException {
        java.sql.ResultSetMetaData meta = r.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equals("n_censored")) {
                int censored = r.getInt(i);
                return !r.wasNull() && censored > 0 && censored == 2 * r.getInt("n_pairs");
            }
        }
        return false;
    }

    /** The verdict the row's interval and margin give. */
    private static String expected(ResultSet r) throws java.sql.SQLException {
        double low = r.getDouble("ci_low");
        boolean none = r.wasNull();
        double high = r.getDouble("ci_high");
        double margin = r.getDouble("margin");
        if (none) {
            return "not testable";
        }
        if (notReached(r)) {
            return "not reached";
        }
        boolean inside = low > -margin && high < margin;
        boolean higherIsBetter = r.getBoolean("higher_is_better");
        if (low > 0 || high < 0) {
            return ((low > 0) == higherIsBetter ? "better" : "worse") + (inside ? " (negligible)" : "");
        }
        return inside ? "equivalent" : "undecided";
    }
}
