package dev.dataemulator.declarative;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.declarative.internal.CodedEntities;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link Lifecycle} for entities whose values Java code computes: the engine of declarative lifecycle domains (the
 * same schedule, change formats and snapshots) for a hand-written {@link dev.dataemulator.core.spi.DomainProvider}.
 *
 * <pre>{@code
 * EntityLifecycle lifecycle = EntityLifecycle.of(schema, "user_id", Lifecycle.builder()...build());
 * // in DomainProvider.open(context):
 * return lifecycle.changes(context, users, MyValues::new);            // a LifecycleDomain's openSnapshot:
 * return lifecycle.snapshot(context, users, MyValues::new, at);
 * }</pre>
 *
 * The code computes an entity's fields at a {@link Change}: a field must be a pure function of (seed, entity, the
 * version at which the change says it was last drawn, field path), and a field no state lists in {@code changes}
 * of (seed, entity) alone; then every version, delete, Debezium {@code before} and snapshot row is consistent with
 * every other, at any thread count and shard, with no memory per entity. The domain option {@value #CHANGE_FORMAT}
 * ({@code row} by default, or {@code debezium}) chooses the shape of the changes. Immutable and thread-safe.
 */
public final class EntityLifecycle {
    /** The domain option choosing the shape of the changes: {@code row} (default) or {@code debezium}. */
    public static final String CHANGE_FORMAT = "change_format";

    private final CodedEntities entities;

    private EntityLifecycle(CodedEntities entities) {
        this.entities = entities;
    }

    /**
     * @param schema the entities' fields (its name is the domain's); every record {@link Values} returns writes them
     * @param key the field naming an entity: its value never changes
     * @param lifecycle the lifecycle, whose {@code changes} name fields of {@code schema}
     * @return the compiled lifecycle
     * @throws DefinitionException with every problem of the lifecycle, as for a declarative domain
     */
    public static EntityLifecycle of(RecordSchema schema, String key, Lifecycle lifecycle) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lifecycle, "lifecycle");
        return new EntityLifecycle(CodedEntities.compile(schema, key, lifecycle.node()));
    }

    /**
     * @param context the emulation's seed, clock ({@code created: {timestamp: {now: ...}}} counts from its time) and
     *     domain options, of which only {@value #CHANGE_FORMAT} is read here
     * @param count the number of entities
     * @param values makes one worker's {@link Values}
     * @return the changes of the entities in event-time order; each record's event time is its change's
     * @throws dev.dataemulator.core.InvalidSettingException ({@value #CHANGE_FORMAT}) for an unknown format
     */
    public DomainGenerator changes(DomainContext context, long count, Supplier<? extends Values> values) {
        return entities.changes(context, count, values);
    }

    /**
     * @param at the instant, inclusive
     * @return every entity alive at {@code at} (created by then and not deleted), in entity order, with its latest
     *     version's fields and {@code __version}: what folding {@link #changes} by key up to {@code at} gives
     */
    public DomainGenerator snapshot(DomainContext context, long count, Supplier<? extends Values> values,
            Instant at) {
        return entities.snapshot(context, count, values, at.toEpochMilli());
    }

    /**
     * @param context the emulation's seed and clock, as for {@link #changes}
     * @param count the number of entities
     * @return where each entity stands at any instant, as {@link #changes} makes them; for another domain of the
     *     same seed that follows these entities (no values computed)
     */
    public History history(DomainContext context, long count) {
        return entities.history(context, count);
    }

    /** Where entities stand at an instant. Thread-safe. */
    public interface History {
        /**
         * @param entity the entity's index
         * @param atMillis the instant, epoch millis, inclusive
         * @return the entity's latest version at {@code atMillis}, or null when it is not created by then
         */
        Latest latest(long entity, long atMillis);
    }

    /**
     * An entity's latest version at an instant.
     *
     * @param version the version, from 1
     * @param state the state it entered
     * @param time when, epoch millis
     */
    public record Latest(int version, String state, long time) {
    }

    /** Computes an entity's fields at a change. Not thread-safe: one per worker. */
    public interface Values {
        /**
         * @param change the version to compute; valid only during this call
         * @return the entity's fields at that version, in the schema's order, keyed by the key field's text
         */
        RecordData at(Change change);
    }

    /** One version of one entity, as {@link Values} reads it. */
    public interface Change {
        /** @return the entity's index, 0 to count - 1 */
        long entity();

        /** @return the version, from 1 (the creation) */
        int version();

        /** @return the name of the state this version entered */
        String state();

        /** @return the entity's creation time, epoch millis */
        long created();

        /** @return this version's event time, epoch millis */
        long time();

        /**
         * @param field a field's index in the schema
         * @return the version at which the field was last drawn: 1, or the last version that entered a state
         *     listing it in {@code changes}
         */
        int drawn(int field);

        /** @return the event time, epoch millis, of version {@link #drawn(int)} of {@code field} */
        long drawnAt(int field);
    }
}
