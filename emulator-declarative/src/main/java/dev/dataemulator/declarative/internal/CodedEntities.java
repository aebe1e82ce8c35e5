package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.declarative.EntityLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A lifecycle compiled for entities whose values Java code computes ({@link EntityLifecycle}): the schedule, change
 * formats and snapshots of declarative lifecycle domains, with the fields of each version asked of the code.
 * Immutable and thread-safe.
 */
public final class CodedEntities {
    private final RecordSchema schema;
    private final String key;
    private final FieldType keyType;
    private final LifecyclePlan lifecycle;
    private final int[][] drawnBy;

    private CodedEntities(RecordSchema schema, String key, FieldType keyType, LifecyclePlan lifecycle) {
        this.schema = schema;
        this.key = key;
        this.keyType = keyType;
        this.lifecycle = lifecycle;
        this.drawnBy = EntityVersions.drawnBy(lifecycle, schema.fields().size());
    }

    /**
     * @param lifecycle the {@code lifecycle} map
     * @return the compiled lifecycle
     * @throws dev.dataemulator.declarative.DefinitionException with every problem found
     */
    public static CodedEntities compile(RecordSchema schema, String key, Node lifecycle) {
        Problems problems = new Problems();
        String path = "domains." + schema.name();
        List<String> names = new ArrayList<>();
        FieldType keyType = null;
        for (RecordSchema.Field field : schema.fields()) {
            names.add(field.name());
            if (field.name().equals(key)) {
                keyType = field.type();
            }
        }
        if (keyType == null) {
            problems.add(lifecycle.location(), path + ".key", key, "a field of the domain",
                    Problems.suggest(key, names));
        }
        LifecyclePlan plan = new LifecycleCompiler(problems, new TimeCompiler(problems)).compile(lifecycle,
                path + ".lifecycle", 0, true, key, names, Set.of(), Set.of());
        problems.throwIfAny();
        return new CodedEntities(schema, key, keyType, plan);
    }

    /** @see EntityLifecycle#changes */
    public DomainGenerator changes(DomainContext context, long count,
            Supplier<? extends EntityLifecycle.Values> values) {
        ChangeFormat format = ChangeFormat.parse(context.options().get(ChangeFormat.OPTION));
        return new LifecycleGenerators.Changes(bind(context, count, values), format);
    }

    /** @see EntityLifecycle#snapshot */
    public DomainGenerator snapshot(DomainContext context, long count,
            Supplier<? extends EntityLifecycle.Values> values, long at) {
        ChangeFormat.parse(context.options().get(ChangeFormat.OPTION)); // the change stream's options are accepted
        return new LifecycleGenerators.Snapshot(bind(context, count, values), at);
    }

    /** @see EntityLifecycle#history */
    public EntityLifecycle.History history(DomainContext context, long count) {
        ChangeSchedule schedule = schedule(context, count);
        return (entity, atMillis) -> {
            Version version = schedule.versionAt(entity, atMillis, new Rng());
            return version == null ? null : new EntityLifecycle.Latest(version.number,
                    lifecycle.states[version.state], schedule.created(entity) + version.offset);
        };
    }

    private ChangeSchedule schedule(DomainContext context, long count) {
        return new ChangeSchedule(lifecycle, count, Seeding.derive(context.seed(), schema.name()),
                context.clock().millis());
    }

    private Entities bind(DomainContext context, long count, Supplier<? extends EntityLifecycle.Values> values) {
        return new Entities(schema.name(), schema, key, keyType, schedule(context, count)) {
            @Override
            Evaluator evaluator() {
                EntityLifecycle.Values code = values.get();
                At change = new At();
                return (entity, created, version) -> {
                    change.entity = entity;
                    change.created = created;
                    change.version = version;
                    return code.at(change);
                };
            }
        };
    }

    /** The version being computed, as the code reads it; reused by one worker. */
    private final class At implements EntityLifecycle.Change {
        long entity;
        long created;
        Version version;

        @Override
        public long entity() {
            return entity;
        }

        @Override
        public int version() {
            return version.number;
        }

        @Override
        public String state() {
            return lifecycle.states[version.state];
        }

        @Override
        public long created() {
            return created;
        }

        @Override
        public long time() {
            return created + version.offset;
        }

        @Override
        public int drawn(int field) {
            return EntityVersions.drawnVersion(drawnBy[field], version);
        }

        @Override
        public long drawnAt(int field) {
            return created + EntityVersions.drawnOffset(drawnBy[field], version);
        }
    }
}
