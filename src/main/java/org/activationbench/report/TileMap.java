package org.activationbench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A map of labelled tiles: rows by columns, each tile filled with a colour and holding a few lines of text, with a
 * legend of colours under it. Drawn with Java2D, as XChart's heat map takes a continuous scale only.
 */
final class TileMap {

    /** A tile's colour and text; an empty tile (nothing measured there) has no fill. */
    record Tile(Color fill, List<String> lines) {}

    /** A colour of the legend and what it means. */
    record Key(Color colour, String label) {}

    private static final int TILE_WIDTH = 178;
    private static final int LINE = 17;
    private static final int PAD = 14;
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private TileMap() {}

    /** @param tiles by row, then column; null where a row has nothing in that column */
    static byte[] draw(String title, List<String> rows, List<String> columns, Tile[][] tiles, List<Key> legend) {
        System.setProperty("java.awt.headless", "true");
        int lines = 1;
        for (Tile[] row : tiles) {
            for (Tile t : row) {
                lines = Math.max(lines, t == null ? 1 : t.lines().size());
            }
        }
        int tileHeight = lines * LINE + 12;
        FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(BOLD);
        int labelWidth = rows.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 2 * PAD;
        int width = Math.max(labelWidth + columns.size() * TILE_WIDTH + PAD, 600);
        int top = 2 * PAD + 24;
        int height = top + rows.size() * tileHeight + 3 * PAD + LINE * legend.size();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, PAD, PAD + 12);
        g.setFont(BOLD);
        for (int c = 0; c < columns.size(); c++) {
            centred(g, columns.get(c), labelWidth + c * TILE_WIDTH, TILE_WIDTH, top - 8);
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = top + r * tileHeight;
            g.setFont(BOLD);
            g.setColor(Color.BLACK);
            g.drawString(rows.get(r), PAD, y + tileHeight / 2 + 5);
            for (int c = 0; c < columns.size(); c++) {
                tile(g, tiles[r][c], labelWidth + c * TILE_WIDTH, y, tileHeight);
            }
        }
        int y = top + rows.size() * tileHeight + 2 * PAD;
        g.setFont(TEXT);
        for (Key k : legend) {
            g.setColor(k.colour());
            g.fillRect(PAD, y - 11, 14, 14);
            g.setColor(Color.GRAY);
            g.drawRect(PAD, y - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(k.label(), PAD + 22, y);
            y += LINE;
        }
        g.dispose();
        return png(image);
    }

    private static void tile(Graphics2D g, Tile t, int x, int y, int height) {
        g.setColor(t == null || t.fill() == null ? Color.WHITE : t.fill());
        g.fillRect(x, y, TILE_WIDTH, height);
        g.setColor(Color.WHITE.darker());
        g.drawRect(x, y, TILE_WIDTH, height);
        if (t == null) {
            return;
        }
        g.setColor(t.fill() != null && dark(t.fill()) ? Color.WHITE : Color.BLACK);
        int top = y + (height - t.lines().size() * LINE) / 2 + 13;
        for (int i = 0; i < t.lines().size(); i++) {
            g.setFont(i == 0 ? BOLD : TEXT);
            centred(g, t.lines().get(i), x, TILE_WIDTH, top + i * LINE);
        }
    }

    /** Whether white text reads better than black on this colour (relative luminance below one half). */
    static boolean dark(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue() < 128;
    }

    private static void centred(Graphics2D g, String text, int x, int width, int baseline) {
        g.drawString(text, x + (width - g.getFontMetrics().stringWidth(text)) / 2, baseline);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
