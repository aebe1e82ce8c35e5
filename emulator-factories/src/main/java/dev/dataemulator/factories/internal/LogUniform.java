package dev.dataemulator.factories.internal;

import java.util.SplittableRandom;

/**
 * Draws integers from a log-uniform distribution over {@code [low, high]} by interpolating a table of
 * {@link StrictMath#exp} values: exact across JVMs and free of per-draw transcendental calls.
 */
final class LogUniform {
    private static final int STEPS = 1024;

    private final long low;
    private final long high;
    private final double[] table = new double[STEPS + 1];

    LogUniform(long low, long high) {
        this.low = low;
        this.high = high;
        double from = StrictMath.log(low);
        double to = StrictMath.log(high + 1.0);
        for (int i = 0; i <= STEPS; i++) {
            table[i] = StrictMath.exp(from + (to - from) * i / STEPS);
        }
    }

    long next(SplittableRandom random) {
        double x = random.nextDouble() * STEPS;
        int i = (int) x;
        double value = table[i] + (table[i + 1] - table[i]) * (x - i);
        long n = (long) value;
        return n < low ? low : Math.min(n, high);
    }
}
