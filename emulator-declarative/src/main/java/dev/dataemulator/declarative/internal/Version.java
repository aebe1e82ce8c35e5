package dev.dataemulator.declarative.internal;

import java.util.Arrays;

/**
 * One version of a lifecycle path: the state entered, when (milliseconds after the entity's creation), and for every
 * state the last version that entered it (which tells at which version each field was last drawn). Keeps the
 * version before it (without that one's own predecessor), which a delete's values and a change's "before" need.
 * Immutable.
 */
final class Version {
    final int number;
    final int state;
    final long offset;
    /** Per state: the last version, up to this one, that entered it; 0 when none did. */
    final int[] lastEntered;
    /** Per state: the offset of that version. */
    final long[] lastOffset;
    /** The version before, or null for version 1. */
    final Version previous;

    private Version(int number, int state, long offset, int[] lastEntered, long[] lastOffset, Version previous) {
        this.number = number;
        this.state = state;
        this.offset = offset;
        this.lastEntered = lastEntered;
        this.lastOffset = lastOffset;
        this.previous = previous;
    }

    /** @return version 1: the initial state, at creation */
    static Version first(LifecyclePlan lifecycle) {
        int[] entered = new int[lifecycle.states.length];
        entered[lifecycle.initial] = 1;
        return new Version(1, lifecycle.initial, 0, entered, new long[lifecycle.states.length], null);
    }

    /**
     * @param rng the path's random source, reset for this step
     * @return the next version, or null when this state has no next
     */
    Version next(LifecyclePlan lifecycle, Rng rng) {
        if (!lifecycle.hasNext(state)) {
            return null;
        }
        int target = lifecycle.nextState(state, rng.nextDouble());
        long dwell = Math.round(lifecycle.dwell[state].sample(rng));
        long at = offset + Math.max(0, dwell);
        int[] entered = Arrays.copyOf(lastEntered, lastEntered.length);
        long[] offsets = Arrays.copyOf(lastOffset, lastOffset.length);
        entered[target] = number + 1;
        offsets[target] = at;
        Version flat = previous == null ? this : new Version(number, state, offset, lastEntered, lastOffset, null);
        return new Version(number + 1, target, at, entered, offsets, flat);
    }
}
