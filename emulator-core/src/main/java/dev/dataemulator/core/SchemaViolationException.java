package dev.dataemulator.core;

/**
 * A record does not match its domain's {@link dev.dataemulator.core.spi.RecordSchema}: a field that is not in the
 * schema or out of order, a value of another type, a null in a non-null field, or a missing field. This is a bug of
 * the domain, never of the caller's input. The message names the domain, the field's path ({@code parent.child},
 * list elements as {@code tags[]}), what the schema expects and what the record wrote.
 */
public class SchemaViolationException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    private final String domain;
    private final String field;
    private final String expected;
    private final String actual;

    /**
     * @param domain the domain (the schema's name)
     * @param field the field's path
     * @param expected what the schema expects, e.g. {@code decimal(12,2)}
     * @param actual what the record wrote, e.g. {@code double}, {@code null}, {@code no value}
     */
    public SchemaViolationException(String domain, String field, String expected, String actual) {
        super("Record of domain '" + domain + "' violates its schema at field '" + field + "': expected " + expected
                + ", written " + actual);
        this.domain = domain;
        this.field = field;
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the domain whose record is wrong */
    public String domain() {
        return domain;
    }

    /** @return the field's path, e.g. {@code amount}, {@code location.city} or {@code tags[]} */
    public String field() {
        return field;
    }

    /** @return what the schema expects */
    public String expected() {
        return expected;
    }

    /** @return what the record wrote */
    public String actual() {
        return actual;
    }
}
