package dev.dataemulator.core.testing;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A test domain that writes a value of every {@link FieldType} kind, nullable fields null about a third of the time,
 * a nullable struct, lists of strings and of structs (sometimes empty).
 */
public final class EveryTypeDomain implements DomainProvider {
    public static final String NAME = "every-type";

    static final RecordSchema LINE = RecordSchema.builder("line")
            .required("sku", FieldType.STRING)
            .required("price", FieldType.decimal(8, 2), "unit price")
            .required("quantity", FieldType.INT)
            .build();
    public static final RecordSchema SCHEMA = RecordSchema.builder(NAME)
            .required("id", FieldType.UUID, "the record's id")
            .required("seq", FieldType.LONG)
            .required("small", FieldType.INT)
            .required("ratio", FieldType.DOUBLE)
            .required("amount", FieldType.decimal(12, 2))
            .required("flag", FieldType.BOOLEAN)
            .required("at", FieldType.TIMESTAMP)
            .required("day", FieldType.DATE)
            .optional("maybe", FieldType.STRING, "null a third of the time")
            .optional("when", FieldType.TIMESTAMP)
            .required("address", FieldType.struct(RecordSchema.builder("address")
                    .required("city", FieldType.STRING)
                    .optional("zip", FieldType.STRING)
                    .build()))
            .optional("extra", FieldType.struct(RecordSchema.builder("extra")
                    .required("score", FieldType.decimal(5, 4))
                    .build()))
            .required("tags", FieldType.list(FieldType.STRING))
            .required("lines", FieldType.list(FieldType.struct(LINE)))
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> defaultResource() {
        return Optional.of("every-types");
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        return new DomainGenerator() {
            @Override
            public RecordFactory newFactory() {
                return (seq, random) -> new Typed(seq, random.split());
            }

            @Override
            public Optional<RecordSchema> schema() {
                return Optional.of(SCHEMA);
            }
        };
    }

    /** One record; its values are drawn from its own random source when fields are written. */
    public static final class Typed implements RecordData {
        private final long seq;
        private final long seed;

        Typed(long seq, SplittableRandom random) {
            this.seq = seq;
            this.seed = random.nextLong();
        }

        @Override
        public String key() {
            return Long.toString(seq);
        }

        @Override
        public void writeFields(FieldWriter out) {
            SplittableRandom r = new SplittableRandom(seed);
            out.string("id", java.util.UUID.nameUUIDFromBytes(Long.toString(seq).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString());
            out.integer("seq", seq);
            out.integer("small", r.nextInt());
            out.floating("ratio", r.nextDouble());
            out.decimal("amount", r.nextLong(-99_999_999_999L, 100_000_000_000L), 2);
            out.bool("flag", r.nextBoolean());
            out.timestamp("at", r.nextLong(0, 4_000_000_000_000_000L));
            out.date("day", r.nextInt(-50_000, 50_000));
            out.string("maybe", r.nextInt(3) == 0 ? null : "m\"" + r.nextInt(100) + ",");
            if (r.nextInt(3) == 0) {
                out.nullValue("when");
            } else {
                out.timestamp("when", r.nextLong(1_700_000_000_000_000L, 1_800_000_000_000_000L));
            }
            out.beginObject("address");
            out.string("city", "City " + r.nextInt(50));
            out.string("zip", r.nextBoolean() ? null : Integer.toString(10_000 + r.nextInt(90_000)));
            out.endObject();
            if (r.nextInt(3) == 0) {
                out.nullValue("extra");
            } else {
                out.beginObject("extra");
                out.decimal("score", r.nextInt(-99_999, 100_000), 4);
                out.endObject();
            }
            out.beginList("tags");
            for (int i = r.nextInt(4); i > 0; i--) {
                out.string(null, "t" + r.nextInt(10));
            }
            out.endList();
            out.beginList("lines");
            for (int i = r.nextInt(3); i > 0; i--) {
                out.beginObject(null);
                out.string("sku", "S" + r.nextInt(1000));
                out.decimal("price", r.nextInt(1, 1_000_000), 2);
                out.integer("quantity", 1 + r.nextInt(9));
                out.endObject();
            }
            out.endList();
        }
    }
}
