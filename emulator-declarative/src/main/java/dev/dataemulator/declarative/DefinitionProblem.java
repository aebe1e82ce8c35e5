package dev.dataemulator.declarative;

import java.util.Objects;

/**
 * One problem of a domain definition: where it is, what was written and what was expected.
 *
 * @param source the file name, {@code <string>} for {@link DeclarativeDomains#parse(String)} text, or
 *     {@code builder} for the Java builder
 * @param line the line, from 1; 0 when unknown (the Java builder)
 * @param column the column, from 1; 0 when unknown
 * @param path the field path of the bad value, e.g. {@code domains.orders.fields.lines.array.size.max}
 * @param value the bad value as written, or {@code null} when it is missing
 * @param expected what was expected instead
 * @param suggestion a close valid name ("did you mean"), or {@code null}
 */
public record DefinitionProblem(String source, int line, int column, String path, String value, String expected,
        String suggestion) {
    public DefinitionProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expected, "expected");
    }

    /** @return {@code source:line:column}, or the source alone when the position is unknown */
    public String position() {
        return line <= 0 ? source : source + ":" + line + ":" + column;
    }

    /**
     * @return e.g. {@code orders.yaml:12:18: domains.orders.fields.qty.int.min = '9': expected at most max (4)}, with
     *     {@code ; did you mean 'x'?} when there is a suggestion
     */
    @Override
    public String toString() {
        return position() + ": " + (path.isEmpty() ? "(root)" : path) + " = "
                + (value == null ? "(missing)" : "'" + value + "'") + ": expected " + expected
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
    }
}
