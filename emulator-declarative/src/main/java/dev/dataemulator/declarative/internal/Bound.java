package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.support.Seeding;

/**
 * A domain bound to an emulation seed: the key of every field (so a value is a function of seed, domain, field path
 * and coordinate only) and the per-emulation state fields prepare once (Datafaker pools, permutations). Immutable
 * and thread-safe once built.
 */
final class Bound {
    final DomainPlan plan;
    final long seed;
    final long domainKey;
    final long[] keys;
    final long[] nullKeys;
    final Object[] state;
    /** The bound domains this one refers to, by domain index in the model (null where not referenced). */
    final Bound[] parents;

    Bound(DomainPlan plan, long seed, Bound[] parents) {
        this.plan = plan;
        this.seed = seed;
        this.parents = parents;
        this.domainKey = Seeding.derive(seed, plan.name);
        int n = plan.allFields.size();
        this.keys = new long[n];
        this.nullKeys = new long[n];
        this.state = new Object[n];
        for (Field field : plan.allFields) {
            keys[field.id] = Seeding.mix(domainKey ^ field.pathHash);
            nullKeys[field.id] = Seeding.mix(domainKey ^ field.nullHash);
        }
        for (Field field : plan.allFields) {
            state[field.id] = field.prepare(this);
        }
    }
}
