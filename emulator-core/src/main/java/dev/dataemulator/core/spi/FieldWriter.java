package dev.dataemulator.core.spi;

import dev.dataemulator.core.support.SchemaValidator;

/**
 * Receives the fields of a {@link RecordData}. Nested objects are opened with {@link #beginObject(String)}; CSV
 * flattens them as {@code parent.child}. Lists are opened with {@link #beginList(String)}; their elements are written
 * with a {@code null} name. Which call writes which {@link FieldType} is listed there.
 *
 * <p>Every call is abstract: an encoder handles every type. A record of a domain with a {@link RecordSchema} writes
 * exactly its fields, in order, each with its type's call ({@link SchemaValidator} checks that). Implementations are
 * used by one thread at a time.
 */
public interface FieldWriter {

    /** Writes a string field ({@link FieldType#STRING}, {@link FieldType#UUID}); {@code null} writes a null value. */
    void string(String name, String value);

    /** Writes an integral number ({@link FieldType#INT}, {@link FieldType#LONG}). */
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
    void decimal(String name, long unscaled, int scale);

    /**
     * Writes a UTC instant ({@link FieldType#TIMESTAMP}).
     *
     * @param name the field name, or {@code null} for a list element
     * @param epochMicros microseconds since 1970-01-01T00:00:00Z
     */
    void timestamp(String name, long epochMicros);

    /**
     * Writes a calendar date ({@link FieldType#DATE}).
     *
     * @param name the field name, or {@code null} for a list element
     * @param epochDay days since 1970-01-01
     */
    void date(String name, int epochDay);

    /**
     * Opens a list ({@link FieldType#list(FieldType)}); its elements are written with a {@code null} name and the list
     * is closed by {@link #endList()}.
     */
    void beginList(String name);

    /** Closes the innermost list. */
    void endList();

    /** Writes a boolean. */
    void bool(String name, boolean value);

    /** Writes a null value. */
    void nullValue(String name);

    /** Opens a nested object; every call is matched by {@link #endObject()}. */
    void beginObject(String name);

    /** Closes the innermost nested object. */
    void endObject();
}
