package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.support.Seeding;

/**
 * A seeded bijection of [0, size): a balanced Feistel network over the smallest even number of bits that covers the
 * size, with cycle walking back into range (fewer than four steps on average). Distinct inputs give distinct outputs
 * by construction, so unique keys need no set of values seen. Immutable and thread-safe.
 */
public final class Permutation {
    private static final int ROUNDS = 4;
    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[ROUNDS];

    public Permutation(long size, long key) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, size - 1));
        bits = Math.max(2, bits + (bits & 1));
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        for (int i = 0; i < ROUNDS; i++) {
            roundKeys[i] = Seeding.mix(key + 0x9e3779b97f4a7c15L * (i + 1));
        }
    }

    public long size() {
        return size;
    }

    /** @return the image of {@code index} in [0, size) */
    public long apply(long index) {
        long x = index;
        do {
            x = encrypt(x);
        } while (Long.compareUnsigned(x, size) >= 0);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long roundKey : roundKeys) {
            long next = left ^ (Seeding.mix(right ^ roundKey) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
