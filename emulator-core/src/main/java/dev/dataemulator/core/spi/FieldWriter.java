package dev.dataemulator.core.spi;

/**
 * Receives the fields of a {@link RecordData}. Nested objects are opened with {@link #beginObject(String)}; CSV
 * flattens them as {@code parent.child}. Lists are opened with {@link #beginList(String)}; their elements are written
 * with a {@code null} name. Which call writes which {@link FieldType} is listed there.
 */
public interface FieldWriter {

    /** Writes a string field; {@code null} writes a null value. */
    void string(String name, String value);

    /** Writes an integral number. */
    void integer(String name, long value);

    /** Writes a floating point number ({@link FieldType#DOUBLE}). */
    void floating(String name, double value);

    /**
     * Writes an exact decimal ({@link FieldType#decimal(int, int)}): {@code unscaled × 10^-scale}, e.g.
     * {@code decimal("amount", 1999, 2)} for 19.99.
     *
     * @param name the field name, or {@code null} for a list element
     * @param unscaled the unscaled value
     * @param scale the number of digits after the decimal point, as the field's type declares
     */
    default void decimal(String name, long unscaled, int scale) {
        throw new UnsupportedOperationException(getClass().getName() + " does not write decimals");
    }

    /**
     * Writes a UTC instant ({@link FieldType#TIMESTAMP}).
     *
     * @param name the field name, or {@code null} for a list element
     * @param epochMicros microseconds since 1970-01-01T00:00:00Z
     */
    default void timestamp(String name, long epochMicros) {
        throw new UnsupportedOperationException(getClass().getName() + " does not write timestamps");
    }

    /**
     * Writes a calendar date ({@link FieldType#DATE}).
     *
     * @param name the field name, or {@code null} for a list element
     * @param epochDay days since 1970-01-01
     */
    default void date(String name, int epochDay) {
        throw new UnsupportedOperationException(getClass().getName() + " does not write dates");
    }

    /**
     * Opens a list ({@link FieldType#list(FieldType)}); its elements are written with a {@code null} name and the list
     * is closed by {@link #endList()}.
     */
    default void beginList(String name) {
        throw new UnsupportedOperationException(getClass().getName() + " does not write lists");
    }

    /** Closes the innermost list. */
    default void endList() {
        throw new UnsupportedOperationException(getClass().getName() + " does not write lists");
    }

    /** Writes a boolean. */
    void bool(String name, boolean value);

    /** Writes a null value. */
    void nullValue(String name);

    /** Opens a nested object; every call is matched by {@link #endObject()}. */
    void beginObject(String name);

    /** Closes the innermost nested object. */
    void endObject();
}
