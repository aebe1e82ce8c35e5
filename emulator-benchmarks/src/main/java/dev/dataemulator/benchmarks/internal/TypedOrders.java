package dev.dataemulator.benchmarks.internal;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.Optional;
import java.util.UUID;

/**
 * A typed domain for format benchmarks: a transaction-like record of every scalar type plus a nested struct, cheap
 * to make so that the encoders dominate. {@code created_at} cycles through the 24 hours of one day record by record,
 * so {@code h={created_at:HH}} keeps 24 partitions open at once.
 */
public final class TypedOrders implements DomainProvider {
    static final RecordSchema SCHEMA = RecordSchema.builder("typed_order")
            .required("order_id", FieldType.UUID)
            .required("user_id", FieldType.LONG)
            .required("amount", FieldType.decimal(12, 2))
            .required("currency", FieldType.STRING)
            .required("merchant", FieldType.STRING)
            .required("score", FieldType.DOUBLE)
            .required("created_at", FieldType.TIMESTAMP)
            .required("fraud", FieldType.BOOLEAN)
            .optional("fraud_scenario", FieldType.STRING)
            .required("location", FieldType.struct(RecordSchema.builder("location")
                    .required("city", FieldType.STRING)
                    .required("country", FieldType.STRING)
                    .build()))
            .build();
    private static final String[] MERCHANTS = {"Acme Grocery", "Blue Bottle", "City Fuel", "Delta Air", "Echo Books"};
    private static final String[] CITIES = {"Lyon", "Porto", "Oslo", "Graz", "Turin", "Ghent"};
    private static final long DAY_MICROS = 1_795_996_800_000_000L;

    @Override
    public String name() {
        return "typed-order";
    }

    @Override
    public Optional<String> defaultResource() {
        return Optional.of("typed-orders");
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        return new DomainGenerator() {
            @Override
            public RecordFactory newFactory() {
                return (seq, random) -> new Order(seq, new UUID(random.nextLong(), random.nextLong()).toString(),
                        random.nextInt(1_000_000), random.nextInt(100_000), random.nextDouble(), random.nextInt(50));
            }

            @Override
            public Optional<RecordSchema> schema() {
                return Optional.of(SCHEMA);
            }
        };
    }

    private record Order(long seq, String id, int user, int cents, double score, int pick) implements RecordData {
        @Override
        public String key() {
            return id;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("order_id", id);
            out.integer("user_id", user);
            out.decimal("amount", cents, 2);
            out.string("currency", "EUR");
            out.string("merchant", MERCHANTS[pick % MERCHANTS.length]);
            out.floating("score", score);
            out.timestamp("created_at", DAY_MICROS + (seq % 24) * 3_600_000_000L + (seq / 24 % 3600) * 1_000_000L);
            boolean fraud = pick == 0;
            out.bool("fraud", fraud);
            out.string("fraud_scenario", fraud ? "card_testing" : null);
            out.beginObject("location");
            out.string("city", CITIES[pick % CITIES.length]);
            out.string("country", "EU");
            out.endObject();
        }
    }
}
