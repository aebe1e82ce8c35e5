package dev.dataemulator.declarative.internal;

import java.time.Clock;

/**
 * The per-worker evaluation state of one bound domain: a random source reset for every value, a scratch frame for
 * references into this domain, and the worker's shared Datafaker instance. Not thread-safe; one per worker and
 * domain.
 */
final class Env {
    final Bound bound;
    final Worker worker;
    final Rng rng = new Rng();
    final Clock clock;
    /** The sequence number of the record being evaluated (the parent index when evaluated for a reference). */
    long seq;
    /** The lifecycle state of the change being evaluated; -1 outside one. */
    int state = -1;
    /** The event time of the version being evaluated (epoch millis), or {@link Long#MIN_VALUE}: the clock's. */
    long nowMillis = Long.MIN_VALUE;
    private Frame scratch;
    /** The last parent index picked, so that same_as fields reuse it instead of drawing it again. */
    Fields.RefField pickedBy;
    long pickedAt;
    long picked;
    /** The last child record whose parent was looked up ({@code per_parent}), and that parent. */
    private long childSeq = -1;
    private long childParent;

    Env(Bound bound, Worker worker, Clock clock) {
        this.bound = bound;
        this.worker = worker;
        this.clock = clock;
    }

    /** @return "now" for the value being evaluated: a lifecycle version's event time, else the record clock */
    long nowMillis() {
        return nowMillis != Long.MIN_VALUE ? nowMillis : clock.millis();
    }

    /** @return the parent of child record {@code seq} of this per_parent domain */
    long parentOf(long seq) {
        if (seq != childSeq) {
            childParent = bound.parentOf(seq);
            childSeq = seq;
        }
        return childParent;
    }

    /** @return the 1-based position of child record {@code seq} among its parent's children */
    long childIndex(long seq) {
        return seq - bound.firstChild(parentOf(seq)) + 1;
    }

    Rng rng(Field field, long coord) {
        return rng.reset(bound.keys[field.id], coord);
    }

    /** @return the environment of a referenced domain, made on first use */
    Env parent(int domainIndex) {
        return worker.env(bound.parents[domainIndex], domainIndex);
    }

    /**
     * Recomputes the fields {@code closure} of record {@code index} of this domain (a reference's target and what it
     * depends on) into a scratch frame that the caller reads at once.
     */
    Frame evaluatePartial(Field[] closure, long index) {
        if (scratch == null) {
            scratch = new Frame(bound.plan.root.fields.length);
        }
        long saved = seq;
        seq = index;
        for (Field field : closure) {
            field.evalOrNull(this, scratch, field.slot, index);
        }
        seq = saved;
        return scratch;
    }
}
