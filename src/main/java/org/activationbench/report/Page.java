package org.activationbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The report as it is assembled: blocks in reading order, each table and figure filled from the query it shows. */
final class Page {

    private final LandedTables tables;
    private final Charts charts;
    private final List<Block> blocks = new ArrayList<>();

    Page(LandedTables tables, Charts charts) {
        this.tables = tables;
        this.charts = charts;
    }

    Charts charts() {
        return charts;
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    void text(String markdown) {
        blocks.add(new Block.Text(markdown));
    }

    /** A query whose rows shape a block (which columns it needs) but are not shown themselves. */
    LandedTables.Rows query(String sql) {
        return tables.query(sql);
    }

    /** A table whose rows are the query's rows, every value as the query formats it. */
    void table(String caption, List<String> header, String sql) {
        table(rows -> caption, header, sql);
    }

    /** A table whose caption is written from the same rows it shows. */
    void table(Function<LandedTables.Rows, String> caption, List<String> header, String sql) {
        LandedTables.Rows rows = tables.query(sql);
        if (rows.columns().size() != header.size()) {
            throw new IllegalStateException("header " + header + " does not fit the query's columns " + rows.columns());
        }
        blocks.add(new Block.Table(caption.apply(rows), header, rows.strings(), sql));
    }

    /** A figure drawn from the query's rows; nothing is added when the query returns none. */
    void figure(String caption, String file, String sql, Function<LandedTables.Rows, byte[]> plot) {
        figure(file, sql, rows -> caption, plot);
    }

    /** A figure whose caption is written from the same rows it is drawn from; nothing is added when there are none. */
    void figure(String file, String sql, Function<LandedTables.Rows, String> caption,
            Function<LandedTables.Rows, byte[]> plot) {
        LandedTables.Rows rows = tables.query(sql);
        if (rows.size() > 0) {
            blocks.add(new Block.Figure(caption.apply(rows), file, plot.apply(rows), sql));
        }
    }

    /** A figure with no table behind it. */
    void figure(String caption, String file, byte[] png) {
        blocks.add(new Block.Figure(caption, file, png, null));
    }
}
