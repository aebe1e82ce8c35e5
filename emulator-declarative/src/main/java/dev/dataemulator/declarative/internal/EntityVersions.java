package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.Seeding;

/**
 * The values of an entity at a version of its lifecycle. A field keeps the value drawn when it was last drawn: at
 * creation (version 1), or at the last version that entered a state listing it in {@code changes}; that value is a
 * function of (seed, domain, entity, that version, field path), its "now" that version's event time. Templates and
 * expressions are computed again from the values they read. Version 1 of entity {@code e} is record {@code e} of the
 * same domain without a lifecycle, so a {@code ref} into the domain sees the entities as created. Immutable and
 * thread-safe; evaluation uses the worker's {@link Env}.
 */
final class EntityVersions {
    /** The column naming a change's operation: {@code c}, {@code u} or {@code d}. */
    static final String OP = "__op";
    /** The column numbering an entity's versions from 1. */
    static final String VERSION = "__version";

    final Bound bound;
    final DomainPlan plan;
    final ChangeSchedule schedule;
    /** Per top-level field slot: the states whose entry draws it again. */
    private final int[][] drawnBy;

    EntityVersions(Bound bound, ChangeSchedule schedule) {
        this.bound = bound;
        this.plan = bound.plan;
        this.schedule = schedule;
        LifecyclePlan lifecycle = plan.lifecycle;
        Field[] fields = plan.root.fields;
        this.drawnBy = new int[fields.length][];
        for (int slot = 0; slot < fields.length; slot++) {
            int n = 0;
            int[] states = new int[lifecycle.states.length];
            for (int s = 0; s < lifecycle.states.length; s++) {
                if (lifecycle.changes[s][slot]) {
                    states[n++] = s;
                }
            }
            drawnBy[slot] = java.util.Arrays.copyOf(states, n);
        }
    }

    /** @return the schema of the domain's fields, then {@code __op} (changes only) and {@code __version} */
    static RecordSchema schema(DomainPlan plan, boolean withOp) {
        RecordSchema.Builder builder = RecordSchema.builder(plan.schema.name());
        for (RecordSchema.Field field : plan.schema.fields()) {
            builder.field(field.name(), field.type(), field.nullable(), field.doc());
        }
        if (withOp) {
            builder.field(OP, FieldType.STRING, false, "The change: c (create), u (update) or d (delete)");
        }
        builder.field(VERSION, FieldType.LONG, false, "The entity's version, from 1");
        return builder.build();
    }

    /** @return the fields of {@code entity} (created at {@code created}) at {@code version} */
    Frame evaluate(Env env, long entity, long created, Version version) {
        Struct root = plan.root;
        Frame frame = new Frame(root.fields.length);
        env.seq = entity;
        env.state = version.state;
        try {
            for (Field field : root.evalOrder) {
                int drawn = 1;
                long offset = 0;
                for (int s : drawnBy[field.slot]) {
                    if (version.lastEntered[s] > drawn) {
                        drawn = version.lastEntered[s];
                        offset = version.lastOffset[s];
                    }
                }
                env.nowMillis = created + offset;
                field.evalOrNull(env, frame, field.slot, coordinate(entity, drawn));
            }
        } finally {
            env.state = -1;
            env.nowMillis = Long.MIN_VALUE;
        }
        return frame;
    }

    /** @return the key of {@code entity}: its key field's text */
    String key(Frame frame) {
        return Field.text(plan.key.type, frame, plan.key.slot);
    }

    /** Version 1 is the entity's record index itself, so that references see the created entity. */
    private static long coordinate(long entity, int version) {
        return version == 1 ? entity : Seeding.mix(entity * 0x632be59bd9b4e019L + version);
    }

    /** One change as a row: the fields after it (the last values for a delete), {@code __op}, {@code __version}. */
    static final class Row extends FrameRecord {
        private final String op;
        private final long version;

        /** @param op {@code c}, {@code u}, {@code d}, or null for a snapshot row (no {@code __op}) */
        Row(Struct root, Frame frame, String key, String op, long version) {
            super(root, frame, key);
            this.op = op;
            this.version = version;
        }

        @Override
        public void writeFields(FieldWriter out) {
            super.writeFields(out);
            if (op != null) {
                out.string(OP, op);
            }
            out.integer(VERSION, version);
        }
    }
}
