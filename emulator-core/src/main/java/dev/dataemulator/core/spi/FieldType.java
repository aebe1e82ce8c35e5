package dev.dataemulator.core.spi;

import java.util.Objects;

/**
 * The type of one field of a {@link RecordSchema}. Immutable; compare with {@link #equals(Object)}.
 *
 * <p>Primitive types are constants ({@link #STRING}, {@link #LONG}, ...); parameterised types are made by
 * {@link #decimal(int, int)}, {@link #struct(RecordSchema)} and {@link #list(FieldType)}. Consumers switch on
 * {@link #kind()}. Each kind names the {@link FieldWriter} call that writes its values:
 *
 * <table>
 *   <caption>Kinds and how values are written</caption>
 *   <tr><th>kind</th><th>value</th><th>written with</th></tr>
 *   <tr><td>STRING</td><td>UTF-8 text</td><td>{@link FieldWriter#string(String, String)}</td></tr>
 *   <tr><td>INT</td><td>32-bit signed integer</td><td>{@link FieldWriter#integer(String, long)}</td></tr>
 *   <tr><td>LONG</td><td>64-bit signed integer</td><td>{@link FieldWriter#integer(String, long)}</td></tr>
 *   <tr><td>DOUBLE</td><td>64-bit IEEE 754</td><td>{@link FieldWriter#floating(String, double)}</td></tr>
 *   <tr><td>DECIMAL(p, s)</td><td>exact decimal, {@code p <= 18}</td>
 *       <td>{@link FieldWriter#decimal(String, long, int)} (unscaled value, scale {@code s})</td></tr>
 *   <tr><td>BOOLEAN</td><td>true / false</td><td>{@link FieldWriter#bool(String, boolean)}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>UTC instant, microseconds</td><td>{@link FieldWriter#timestamp(String, long)}</td></tr>
 *   <tr><td>DATE</td><td>calendar date</td><td>{@link FieldWriter#date(String, int)} (days since 1970-01-01)</td></tr>
 *   <tr><td>UUID</td><td>RFC 4122 text</td><td>{@link FieldWriter#string(String, String)}</td></tr>
 *   <tr><td>STRUCT</td><td>nested fields</td>
 *       <td>{@link FieldWriter#beginObject(String)} ... {@link FieldWriter#endObject()}</td></tr>
 *   <tr><td>LIST</td><td>elements of one type</td>
 *       <td>{@link FieldWriter#beginList(String)}, elements written with a {@code null} name,
 *       {@link FieldWriter#endList()}</td></tr>
 * </table>
 */
public final class FieldType {

    /** The kinds of field types. */
    public enum Kind {
        STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, TIMESTAMP, DATE, UUID, STRUCT, LIST;

        /** @return whether the kind has no parameters (every kind but DECIMAL, STRUCT and LIST) */
        public boolean isPrimitive() {
            return this != DECIMAL && this != STRUCT && this != LIST;
        }
    }

    /** The largest decimal precision: unscaled values are written as a {@code long}. */
    public static final int MAX_DECIMAL_PRECISION = 18;

    /** UTF-8 text. */
    public static final FieldType STRING = new FieldType(Kind.STRING, 0, 0, null, null);
    /** A 32-bit signed integer. */
    public static final FieldType INT = new FieldType(Kind.INT, 0, 0, null, null);
    /** A 64-bit signed integer. */
    public static final FieldType LONG = new FieldType(Kind.LONG, 0, 0, null, null);
    /** A 64-bit IEEE 754 floating point number. */
    public static final FieldType DOUBLE = new FieldType(Kind.DOUBLE, 0, 0, null, null);
    /** A boolean. */
    public static final FieldType BOOLEAN = new FieldType(Kind.BOOLEAN, 0, 0, null, null);
    /** A UTC instant with microsecond precision. */
    public static final FieldType TIMESTAMP = new FieldType(Kind.TIMESTAMP, 0, 0, null, null);
    /** A calendar date without time zone. */
    public static final FieldType DATE = new FieldType(Kind.DATE, 0, 0, null, null);
    /** A UUID in its canonical 36-character text form. */
    public static final FieldType UUID = new FieldType(Kind.UUID, 0, 0, null, null);

    private final Kind kind;
    private final int precision;
    private final int scale;
    private final RecordSchema struct;
    private final FieldType element;

    private FieldType(Kind kind, int precision, int scale, RecordSchema struct, FieldType element) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.struct = struct;
        this.element = element;
    }

    /**
     * @param precision the total number of digits, 1 to {@value #MAX_DECIMAL_PRECISION}
     * @param scale the digits after the decimal point, 0 to {@code precision}
     * @return an exact decimal type, e.g. {@code decimal(12, 2)} for money
     * @throws IllegalArgumentException when precision or scale is out of range
     */
    public static FieldType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new IllegalArgumentException(
                    "decimal precision must be 1.." + MAX_DECIMAL_PRECISION + " but was " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal scale must be 0.." + precision + " but was " + scale);
        }
        return new FieldType(Kind.DECIMAL, precision, scale, null, null);
    }

    /**
     * @param fields the nested fields, in order; the schema's name names the nested record where a format needs one
     *     (Avro)
     * @return a nested object type
     */
    public static FieldType struct(RecordSchema fields) {
        return new FieldType(Kind.STRUCT, 0, 0, Objects.requireNonNull(fields, "fields"), null);
    }

    /**
     * @param element the type of every element; elements are never null
     * @return a list type
     */
    public static FieldType list(FieldType element) {
        return new FieldType(Kind.LIST, 0, 0, null, Objects.requireNonNull(element, "element"));
    }

    /** @return the kind of this type */
    public Kind kind() {
        return kind;
    }

    /**
     * @return the precision of a DECIMAL
     * @throws IllegalStateException for other kinds
     */
    public int precision() {
        require(Kind.DECIMAL);
        return precision;
    }

    /**
     * @return the scale of a DECIMAL
     * @throws IllegalStateException for other kinds
     */
    public int scale() {
        require(Kind.DECIMAL);
        return scale;
    }

    /**
     * @return the nested fields of a STRUCT
     * @throws IllegalStateException for other kinds
     */
    public RecordSchema fields() {
        require(Kind.STRUCT);
        return struct;
    }

    /**
     * @return the element type of a LIST
     * @throws IllegalStateException for other kinds
     */
    public FieldType element() {
        require(Kind.LIST);
        return element;
    }

    private void require(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException("not a " + expected + " type: " + this);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FieldType)) {
            return false;
        }
        FieldType that = (FieldType) other;
        return kind == that.kind && precision == that.precision && scale == that.scale
                && Objects.equals(struct, that.struct) && Objects.equals(element, that.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale, struct, element);
    }

    /** @return e.g. {@code string}, {@code decimal(12,2)}, {@code list<string>}, {@code struct<a:long,b:string?>} */
    @Override
    public String toString() {
        switch (kind) {
            case DECIMAL:
                return "decimal(" + precision + "," + scale + ")";
            case LIST:
                return "list<" + element + ">";
            case STRUCT:
                return "struct" + struct.fieldsToString();
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
