package dev.dataemulator.factories.internal;

import dev.dataemulator.core.support.Seeding;
import java.util.SplittableRandom;

/**
 * The user id space {@code [min, max]} shared by every domain of one seed, with a seed-keyed bijection from
 * sequence numbers to user ids (so that profiles get unique ids whichever worker makes them) and the seed-derived
 * set of compromised users. Immutable and thread-safe.
 *
 * <p>The bijection is a four-round Feistel network over the smallest even-bit power of two that holds the space,
 * with cycle walking to stay inside it: on average fewer than four network evaluations per id.
 */
public final class UserSpace {
    /** Share of the user space whose accounts are compromised (account-takeover candidates). */
    public static final double COMPROMISED_SHARE = 0.02;

    private static final int ROUNDS = 4;

    private final long min;
    private final long max;
    private final long size;
    private final int half;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];
    private final long compromisedKey;

    /**
     * @param seed the emulation seed
     * @param min the smallest user id, at least 0
     * @param max the largest user id, at least {@code min}, with {@code max - min < 2^62}
     */
    public UserSpace(long seed, long min, long max) {
        if (min < 0 || max < min || max - min >= (1L << 62)) {
            throw new IllegalArgumentException("bad user space [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        this.size = max - min + 1;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        if ((bits & 1) != 0) {
            bits++;
        }
        this.half = bits / 2;
        this.halfMask = (1L << half) - 1;
        long permutationKey = Seeding.derive(seed, "user-permutation");
        for (int i = 0; i < ROUNDS; i++) {
            roundKeys[i] = Seeding.mix(permutationKey + i * 0x9e3779b97f4a7c15L);
        }
        this.compromisedKey = Seeding.derive(seed, "compromised-users");
    }

    /** @return the smallest user id */
    public long min() {
        return min;
    }

    /** @return the largest user id */
    public long max() {
        return max;
    }

    /** @return how many user ids the space holds */
    public long size() {
        return size;
    }

    /**
     * @param seq a sequence number in {@code [0, size)}
     * @return the user id at that position of the seed's permutation; distinct for distinct {@code seq}
     */
    public long idAt(long seq) {
        if (seq < 0 || seq >= size) {
            throw new IllegalArgumentException("seq " + seq + " outside [0, " + size + ")");
        }
        long x = seq;
        do {
            x = feistel(x);
        } while (x >= size);
        return min + x;
    }

    /**
     * @param userId a user id of the space
     * @return the sequence number {@link #idAt(long)} maps to it: the inverse permutation
     */
    public long seqOf(long userId) {
        if (userId < min || userId > max) {
            throw new IllegalArgumentException("user id " + userId + " outside [" + min + ", " + max + "]");
        }
        // walking the network backwards passes the same points outside the space the forward walk passed
        long x = userId - min;
        do {
            x = inverseFeistel(x);
        } while (x >= size);
        return x;
    }

    private long inverseFeistel(long x) {
        long left = x >>> half;
        long right = x & halfMask;
        for (int i = ROUNDS - 1; i >= 0; i--) {
            long previous = right ^ (Seeding.mix(left ^ roundKeys[i]) & halfMask);
            right = left;
            left = previous;
        }
        return (left << half) | right;
    }

    private long feistel(long x) {
        long left = x >>> half;
        long right = x & halfMask;
        for (int i = 0; i < ROUNDS; i++) {
            long next = left ^ (Seeding.mix(right ^ roundKeys[i]) & halfMask);
            left = right;
            right = next;
        }
        return (left << half) | right;
    }

    /** @return a user id drawn uniformly from the space */
    public long randomId(SplittableRandom random) {
        return min + (size <= Integer.MAX_VALUE ? random.nextInt((int) size) : random.nextLong(size));
    }

    /** @return whether {@code userId}'s account is compromised in this seed's universe (about 2% of users) */
    public boolean compromised(long userId) {
        return Seeding.unit(Seeding.mix(compromisedKey ^ userId)) < COMPROMISED_SHARE;
    }

    /** @return how many ids of the space are multiples of {@code m} */
    public long multiplesOf(long m) {
        return Math.floorDiv(max, m) - Math.floorDiv(min + m - 1, m) + 1;
    }

    /**
     * @return a multiple of {@code m} drawn uniformly from the space; only when {@link #multiplesOf(long)} is
     *     positive
     */
    public long randomMultipleOf(long m, SplittableRandom random) {
        long first = Math.floorDiv(min + m - 1, m);
        long count = multiplesOf(m);
        long index = count <= Integer.MAX_VALUE ? random.nextInt((int) count) : random.nextLong(count);
        return (first + index) * m;
    }
}
