package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A compiled declarative domain as an ordinary {@link DomainProvider}. Opening it binds the domain (and the domains it
 * refers to) to the emulation seed; each worker's factory evaluates records field by field from (seed, domain, seq,
 * field path), ignoring the per-record random source the engine passes (which is itself a function of seed, domain
 * and seq), so that a reference can recompute any record of its parent domain.
 */
public final class DeclarativeProvider implements DomainProvider {
    private final List<DomainPlan> model;
    private final DomainPlan plan;

    DeclarativeProvider(List<DomainPlan> model, DomainPlan plan) {
        this.model = model;
        this.plan = plan;
    }

    @Override
    public String name() {
        return plan.name;
    }

    @Override
    public Optional<String> defaultResource() {
        return Optional.ofNullable(plan.resource);
    }

    /** @return the typed schema of the records */
    public RecordSchema schema() {
        return plan.schema;
    }

    /** @return the number of records of a finite domain, or -1 */
    public long count() {
        return plan.count;
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        if (plan.lifecycle != null) {
            ChangeFormat format = ChangeFormat.of(plan.name, context.options());
            return new Changes(changeSource(context), context.clock(), model.size(), format);
        }
        if (!context.options().isEmpty()) {
            throw new InvalidSettingException("domainOption", context.options().keySet(),
                    "declarative domain '" + plan.name + "' takes no options; describe variants as separate domains");
        }
        Bound[] bound = new Bound[model.size()];
        Bound self = bind(plan, context.seed(), bound);
        return new Generator(self, context.clock(), model.size());
    }

    /** @return whether this is a lifecycle domain, whose records (changes) carry their own event times */
    @Override
    public boolean timed(java.util.Map<String, String> options) {
        return plan.lifecycle != null;
    }

    /** @return whether the domain has a lifecycle: its records are the changes of its entities */
    public boolean hasLifecycle() {
        return plan.lifecycle != null;
    }

    /**
     * @param at the instant, epoch millis (inclusive)
     * @return a domain of the same name whose records are the table at {@code at}: every entity alive then, in
     *     entity order, with its latest version's fields and {@code __version}; each record's event time is
     *     {@code at}
     */
    public DomainProvider snapshot(long at) {
        if (plan.lifecycle == null) {
            throw new InvalidSettingException("domain", plan.name, "a domain with a lifecycle (only the entities of "
                    + "a lifecycle have a table state at an instant)");
        }
        return new SnapshotProvider(this, at);
    }

    private EntityVersions changeSource(DomainContext context) {
        Bound[] bound = new Bound[model.size()];
        Bound self = bind(plan, context.seed(), bound);
        ChangeSchedule schedule = new ChangeSchedule(plan.lifecycle, plan.count, self.domainKey,
                context.clock().millis());
        return new EntityVersions(self, schedule);
    }

    /** The snapshot of a lifecycle domain at an instant, as a domain of its own. */
    private static final class SnapshotProvider implements DomainProvider {
        private final DeclarativeProvider changes;
        private final long at;

        SnapshotProvider(DeclarativeProvider changes, long at) {
            this.changes = changes;
            this.at = at;
        }

        @Override
        public String name() {
            return changes.name();
        }

        @Override
        public Optional<String> defaultResource() {
            return changes.defaultResource();
        }

        @Override
        public boolean timed(java.util.Map<String, String> options) {
            return true;
        }

        @Override
        public DomainGenerator open(DomainContext context) {
            ChangeFormat.of(changes.plan.name, context.options()); // the options of the change stream are accepted
            return new Snapshot(changes.changeSource(context), context.clock(), changes.model.size(), at);
        }

        @Override
        public String toString() {
            return "Snapshot[" + changes.plan.name + " at " + java.time.Instant.ofEpochMilli(at) + "]";
        }
    }

    /** The changes of a lifecycle domain in event-time order: record seq is change seq. */
    private static final class Changes implements DomainGenerator {
        private final EntityVersions versions;
        private final Clock clock;
        private final int domains;
        private final ChangeFormat format;
        private final RecordSchema schema;

        Changes(EntityVersions versions, Clock clock, int domains, ChangeFormat format) {
            this.versions = versions;
            this.clock = clock;
            this.domains = domains;
            this.format = format;
            this.schema = format.schema(versions.plan);
        }

        @Override
        public RecordFactory newFactory() {
            Env env = new Worker(clock, domains).env(versions.bound, versions.plan.index);
            ChangeSchedule.Cursor cursor = versions.schedule.cursor();
            LifecyclePlan lifecycle = versions.plan.lifecycle;
            return new RecordFactory() {
                @Override
                public RecordData create(long seq, SplittableRandom random) {
                    if (!cursor.moveTo(seq)) {
                        return null;
                    }
                    Version version = cursor.version;
                    boolean delete = lifecycle.delete[version.state];
                    Version shown = delete ? version.previous : version;
                    Frame after = versions.evaluate(env, cursor.entity, cursor.created, shown);
                    Frame before = format.needsBefore() && version.previous != null && !delete
                            ? versions.evaluate(env, cursor.entity, cursor.created, version.previous) : null;
                    char op = version.number == 1 ? 'c' : delete ? 'd' : 'u';
                    return format.record(versions, seq, cursor.time, op, version.number, before, after);
                }

                @Override
                public long eventMillis(long seq) {
                    return cursor.moveTo(seq) ? cursor.time : Long.MAX_VALUE;
                }
            };
        }

        @Override
        public boolean timed() {
            return true;
        }

        @Override
        public boolean unwrapped() {
            return format == ChangeFormat.DEBEZIUM;
        }

        @Override
        public Optional<RecordSchema> schema() {
            return Optional.of(schema);
        }
    }

    /** The entities alive at an instant, in entity order, each with its latest version. */
    private static final class Snapshot implements DomainGenerator {
        private final EntityVersions versions;
        private final Clock clock;
        private final int domains;
        private final long at;
        private final RecordSchema schema;

        Snapshot(EntityVersions versions, Clock clock, int domains, long at) {
            this.versions = versions;
            this.clock = clock;
            this.domains = domains;
            this.at = at;
            this.schema = EntityVersions.schema(versions.plan, false);
        }

        @Override
        public RecordFactory newFactory() {
            Env env = new Worker(clock, domains).env(versions.bound, versions.plan.index);
            LifecyclePlan lifecycle = versions.plan.lifecycle;
            Rng rng = new Rng();
            long count = versions.plan.count;
            return new RecordFactory() {
                /** The next entity to look at, and how many alive ones came before it. */
                private long entity;
                private long alive;

                @Override
                public RecordData create(long seq, SplittableRandom random) {
                    if (seq < alive) {
                        entity = 0;
                        alive = 0;
                    }
                    for (; entity < count; entity++) {
                        Version version = versions.schedule.versionAt(entity, at, rng);
                        if (version == null || lifecycle.delete[version.state]) {
                            continue;
                        }
                        if (alive++ == seq) {
                            long created = versions.schedule.created(entity);
                            Frame frame = versions.evaluate(env, entity++, created, version);
                            return new EntityVersions.Row(versions.plan.root, frame, versions.key(frame), null,
                                    version.number);
                        }
                    }
                    return null;
                }

                @Override
                public long eventMillis(long seq) {
                    return at;
                }
            };
        }

        @Override
        public boolean timed() {
            return true;
        }

        @Override
        public Optional<RecordSchema> schema() {
            return Optional.of(schema);
        }
    }

    private Bound bind(DomainPlan domain, long seed, Bound[] bound) {
        if (bound[domain.index] == null) {
            for (int parent : domain.parents) {
                bind(model.get(parent), seed, bound);
            }
            bound[domain.index] = new Bound(domain, seed, bound);
        }
        return bound[domain.index];
    }

    @Override
    public String toString() {
        return "DeclarativeProvider[" + plan.name + "]";
    }

    private static final class Generator implements DomainGenerator {
        private final Bound bound;
        private final Clock clock;
        private final int domains;

        Generator(Bound bound, Clock clock, int domains) {
            this.bound = bound;
            this.clock = clock;
            this.domains = domains;
        }

        @Override
        public RecordFactory newFactory() {
            Env env = new Worker(clock, domains).env(bound, bound.plan.index);
            DomainPlan plan = bound.plan;
            return (long seq, SplittableRandom random) -> {
                if (plan.count >= 0 && seq >= plan.count) {
                    return null;
                }
                env.seq = seq;
                Frame frame = plan.root.evaluate(env, seq);
                String key = plan.key == null ? Long.toString(seq) : Field.text(plan.key.type, frame, plan.key.slot);
                return new Record(plan.root, frame, key);
            };
        }

        @Override
        public long capacity() {
            return bound.plan.count >= 0 ? bound.plan.count : Long.MAX_VALUE;
        }

        @Override
        public Optional<RecordSchema> schema() {
            return Optional.of(bound.plan.schema);
        }
    }

    /** One record: its evaluated frame, written in declared order. Immutable. */
    private static final class Record implements RecordData {
        private final Struct root;
        private final Frame frame;
        private final String key;

        Record(Struct root, Frame frame, String key) {
            this.root = root;
            this.frame = frame;
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public void writeFields(FieldWriter out) {
            root.writeFields(out, frame);
        }
    }
}
