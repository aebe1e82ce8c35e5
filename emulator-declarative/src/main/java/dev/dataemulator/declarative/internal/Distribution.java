package dev.dataemulator.declarative.internal;

/**
 * A numeric distribution bounded to [min, max]: {@code uniform}, {@code normal}, {@code lognormal},
 * {@code exponential}, {@code zipf} or {@code poisson}. Samples outside the bounds are drawn again (up to 16 times,
 * then clamped), so bounds cut a distribution's tails without piling values up at the edges. Immutable and
 * thread-safe.
 */
public final class Distribution {
    /** The distribution names of the format. */
    public enum Shape { UNIFORM, NORMAL, LOGNORMAL, EXPONENTIAL, ZIPF, POISSON }

    private static final int REDRAWS = 16;

    private final Shape shape;
    private final double min;
    private final double max;
    private final double a;
    private final double b;
    private final Zipf zipf;
    private final double poissonLimit;

    /**
     * @param a mean (normal, exponential), mu (lognormal), exponent (zipf), lambda (poisson)
     * @param b stddev (normal), sigma (lognormal)
     */
    public Distribution(Shape shape, double min, double max, double a, double b) {
        this.shape = shape;
        this.min = min;
        this.max = max;
        this.a = a;
        this.b = b;
        this.zipf = shape == Shape.ZIPF ? new Zipf((long) Math.floor(max - min) + 1, a) : null;
        this.poissonLimit = shape == Shape.POISSON ? Math.exp(-a) : 0;
    }

    public Shape shape() {
        return shape;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** @return a real-valued sample in [min, max] ({@code uniform}: [min, max)) */
    public double sample(Rng rng) {
        if (shape == Shape.UNIFORM) {
            return min + rng.nextDouble() * (max - min);
        }
        if (shape == Shape.ZIPF) {
            return min + (zipf.sample(rng) - 1);
        }
        for (int i = 0; i < REDRAWS; i++) {
            double x = raw(rng);
            if (x >= min && x <= max) {
                return x;
            }
        }
        return Math.max(min, Math.min(max, raw(rng)));
    }

    /** @return the smallest integral sample ({@link #sampleLong}) can draw: none is below it */
    public long lowestLong() {
        return (long) min;
    }

    /** @return an integral sample in [min, max], both inclusive */
    public long sampleLong(Rng rng) {
        if (shape == Shape.UNIFORM) {
            return rng.nextLong((long) min, (long) max);
        }
        if (shape == Shape.ZIPF) {
            return (long) min + (zipf.sample(rng) - 1);
        }
        double x = sample(rng);
        return Math.max((long) min, Math.min((long) max, Math.round(x)));
    }

    private double raw(Rng rng) {
        switch (shape) {
            case NORMAL:
                return a + b * rng.nextGaussian();
            case LOGNORMAL:
                return Math.exp(a + b * rng.nextGaussian());
            case EXPONENTIAL:
                return min - a * Math.log(rng.nextOpenDouble());
            case POISSON:
                return poisson(rng);
            default:
                throw new IllegalStateException(shape.name());
        }
    }

    private double poisson(Rng rng) {
        if (a < 30) {
            // Knuth: multiply uniforms until the product falls below e^-lambda
            long k = 0;
            double p = rng.nextDouble();
            while (p > poissonLimit) {
                k++;
                p *= rng.nextDouble();
            }
            return k;
        }
        // large lambda: the normal approximation, rounded
        return Math.max(0, Math.round(a + Math.sqrt(a) * rng.nextGaussian()));
    }
}
