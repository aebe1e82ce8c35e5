package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;

/**
 * The label of one damaged record, as the label resource {@code <resource>_faults} receives it: a record of its own
 * whose JSON line is {@code {"emulation_id", "seq", "key", "kind", "field", "original"}}. Immutable.
 *
 * @param emulationId the emulation's id
 * @param seq the damaged record's seq; for a {@code duplicate}, the seq of the record it repeats
 * @param key the damaged record's key
 * @param kind the fault's kind, e.g. {@code null}
 * @param field the damaged field, or {@code null} for kinds without fields
 * @param original the clean value of the damaged field as JSON text ({@code 12.50}, {@code "EUR"}), the clean JSON
 *     line of a {@code malformed} record, {@code null} for a {@code duplicate}
 */
record FaultLabel(String emulationId, long seq, String key, String kind, String field, String original)
        implements RecordData {
    /** The labels' schema, so that typed sinks (a table, Parquet, Avro) write them too. */
    static final RecordSchema SCHEMA = RecordSchema.builder("fault_label")
            .required("emulation_id", FieldType.STRING, "the emulation that made the damaged record")
            .required("seq", FieldType.LONG, "the damaged record's seq; a duplicate's, the seq it repeats")
            .optional("key", FieldType.STRING, "the damaged record's key")
            .required("kind", FieldType.STRING, "duplicate, null, out_of_range, wrong_type, malformed or orphan")
            .optional("field", FieldType.STRING, "the damaged field; null for duplicate and malformed")
            .optional("original", FieldType.STRING, "the clean value as JSON text, or the clean JSON line of a "
                    + "malformed record; null for a duplicate")
            .build();

    /** The suffix of the label resource and of the labels' domain. */
    static final String SUFFIX = "_faults";

    @Override
    public void writeFields(FieldWriter out) {
        out.string("emulation_id", emulationId);
        out.integer("seq", seq);
        out.string("key", key);
        out.string("kind", kind);
        out.string("field", field);
        out.string("original", original);
    }

    /**
     * @param data a record's clean data
     * @param field one of its top-level fields
     * @return the field's value as JSON text, as the record's JSON holds it
     */
    static String valueJson(RecordData data, String field) {
        JsonEncoder encoder = JsonEncoder.forCurrentThread(); // free: no record is being encoded meanwhile
        encoder.startFragment();
        data.writeFields(new Picking(encoder, field));
        return encoder.fragment();
    }

    /** Passes on the calls of one top-level field only, unnamed, so that an encoder writes its value alone. */
    private static final class Picking implements FieldWriter {
        private final FieldWriter out;
        private final String field;
        private int depth;
        /** Depth inside the picked field's nested value; 0 when outside it. */
        private int inside;

        Picking(FieldWriter out, String field) {
            this.out = out;
            this.field = field;
        }

        private boolean picked(String name) {
            return inside > 0 || depth == 0 && field.equals(name);
        }

        private String name(String name) {
            return inside > 0 ? name : null;
        }

        @Override
        public void string(String name, String value) {
            if (picked(name)) {
                out.string(name(name), value);
            }
        }

        @Override
        public void integer(String name, long value) {
            if (picked(name)) {
                out.integer(name(name), value);
            }
        }

        @Override
        public void floating(String name, double value) {
            if (picked(name)) {
                out.floating(name(name), value);
            }
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            if (picked(name)) {
                out.decimal(name(name), unscaled, scale);
            }
        }

        @Override
        public void timestamp(String name, long epochMicros) {
            if (picked(name)) {
                out.timestamp(name(name), epochMicros);
            }
        }

        @Override
        public void date(String name, int epochDay) {
            if (picked(name)) {
                out.date(name(name), epochDay);
            }
        }

        @Override
        public void bool(String name, boolean value) {
            if (picked(name)) {
                out.bool(name(name), value);
            }
        }

        @Override
        public void nullValue(String name) {
            if (picked(name)) {
                out.nullValue(name(name));
            }
        }

        @Override
        public void beginList(String name) {
            if (open(name)) {
                out.beginList(name(name));
                inside++;
            }
        }

        @Override
        public void endList() {
            if (close()) {
                out.endList();
            }
        }

        @Override
        public void beginObject(String name) {
            if (open(name)) {
                out.beginObject(name(name));
                inside++;
            }
        }

        @Override
        public void endObject() {
            if (close()) {
                out.endObject();
            }
        }

        /** @return whether the opening is passed on (the caller then counts it); otherwise it is skipped */
        private boolean open(String name) {
            if (picked(name)) {
                return true;
            }
            depth++;
            return false;
        }

        /** @return whether the closing is passed on */
        private boolean close() {
            if (inside > 0) {
                inside--;
                return true;
            }
            depth--;
            return false;
        }
    }
}
