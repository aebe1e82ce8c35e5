package dev.dataemulator.parquet;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test domain with a schema of every field type (a nullable field, a nested struct, a list of strings and a list of
 * structs). Record {@code seq} is made from {@code seq} alone; {@code created_at} is {@link #START} plus
 * {@code seq × 3} minutes, so 200 records span ten hours of one day.
 */
public final class OrderDomain implements DomainProvider {
    static final Instant START = Instant.parse("2026-11-30T00:00:00Z");
    static final RecordSchema ADDRESS = RecordSchema.builder("address")
            .required("city", FieldType.STRING)
            .required("zip", FieldType.INT)
            .build();
    static final RecordSchema LINE = RecordSchema.builder("line")
            .required("sku", FieldType.STRING)
            .required("qty", FieldType.INT)
            .build();
    static final RecordSchema SCHEMA = RecordSchema.builder("order")
            .required("order_id", FieldType.UUID)
            .required("seq", FieldType.LONG)
            .required("quantity", FieldType.INT)
            .required("amount", FieldType.decimal(7, 2))
            .required("score", FieldType.DOUBLE)
            .required("paid", FieldType.BOOLEAN)
            .required("created_at", FieldType.TIMESTAMP)
            .required("ship_date", FieldType.DATE)
            .optional("note", FieldType.STRING)
            .required("address", FieldType.struct(ADDRESS))
            .required("tags", FieldType.list(FieldType.STRING))
            .required("lines", FieldType.list(FieldType.struct(LINE)))
            .build();
    private static final String[] CITIES = {"Lyon", "Porto", "Oslo", "Zürich, \"CH\""};

    private final boolean withSchema;
    /** How many times records' fields were read (once per encoding of a record). */
    final AtomicLong fieldReads = new AtomicLong();

    /** The domain {@code order} with its schema. */
    public OrderDomain() {
        this(true);
    }

    /** @param withSchema false to make a domain that declares no schema (for the format errors) */
    public OrderDomain(boolean withSchema) {
        this.withSchema = withSchema;
    }

    @Override
    public String name() {
        return "order";
    }

    @Override
    public Optional<String> defaultResource() {
        return Optional.of("orders");
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        return new DomainGenerator() {
            @Override
            public RecordFactory newFactory() {
                return (seq, random) -> new Order(seq, fieldReads);
            }

            @Override
            public Optional<RecordSchema> schema() {
                return withSchema ? Optional.of(SCHEMA) : Optional.empty();
            }
        };
    }

    static String id(long seq) {
        return UUID.nameUUIDFromBytes(("order-" + seq).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static long createdMicros(long seq) {
        return (START.getEpochSecond() + seq * 180) * 1_000_000L;
    }

    /** One order. */
    record Order(long seq, AtomicLong reads) implements RecordData {
        @Override
        public String key() {
            return id(seq);
        }

        @Override
        public void writeFields(FieldWriter out) {
            reads.incrementAndGet();
            out.string("order_id", id(seq));
            out.integer("seq", seq);
            out.integer("quantity", (int) (seq % 5) + 1);
            out.decimal("amount", 1999 + seq, 2);
            out.floating("score", (seq % 8) / 4.0);
            out.bool("paid", seq % 2 == 0);
            out.timestamp("created_at", createdMicros(seq));
            out.date("ship_date", (int) (START.getEpochSecond() / 86400 + 2 + seq % 3));
            if (seq % 3 == 0) {
                out.nullValue("note");
            } else {
                out.string("note", "note " + seq);
            }
            out.beginObject("address");
            out.string("city", CITIES[(int) (seq % CITIES.length)]);
            out.integer("zip", 10000 + (int) seq);
            out.endObject();
            out.beginList("tags");
            for (int i = 0; i < seq % 3; i++) {
                out.string(null, "t" + i);
            }
            out.endList();
            out.beginList("lines");
            for (int i = 0; i < 1 + seq % 2; i++) {
                out.beginObject(null);
                out.string("sku", "sku-" + i);
                out.integer("qty", i + 1);
                out.endObject();
            }
            out.endList();
        }
    }
}
