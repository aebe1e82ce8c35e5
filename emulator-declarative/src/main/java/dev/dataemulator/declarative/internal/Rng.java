package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.support.Seeding;

/**
 * A SplitMix64 random source that is reset for every value: a value's randomness is a function of (field key,
 * coordinate) alone, never of the values made before it. Not thread-safe; one per worker.
 */
public final class Rng {
    static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private long state;

    /** Starts the stream of field {@code key} at record (or element) coordinate {@code coord}. */
    public Rng reset(long key, long coord) {
        state = Seeding.mix(key + GOLDEN * (coord + 1));
        return this;
    }

    /** @return the first value of the stream {@link #reset(long, long)} would start, without touching this one */
    public static long first(long key, long coord) {
        return Seeding.mix(Seeding.mix(key + GOLDEN * (coord + 1)) + GOLDEN);
    }

    public long nextLong() {
        state += GOLDEN;
        return Seeding.mix(state);
    }

    /** @return uniform in [0, 1) */
    public double nextDouble() {
        return Seeding.unit(nextLong());
    }

    /** @return uniform in (0, 1], safe for logarithms */
    public double nextOpenDouble() {
        return 1.0 - nextDouble();
    }

    /** @return uniform in [0, bound) for a positive bound */
    public long nextLong(long bound) {
        long x = nextLong();
        // the high 64 bits of the unsigned 128-bit product x * bound (bound is positive)
        return Math.multiplyHigh(x, bound) + ((x >> 63) & bound);
    }

    /** @return uniform in [min, max], both inclusive, for any {@code min <= max} */
    public long nextLong(long min, long max) {
        long span = max - min + 1;
        if (span > 0) {
            return min + nextLong(span);
        }
        if (span == 0) {
            return nextLong(); // the full 64-bit range
        }
        long x;
        do {
            x = nextLong();
        } while (x < min || x > max);
        return x;
    }

    /** @return a standard normal deviate (Box-Muller, no cached spare so that the stream stays per value) */
    public double nextGaussian() {
        double u1 = nextOpenDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
