package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;

/**
 * The entities of a lifecycle domain, whatever computes their values: when each changes ({@link #schedule}) and what
 * its fields are at a version ({@link #evaluator()}). The change stream, its formats and the table at an instant are
 * built on this alone, for declarative domains ({@link EntityVersions}) and for domains whose values Java code
 * computes ({@link CodedEntities}). Immutable and thread-safe; evaluation goes through one evaluator per worker.
 */
abstract class Entities {
    /** The column naming a change's operation: {@code c}, {@code u} or {@code d}. */
    static final String OP = "__op";
    /** The column numbering an entity's versions from 1. */
    static final String VERSION = "__version";

    final String name;
    /** The entity's fields, without {@code __op} and {@code __version}. */
    final RecordSchema schema;
    final String keyName;
    final FieldType keyType;
    final ChangeSchedule schedule;
    final LifecyclePlan lifecycle;

    Entities(String name, RecordSchema schema, String keyName, FieldType keyType, ChangeSchedule schedule) {
        this.name = name;
        this.schema = schema;
        this.keyName = keyName;
        this.keyType = keyType;
        this.schedule = schedule;
        this.lifecycle = schedule.lifecycle;
    }

    /** @return a new worker's evaluator; not thread-safe */
    abstract Evaluator evaluator();

    /** Computes an entity's fields at a version. Not thread-safe: one per worker. */
    interface Evaluator {
        /**
         * @param entity the entity's index
         * @param created its creation time, epoch millis
         * @param version the version
         * @return the entity's fields at {@code version}, its key the entity's key
         */
        RecordData at(long entity, long created, Version version);
    }

    /** @return the schema of the entity's fields, then {@code __op} (changes only) and {@code __version} */
    RecordSchema rowSchema(boolean withOp) {
        RecordSchema.Builder builder = RecordSchema.builder(schema.name());
        for (RecordSchema.Field field : schema.fields()) {
            builder.field(field.name(), field.type(), field.nullable(), field.doc());
        }
        if (withOp) {
            builder.field(OP, FieldType.STRING, false, "The change: c (create), u (update) or d (delete)");
        }
        builder.field(VERSION, FieldType.LONG, false, "The entity's version, from 1");
        return builder.build();
    }

    /** One change as a row: the fields after it (the last values for a delete), {@code __op}, {@code __version}. */
    static final class Row implements RecordData {
        private final RecordData values;
        private final String op;
        private final long version;

        /** @param op {@code c}, {@code u}, {@code d}, or null for a snapshot row (no {@code __op}) */
        Row(RecordData values, String op, long version) {
            this.values = values;
            this.op = op;
            this.version = version;
        }

        @Override
        public String key() {
            return values.key();
        }

        @Override
        public void writeFields(FieldWriter out) {
            values.writeFields(out);
            if (op != null) {
                out.string(OP, op);
            }
            out.integer(VERSION, version);
        }
    }
}
