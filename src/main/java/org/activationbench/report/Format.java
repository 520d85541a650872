package org.activationbench.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting for the report's prose (its tables are formatted by their queries' macros). */
final class Format {

    private Format() {}

    /** Shortest exact decimal: 0.1, 0.01, 1. */
    static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A fraction as percent with 2 decimals: 0.97812 -> 97.81%. */
    static String percent(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    /** A difference of fractions in percentage points, signed: +0.05. */
    static String points(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.3f", 100 * v);
    }

    /** A value with its sign and the decimals given: +0.12, -3.40. */
    static String signed(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Items as a sentence lists them: "a", "a and b", "a, b and c". */
    static String list(java.util.List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** p-values: 3 significant digits, small ones in scientific notation. */
    static String p(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v < 0.001 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
