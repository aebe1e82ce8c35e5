package dev.dataemulator.declarative.internal;

/**
 * The compiled {@code lifecycle} of a domain: its states, what each draws again on entry, how long an entity dwells
 * in it and where it goes next, and when entities are created. Times are epoch milliseconds (the unit of event
 * time). Immutable and thread-safe.
 */
final class LifecyclePlan {
    final String[] states;
    final int initial;
    /** Per state: the dwell before the next change, in milliseconds; null for a state without {@code next}. */
    final Distribution[] dwell;
    /** Per state: the next states and their cumulative probabilities; empty for a state without {@code next}. */
    final int[][] next;
    final double[][] cumulative;
    final boolean[] delete;
    /** Per top-level field slot: whether entering the state draws the field again. */
    final boolean[][] changes;
    /** Creation: {@code between} (epoch millis, inclusive) or {@code now} (offset and jitter, millis). */
    final boolean createdNow;
    final long createdFrom;
    final long createdTo;

    LifecyclePlan(String[] states, int initial, Distribution[] dwell, int[][] next, double[][] cumulative,
            boolean[] delete, boolean[][] changes, boolean createdNow, long createdFrom, long createdTo) {
        this.states = states;
        this.initial = initial;
        this.dwell = dwell;
        this.next = next;
        this.cumulative = cumulative;
        this.delete = delete;
        this.changes = changes;
        this.createdNow = createdNow;
        this.createdFrom = createdFrom;
        this.createdTo = createdTo;
    }

    /** @return whether an entity in {@code state} changes again */
    boolean hasNext(int state) {
        return next[state].length > 0;
    }

    /** @return the state after {@code state} for a uniform draw {@code u} in [0, 1) */
    int nextState(int state, double u) {
        double[] c = cumulative[state];
        int i = 0;
        while (i < c.length - 1 && u >= c[i]) {
            i++;
        }
        return next[state][i];
    }
}
