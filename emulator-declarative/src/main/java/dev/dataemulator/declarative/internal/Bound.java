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
    /** The number of records: the domain's count, or with {@code per_parent} the sum of every parent's children. */
    final long count;
    /** With {@code per_parent} children per parent: the fixed number, or 0 when {@link #firstChild} holds them. */
    private final long perParent;
    /** With a per_parent range: the seq of each parent's first child, and the count at the end (parents + 1). */
    private final long[] firstChild;

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
        Fields.RefField grouping = plan.perParent;
        if (grouping == null) {
            count = plan.count;
            perParent = 0;
            firstChild = null;
        } else {
            long parentCount = parents[grouping.domainIndex].count;
            if (grouping.perParent.min() == grouping.perParent.max()) {
                perParent = (long) grouping.perParent.min();
                firstChild = null;
                count = parentCount * perParent;
            } else {
                perParent = 0;
                firstChild = new long[Math.toIntExact(parentCount + 1)];
                for (int j = 0; j < parentCount; j++) {
                    firstChild[j + 1] = firstChild[j] + grouping.children(this, j);
                }
                count = firstChild[(int) parentCount];
            }
        }
        for (Field field : plan.allFields) {
            state[field.id] = field.prepare(this);
        }
    }

    /** @return the parent of child record {@code seq} of a per_parent domain */
    long parentOf(long seq) {
        if (perParent > 0) {
            return seq / perParent;
        }
        int index = java.util.Arrays.binarySearch(firstChild, seq);
        if (index >= 0) {
            while (index + 1 < firstChild.length && firstChild[index + 1] == seq) {
                index++; // parents without children share their first child's seq with the next parent
            }
            return index;
        }
        return -index - 2;
    }

    /** @return the seq of the first child of {@code parent} */
    long firstChild(long parent) {
        return perParent > 0 ? parent * perParent : firstChild[(int) parent];
    }
}
