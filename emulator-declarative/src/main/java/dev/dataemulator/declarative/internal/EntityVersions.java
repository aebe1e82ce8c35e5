package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.support.Seeding;
import java.time.Clock;

/**
 * The values of a declarative domain's entities at a version of their lifecycle. A field keeps the value drawn when
 * it was last drawn: at creation (version 1), or at the last version that entered a state listing it in
 * {@code changes}; that value is a function of (seed, domain, entity, that version, field path), its "now" that
 * version's event time. Templates and expressions are computed again from the values they read. Version 1 of entity
 * {@code e} is record {@code e} of the same domain without a lifecycle, so a {@code ref} into the domain sees the
 * entities as created. Immutable and thread-safe; evaluation uses the worker's {@link Env}.
 */
final class EntityVersions extends Entities {
    final Bound bound;
    final DomainPlan plan;
    private final Clock clock;
    private final int domains;
    /** Per top-level field slot: the states whose entry draws it again. */
    private final int[][] drawnBy;

    /** @param domains how many domains the model holds (the size of a worker's environment) */
    EntityVersions(Bound bound, ChangeSchedule schedule, Clock clock, int domains) {
        super(bound.plan.name, bound.plan.schema, bound.plan.key.name, bound.plan.key.type, schedule);
        this.bound = bound;
        this.plan = bound.plan;
        this.clock = clock;
        this.domains = domains;
        this.drawnBy = drawnBy(lifecycle, plan.root.fields.length);
    }

    /** @return per field slot, the states whose entry draws it again */
    static int[][] drawnBy(LifecyclePlan lifecycle, int fields) {
        int[][] drawnBy = new int[fields][];
        for (int slot = 0; slot < fields; slot++) {
            int n = 0;
            int[] states = new int[lifecycle.states.length];
            for (int s = 0; s < lifecycle.states.length; s++) {
                if (lifecycle.changes[s][slot]) {
                    states[n++] = s;
                }
            }
            drawnBy[slot] = java.util.Arrays.copyOf(states, n);
        }
        return drawnBy;
    }

    /** @return the version (1 or later) at which field {@code slot} was last drawn, as of {@code version} */
    static int drawnVersion(int[] states, Version version) {
        int drawn = 1;
        for (int s : states) {
            drawn = Math.max(drawn, version.lastEntered[s]);
        }
        return drawn;
    }

    /** @return the offset after creation of the version at which field {@code slot} was last drawn */
    static long drawnOffset(int[] states, Version version) {
        int drawn = 1;
        long offset = 0;
        for (int s : states) {
            if (version.lastEntered[s] > drawn) {
                drawn = version.lastEntered[s];
                offset = version.lastOffset[s];
            }
        }
        return offset;
    }

    @Override
    Evaluator evaluator() {
        Env env = new Worker(clock, domains).env(bound, plan.index);
        return (entity, created, version) -> {
            Frame frame = evaluate(env, entity, created, version);
            return new FrameRecord(plan.root, frame, Field.text(plan.key.type, frame, plan.key.slot));
        };
    }

    /** @return the fields of {@code entity} (created at {@code created}) at {@code version} */
    private Frame evaluate(Env env, long entity, long created, Version version) {
        Struct root = plan.root;
        Frame frame = new Frame(root.fields.length);
        env.seq = entity;
        env.state = version.state;
        try {
            for (Field field : root.evalOrder) {
                int[] states = drawnBy[field.slot];
                env.nowMillis = created + drawnOffset(states, version);
                field.evalOrNull(env, frame, field.slot, coordinate(entity, drawnVersion(states, version)));
            }
        } finally {
            env.state = -1;
            env.nowMillis = Long.MIN_VALUE;
        }
        return frame;
    }

    /** Version 1 is the entity's record index itself, so that references see the created entity. */
    static long coordinate(long entity, int version) {
        return version == 1 ? entity : Seeding.mix(entity * 0x632be59bd9b4e019L + version);
    }
}
