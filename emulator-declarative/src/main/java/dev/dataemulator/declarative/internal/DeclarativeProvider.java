package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.OrphanValues;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.declarative.LifecycleDomain;
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
public final class DeclarativeProvider implements LifecycleDomain {
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

    /**
     * @return the number of records of a finite domain, or -1 (also for children with a {@code per_parent} range,
     *     whose number follows from the seed: the opened generator's {@code capacity()} tells it)
     */
    public long count() {
        return plan.perParent != null && !plan.countKnown ? -1 : plan.count;
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        if (plan.lifecycle != null) {
            ChangeFormat format = ChangeFormat.of(plan.name, context.options());
            return new LifecycleGenerators.Changes(changeSource(context), format);
        }
        if (!context.options().isEmpty()) {
            throw new InvalidSettingException("domainOption", context.options().keySet(),
                    "declarative domain '" + plan.name + "' takes no options; describe variants as separate domains");
        }
        Bound[] bound = new Bound[model.size()];
        Bound self = bind(plan, context.seed(), bound);
        return new Generator(self, context.clock(), model.size());
    }

    /**
     * @return the domain's {@code count} (a lifecycle domain's records are changes: unbounded here); for children
     *     with a {@code per_parent} range, the most there can be (the opened generator's {@code capacity()} is exact)
     */
    @Override
    public long capacity(java.util.Map<String, String> options) {
        return plan.lifecycle == null && plan.count >= 0 ? plan.count : Long.MAX_VALUE;
    }

    /** @return the domains this one's {@code ref}s refer to, directly or through them */
    @Override
    public java.util.Set<String> references() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (int parent : plan.parents) {
            if (parent != plan.index) {
                names.add(model.get(parent).name);
            }
        }
        return names;
    }

    /** @return whether this is a lifecycle domain, whose records (changes) carry their own event times */
    @Override
    public boolean timed(java.util.Map<String, String> options) {
        return plan.lifecycle != null;
    }

    /** @return the domain's {@code faults:}, as entries of the faults setting */
    @Override
    public java.util.Map<String, String> faults() {
        return plan.faults;
    }

    /** @return whether the domain has a lifecycle: its records are the changes of its entities */
    public boolean hasLifecycle() {
        return plan.lifecycle != null;
    }

    /**
     * @throws InvalidSettingException ({@code domain}) when the domain has no lifecycle, or for an unknown
     *     {@code change_format} or other option
     */
    @Override
    public DomainGenerator openSnapshot(DomainContext context, java.time.Instant at) {
        if (plan.lifecycle == null) {
            throw new InvalidSettingException("domain", plan.name, "a domain with a lifecycle (only the entities of "
                    + "a lifecycle have a table state at an instant)");
        }
        ChangeFormat.of(plan.name, context.options()); // the options of the change stream are accepted
        return new LifecycleGenerators.Snapshot(changeSource(context), at.toEpochMilli());
    }

    private EntityVersions changeSource(DomainContext context) {
        Bound[] bound = new Bound[model.size()];
        Bound self = bind(plan, context.seed(), bound);
        ChangeSchedule schedule = new ChangeSchedule(plan.lifecycle, plan.count, self.domainKey,
                context.clock().millis());
        return new EntityVersions(self, schedule, context.clock(), model.size());
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
                if (bound.count >= 0 && seq >= bound.count) {
                    return null;
                }
                env.seq = seq;
                Frame frame = plan.root.evaluate(env, seq);
                String key = plan.key == null ? Long.toString(seq) : Field.text(plan.key.type, frame, plan.key.slot);
                return new FrameRecord(plan.root, frame, key);
            };
        }

        @Override
        public long capacity() {
            return bound.count >= 0 ? bound.count : Long.MAX_VALUE;
        }

        @Override
        public Optional<RecordSchema> schema() {
            return Optional.of(bound.plan.schema);
        }

        @Override
        public Optional<OrphanValues> orphans(String field) {
            for (Field declared : bound.plan.root.fields) {
                if (declared.name.equals(field) && declared instanceof Fields.RefField ref) {
                    return Optional.of(ref.orphans());
                }
            }
            return Optional.empty();
        }
    }
}
