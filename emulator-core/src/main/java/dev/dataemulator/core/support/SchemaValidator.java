package dev.dataemulator.core.support;

import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.SchemaViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FieldWriter} that checks a record's calls against a {@link RecordSchema}: every field written in order,
 * none missing or extra, each with the call its type names (see {@link FieldType}), decimals with the declared scale
 * and within the precision, {@code INT}s within 32 bits, UUIDs in canonical form, and nulls only in nullable fields.
 * The first difference throws a {@link SchemaViolationException} naming the domain, the field, the expected type and
 * what was written. Calls are forwarded to an optional delegate once checked, so a sink or a test can validate while
 * encoding.
 *
 * <pre>{@code
 * SchemaValidator validator = SchemaValidator.of("transaction", schema);
 * validator.validate(data);   // throws SchemaViolationException on the first difference
 * }</pre>
 *
 * <p>Not thread-safe: one instance per thread; reusable for any number of records.
 */
public final class SchemaValidator implements FieldWriter {
    private final String domain;
    private final RecordSchema schema;
    private final FieldWriter delegate;
    private final List<Frame> stack = new ArrayList<>();

    private SchemaValidator(String domain, RecordSchema schema, FieldWriter delegate) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.delegate = delegate;
    }

    /**
     * @param domain the domain name, for messages
     * @param schema the schema records must match
     * @return a validator that only checks
     */
    public static SchemaValidator of(String domain, RecordSchema schema) {
        return new SchemaValidator(domain, schema, null);
    }

    /**
     * @param domain the domain name, for messages
     * @param schema the schema records must match
     * @param delegate receives every call once it is checked
     * @return a validator that checks and forwards
     */
    public static SchemaValidator forwarding(String domain, RecordSchema schema, FieldWriter delegate) {
        return new SchemaValidator(domain, schema, Objects.requireNonNull(delegate, "delegate"));
    }

    /** @return the schema records are checked against */
    public RecordSchema schema() {
        return schema;
    }

    /**
     * Runs one record's fields through the validator (and the delegate).
     *
     * @throws SchemaViolationException on the first difference from the schema
     */
    public void validate(RecordData data) {
        begin();
        data.writeFields(this);
        end();
    }

    /** Starts a record written with direct calls; {@link #end()} checks that it is complete. */
    public void begin() {
        stack.clear();
        stack.add(new Frame(null, schema, null));
    }

    /**
     * Ends a record started with {@link #begin()}.
     *
     * @throws SchemaViolationException when fields are missing or objects or lists are left open
     */
    public void end() {
        if (stack.size() != 1) {
            Frame open = top();
            throw violation(path(open, null), open.struct != null ? "endObject()" : "endList()",
                    "the end of the record");
        }
        checkComplete(top());
    }

    @Override
    public void string(String name, String value) {
        FieldType type = expect(name, value == null ? null : "string", value == null);
        if (type != null && type.kind() != FieldType.Kind.STRING) {
            if (type.kind() != FieldType.Kind.UUID) {
                throw mismatch(name, type, "string");
            }
            if (!isUuid(value)) {
                throw violation(path(top(), name), "uuid", "string '" + value + "'");
            }
        }
        if (delegate != null) {
            delegate.string(name, value);
        }
    }

    @Override
    public void integer(String name, long value) {
        FieldType type = expect(name, "integer", false);
        if (type.kind() == FieldType.Kind.INT) {
            if (value != (int) value) {
                throw violation(path(top(), name), "int", "integer " + value + " (out of 32-bit range)");
            }
        } else if (type.kind() != FieldType.Kind.LONG) {
            throw mismatch(name, type, "integer");
        }
        if (delegate != null) {
            delegate.integer(name, value);
        }
    }

    @Override
    public void floating(String name, double value) {
        require(name, FieldType.Kind.DOUBLE, "floating");
        if (delegate != null) {
            delegate.floating(name, value);
        }
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        FieldType type = require(name, FieldType.Kind.DECIMAL, "decimal with scale " + scale);
        if (scale != type.scale()) {
            throw violation(path(top(), name), type.toString(), "decimal with scale " + scale);
        }
        if (unscaled <= -TEN_POWERS[type.precision()] || unscaled >= TEN_POWERS[type.precision()]) {
            throw violation(path(top(), name), type.toString(),
                    "decimal " + java.math.BigDecimal.valueOf(unscaled, scale).toPlainString()
                            + " (more than " + type.precision() + " digits)");
        }
        if (delegate != null) {
            delegate.decimal(name, unscaled, scale);
        }
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        require(name, FieldType.Kind.TIMESTAMP, "timestamp");
        if (delegate != null) {
            delegate.timestamp(name, epochMicros);
        }
    }

    @Override
    public void date(String name, int epochDay) {
        require(name, FieldType.Kind.DATE, "date");
        if (delegate != null) {
            delegate.date(name, epochDay);
        }
    }

    @Override
    public void bool(String name, boolean value) {
        require(name, FieldType.Kind.BOOLEAN, "bool");
        if (delegate != null) {
            delegate.bool(name, value);
        }
    }

    @Override
    public void nullValue(String name) {
        expect(name, null, true);
        if (delegate != null) {
            delegate.nullValue(name);
        }
    }

    @Override
    public void beginObject(String name) {
        Frame parent = top();
        FieldType type = require(name, FieldType.Kind.STRUCT, "object");
        stack.add(new Frame(path(parent, name), type.fields(), null));
        if (delegate != null) {
            delegate.beginObject(name);
        }
    }

    @Override
    public void endObject() {
        Frame frame = top();
        if (stack.size() == 1 || frame.struct == null) {
            throw violation(stack.size() == 1 ? "<record>" : frame.path, "no endObject() here", "endObject()");
        }
        checkComplete(frame);
        stack.remove(stack.size() - 1);
        if (delegate != null) {
            delegate.endObject();
        }
    }

    @Override
    public void beginList(String name) {
        Frame parent = top();
        FieldType type = require(name, FieldType.Kind.LIST, "list");
        stack.add(new Frame(path(parent, name), null, type.element()));
        if (delegate != null) {
            delegate.beginList(name);
        }
    }

    @Override
    public void endList() {
        Frame frame = top();
        if (frame.element == null) {
            throw violation(stack.size() == 1 ? "<record>" : frame.path, "no endList() here", "endList()");
        }
        stack.remove(stack.size() - 1);
        if (delegate != null) {
            delegate.endList();
        }
    }

    private static final long[] TEN_POWERS = new long[FieldType.MAX_DECIMAL_PRECISION + 1];

    static {
        TEN_POWERS[0] = 1;
        for (int i = 1; i < TEN_POWERS.length; i++) {
            TEN_POWERS[i] = TEN_POWERS[i - 1] * 10;
        }
    }

    private FieldType require(String name, FieldType.Kind kind, String written) {
        FieldType type = expect(name, written, false);
        if (type.kind() != kind) {
            throw mismatch(name, type, written);
        }
        return type;
    }

    /**
     * Checks that {@code name} is the next field (or a list element) and, for a null, that it may be null.
     *
     * @return the expected type, or {@code null} for an accepted null
     */
    private FieldType expect(String name, String written, boolean isNull) {
        Frame frame = top();
        if (frame.element != null) {
            if (name != null) {
                throw violation(frame.path + "[]", "a list element (null name)", "field '" + name + "'");
            }
            if (isNull) {
                throw violation(frame.path + "[]", frame.element + " (list elements are never null)", "null");
            }
            return frame.element;
        }
        List<RecordSchema.Field> fields = frame.struct.fields();
        String at = path(frame, name);
        if (name == null) {
            throw violation(frame.path == null ? "<record>" : frame.path, "named fields", "a value without a name");
        }
        if (frame.next >= fields.size()) {
            throw violation(at, "no more fields in '" + frame.struct.name() + "'",
                    frame.struct.field(name).isPresent() ? "field '" + name + "' again" : "an unknown field");
        }
        RecordSchema.Field field = fields.get(frame.next);
        if (!field.name().equals(name)) {
            throw violation(at, "field '" + field.name() + "' next",
                    frame.struct.field(name).isPresent() ? "'" + name + "' out of order" : "an unknown field");
        }
        frame.next++;
        if (isNull) {
            if (!field.nullable()) {
                throw violation(at, field.type() + " (not nullable)", "null");
            }
            return null;
        }
        return field.type();
    }

    private void checkComplete(Frame frame) {
        List<RecordSchema.Field> fields = frame.struct.fields();
        if (frame.next < fields.size()) {
            throw violation(path(frame, fields.get(frame.next).name()), fields.get(frame.next).type().toString(),
                    "no value (missing field)");
        }
    }

    private SchemaViolationException mismatch(String name, FieldType expected, String written) {
        Frame frame = top();
        String at = frame.element != null ? frame.path + "[]" : path(frame, name);
        return violation(at, expected.toString(), written);
    }

    private SchemaViolationException violation(String field, String expected, String actual) {
        return new SchemaViolationException(domain, field, expected, actual);
    }

    private Frame top() {
        if (stack.isEmpty()) {
            begin();
        }
        return stack.get(stack.size() - 1);
    }

    private static String path(Frame frame, String name) {
        if (frame.element != null) {
            return frame.path + "[]";
        }
        return frame.path == null ? String.valueOf(name) : frame.path + "." + name;
    }

    private static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** An open record, object or list. */
    private static final class Frame {
        final String path;
        final RecordSchema struct;
        final FieldType element;
        int next;

        Frame(String path, RecordSchema struct, FieldType element) {
            this.path = path;
            this.struct = struct;
            this.element = element;
        }
    }
}
