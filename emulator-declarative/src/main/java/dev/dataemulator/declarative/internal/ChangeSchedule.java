package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.support.Seeding;

/**
 * When every entity of a lifecycle domain changes, and in which order the changes come, with no memory per entity.
 *
 * <p><b>Creation.</b> Entity {@code e} of {@code count} is created at {@code from + (e + u) × spacing}, with
 * {@code u} in [0, 1) drawn from (seed, domain, e) and {@code spacing = (to - from) / count}: a monotone function of
 * the index with a jitter smaller than one spacing, so creation times never decrease with the index.
 *
 * <p><b>Paths.</b> Entities share their sequence of states and dwell times by <em>lane</em>: entity {@code e} is
 * member {@code e / lanes} of lane {@code e % lanes}, and version {@code v} of every member of a lane enters the
 * same state the same time after its creation. A lane's path is drawn from (seed, domain, lane, version); with at
 * most {@value #MAX_LANES} lanes (one per entity when there are fewer entities) the paths follow the lifecycle's
 * weights and dwell distributions. The values of every version are drawn per entity.
 *
 * <p><b>Order.</b> For one lane and version, the change times {@code created(member) + offset(version)} increase
 * with the member, so the whole stream is a merge of these sorted runs by (time, entity, version). A cursor holds
 * one run per lane and version that has started and not ended: memory grows with the lanes and with how many
 * versions of a lane fit in the span of creation times (the window the changes being made belong to), never with
 * the number of entities. Per entity, versions come in order and never earlier than the version before.
 *
 * <p>Immutable and thread-safe; each worker reads through its own {@link Cursor}.
 */
final class ChangeSchedule {
    /** The most lanes: distinct lifecycle paths. */
    static final int MAX_LANES = 4096;

    final LifecyclePlan lifecycle;
    final long count;
    final int lanes;
    private final long from;
    private final double spacing;
    private final long creationKey;
    private final long pathKey;

    /**
     * @param domainKey the domain's key under the emulation seed
     * @param startMillis the clock when the emulation opened the domain (the base of {@code created: {now: ...}})
     */
    ChangeSchedule(LifecyclePlan lifecycle, long count, long domainKey, long startMillis) {
        this.lifecycle = lifecycle;
        this.count = count;
        this.lanes = (int) Math.min(count, MAX_LANES);
        this.from = lifecycle.createdNow ? startMillis + lifecycle.createdFrom : lifecycle.createdFrom;
        long to = lifecycle.createdNow ? startMillis + lifecycle.createdTo : lifecycle.createdTo;
        this.spacing = (to - from) / (double) count;
        this.creationKey = Seeding.mix(domainKey ^ Seeding.hash("lifecycle/created"));
        this.pathKey = Seeding.mix(domainKey ^ Seeding.hash("lifecycle/path"));
    }

    /** @return when entity {@code entity} is created, epoch millis */
    long created(long entity) {
        double u = Seeding.unit(Rng.first(creationKey, entity));
        return from + (long) Math.floor((entity + u) * spacing);
    }

    /** @return the version after {@code version} on the path of {@code lane}, or null when it has none */
    Version step(Version version, long lane, Rng rng) {
        return version.next(lifecycle, rng.reset(Seeding.mix(pathKey + Rng.GOLDEN * (lane + 1)), version.number));
    }

    /**
     * @return the latest version of {@code entity} at {@code atMillis} (inclusive), or null when it is not created
     *     yet
     */
    Version versionAt(long entity, long atMillis, Rng rng) {
        long created = created(entity);
        if (created > atMillis) {
            return null;
        }
        Version version = Version.first(lifecycle);
        long lane = entity % lanes;
        while (true) {
            Version next = step(version, lane, rng);
            if (next == null || created + next.offset > atMillis) {
                return version;
            }
            version = next;
        }
    }

    /** @return a reader of the changes in order, for one thread */
    Cursor cursor() {
        return new Cursor();
    }

    /** The run of one lane and version: its members from {@code member} on. */
    private static final class Run {
        final long lane;
        final Version version;
        long member;
        long entity;
        long time;

        Run(long lane, Version version) {
            this.lane = lane;
            this.version = version;
        }

        boolean before(Run other) {
            if (time != other.time) {
                return time < other.time;
            }
            if (entity != other.entity) {
                return entity < other.entity;
            }
            return version.number < other.version.number;
        }
    }

    /**
     * Walks the changes in order, remembering where it is, so that increasing positions cost a heap step each; a
     * position behind it starts the walk again. Not thread-safe.
     */
    final class Cursor {
        private final Rng rng = new Rng();
        private Run[] heap = new Run[64];
        private int size;
        /** How many changes were passed; the current one is change {@code position - 1}. */
        private long position;
        long entity;
        long time;
        long created;
        Version version;

        private Cursor() {
            reset();
        }

        private void reset() {
            size = 0;
            position = 0;
            for (long lane = 0; lane < lanes; lane++) {
                Run run = new Run(lane, Version.first(lifecycle));
                place(run, 0);
                push(run);
            }
        }

        /**
         * Moves to change {@code index} (0-based, in event-time order).
         *
         * @return false when the stream has fewer changes
         */
        boolean moveTo(long index) {
            if (index < position - 1) {
                reset();
            }
            while (position <= index) {
                if (!pop()) {
                    return false;
                }
            }
            return true;
        }

        private void place(Run run, long member) {
            run.member = member;
            run.entity = member * lanes + run.lane;
            run.time = created(run.entity) + run.version.offset;
        }

        private boolean pop() {
            if (size == 0) {
                return false;
            }
            Run run = heap[0];
            entity = run.entity;
            time = run.time;
            created = time - run.version.offset;
            version = run.version;
            position++;
            if (run.member == 0) {
                // the next version of this lane starts no earlier than this change: it joins just in time
                Version next = step(run.version, run.lane, rng);
                if (next != null) {
                    Run follower = new Run(run.lane, next);
                    place(follower, 0);
                    push(follower);
                }
            }
            long member = run.member + 1;
            if (member * lanes + run.lane < count) {
                place(run, member);
            } else {
                heap[0] = heap[--size];
                heap[size] = null;
            }
            if (size > 0) {
                down(0);
            }
            return true;
        }

        private void push(Run run) {
            if (size == heap.length) {
                heap = java.util.Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!run.before(heap[parent])) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = run;
        }

        private void down(int i) {
            Run run = heap[i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1].before(heap[child])) {
                    child++;
                }
                if (!heap[child].before(run)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = run;
        }
    }
}
