package dev.dataemulator.core.spi;

/**
 * Receives the fields of a {@link RecordData}. Nested objects are opened with {@link #beginObject(String)}; CSV
 * flattens them as {@code parent.child}.
 */
public interface FieldWriter {

    /** Writes a string field; {@code null} writes a null value. */
    void string(String name, String value);

    /** Writes an integral number. */
    void integer(String name, long value);

    /** Writes a decimal number. */
    void decimal(String name, double value);

    /** Writes a boolean. */
    void bool(String name, boolean value);

    /** Writes a null value. */
    void nullValue(String name);

    /** Opens a nested object; every call is matched by {@link #endObject()}. */
    void beginObject(String name);

    /** Closes the innermost nested object. */
    void endObject();
}
