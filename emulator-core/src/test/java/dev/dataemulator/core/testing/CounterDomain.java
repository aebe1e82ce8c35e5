package dev.dataemulator.core.testing;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.Optional;

/**
 * A small domain for core tests: deterministic fields of every kind, a value that needs CSV quoting, an optional
 * capacity ({@code capacity} option) to test exhaustion.
 */
public final class CounterDomain implements DomainProvider {
    /** The fields every counter writes. */
    public static final RecordSchema SCHEMA = RecordSchema.builder("counter")
            .required("id", FieldType.STRING)
            .required("seq", FieldType.LONG)
            .required("value", FieldType.DOUBLE)
            .required("note", FieldType.STRING, "needs CSV quoting")
            .required("even", FieldType.BOOLEAN)
            .optional("missing", FieldType.STRING, "always null")
            .required("nested", FieldType.struct(RecordSchema.builder("nested")
                    .required("now", FieldType.LONG, "the clock's epoch millis")
                    .build()))
            .build();
    private final String name;
    private final String resource;

    public CounterDomain() {
        this("counter", "counters");
    }

    public CounterDomain(String name, String resource) {
        this.name = name;
        this.resource = resource;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> defaultResource() {
        return Optional.ofNullable(resource);
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        long capacity = Long.MAX_VALUE;
        for (var option : context.options().entrySet()) {
            if (!option.getKey().equals("capacity")) {
                throw new InvalidSettingException(option.getKey(), option.getValue(), "unknown option");
            }
            capacity = Long.parseLong(option.getValue());
        }
        long max = capacity;
        long salt = context.seed();
        return new DomainGenerator() {
            @Override
            public RecordFactory newFactory() {
                return (seq, random) -> seq >= max ? null
                        : new Counter(seq, random.nextInt(1000) / 10.0, salt, context.clock().millis());
            }

            @Override
            public long capacity() {
                return max;
            }

            @Override
            public Optional<RecordSchema> schema() {
                return Optional.of(SCHEMA);
            }
        };
    }

    /** One record of the counter domain. */
    public record Counter(long seq, double value, long salt, long now) implements RecordData {
        @Override
        public String key() {
            return "k" + seq;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("id", "c-" + seq);
            out.integer("seq", seq);
            out.floating("value", value);
            out.string("note", "a, \"quoted\"\nline " + (salt % 7));
            out.bool("even", seq % 2 == 0);
            out.nullValue("missing");
            out.beginObject("nested");
            out.integer("now", now);
            out.endObject();
        }
    }
}
