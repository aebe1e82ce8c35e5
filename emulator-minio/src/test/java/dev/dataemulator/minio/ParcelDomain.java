package dev.dataemulator.minio;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.List;
import java.util.Optional;

/**
 * A small domain for the sink's tests: every field kind, a nested object, and an address with a comma, a double
 * quote and a line break, which CSV must quote.
 */
final class ParcelDomain implements DomainProvider {
    static final String NAME = "parcel";
    static final List<String> DATA_FIELDS = List.of("parcel_id", "seq", "address", "weight_kg", "fragile", "note",
            "dims.width", "dims.height");
    static final RecordSchema SCHEMA = RecordSchema.builder(NAME)
            .required("parcel_id", FieldType.STRING)
            .required("seq", FieldType.LONG)
            .required("address", FieldType.STRING)
            .required("weight_kg", FieldType.DOUBLE)
            .required("fragile", FieldType.BOOLEAN)
            .optional("note", FieldType.STRING)
            .required("dims", FieldType.struct(RecordSchema.builder("dims")
                    .required("width", FieldType.INT)
                    .required("height", FieldType.LONG)
                    .build()))
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> defaultResource() {
        return Optional.of("parcels");
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        return new DomainGenerator() {
            @Override
            public RecordFactory newFactory() {
                return (seq, random) -> new Parcel(seq, random.nextInt(100_000) / 100.0, random.nextInt(50) + 1);
            }

            @Override
            public Optional<RecordSchema> schema() {
                return Optional.of(SCHEMA);
            }
        };
    }

    /** One parcel. */
    record Parcel(long seq, double weight, int size) implements RecordData {
        @Override
        public String key() {
            return "p-" + seq;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("parcel_id", "p-" + seq);
            out.integer("seq", seq);
            out.string("address", seq + " Main St, Apt \"" + (seq % 9) + "\"\nSpringfield");
            out.floating("weight_kg", weight);
            out.bool("fragile", seq % 3 == 0);
            out.nullValue("note");
            out.beginObject("dims");
            out.integer("width", size);
            out.integer("height", size * 2L);
            out.endObject();
        }
    }
}
