package org.activationbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunOutlineTest {

    private static final List<String> ORDERED = List.of("cnn", "cnn · data-parallel", "mlp", "mlp · data-parallel",
            "mlp-deep-2", "mlp-deep-2 · data-parallel", "mlp-deep-4", "mlp-deep-16", "mlp-deep-16 · data-parallel",
            "mlp-deep-32");

    /** The Java order of settings (conclusion, figures) and the notebook's setting_order macro (tables) agree. */
    @Test
    void settingsSortByArchitectureWithItsNumberAsANumberThenStrategyInJavaAndInSql() throws Exception {
        List<String> shuffled = new ArrayList<>(ORDERED);
        Collections.shuffle(shuffled, new Random(5));
        assertEquals(ORDERED, shuffled.stream().sorted(RunOutline.SETTING_ORDER).toList());

        List<String> sql = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            for (String statement : LandedViews.setup(List.of(), "any", false)) {
                s.execute(statement);
            }
            String values = shuffled.stream().map(RunOutline::literal).map(v -> "(" + v + ")").collect(Collectors.joining(", "));
            try (ResultSet r = s.executeQuery("SELECT setting FROM (VALUES " + values + ") t(setting) ORDER BY setting_order(setting)")) {
                while (r.next()) {
                    sql.add(r.getString(1));
                }
            }
        }
        assertEquals(ORDERED, sql);
    }
}
