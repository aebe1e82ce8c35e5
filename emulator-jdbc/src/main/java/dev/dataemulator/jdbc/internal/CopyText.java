package dev.dataemulator.jdbc.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's COPY text format: one line per row, columns separated by a tab, {@code \N} for null, backslash,
 * tab, newline and carriage return escaped with a backslash. Not thread-safe; one per thread.
 */
final class CopyText {
    private final StringBuilder text = new StringBuilder(256);

    /** @return the row's line, newline included */
    byte[] encode(Object[] values, boolean[] columns) {
        text.setLength(0);
        boolean first = true;
        for (int i = 0; i < values.length; i++) {
            if (!columns[i]) {
                continue;
            }
            if (!first) {
                text.append('\t');
            }
            first = false;
            append(values[i]);
        }
        text.append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void append(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String) {
            String s = (String) value;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\': text.append("\\\\"); break;
                    case '\t': text.append("\\t"); break;
                    case '\n': text.append("\\n"); break;
                    case '\r': text.append("\\r"); break;
                    default: text.append(c);
                }
            }
        } else if (value instanceof BigDecimal) {
            text.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof Boolean) {
            text.append((Boolean) value ? 't' : 'f');
        } else {
            // Long, Double (Infinity and NaN read as such), Instant (ISO-8601 UTC), LocalDate (yyyy-MM-dd)
            text.append(value);
        }
    }
}
