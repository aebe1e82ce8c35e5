package dev.dataemulator.declarative.internal;

/**
 * The daily window of a {@code timestamp} ({@code hours: [from, to]}, UTC, {@code to} exclusive) and the days of the
 * week it may fall on ({@code weekdays}): an instant drawn over any span is moved into the window of its day, and
 * drawn again when its day is not allowed. Immutable and thread-safe.
 */
final class TimeWindow {
    static final long DAY = 86_400_000_000L;
    static final long HOUR = 3_600_000_000L;
    private static final int REDRAWS = 16;
    private final long from;
    private final long span;
    /** Bit d set: day of week d allowed (0 = Monday). */
    private final int weekdays;

    TimeWindow(int fromHour, int toHour, int weekdays) {
        this.from = fromHour * HOUR;
        this.span = (toHour - fromHour) * HOUR;
        this.weekdays = weekdays;
    }

    /** @return the day of the week of an epoch day, 0 = Monday */
    static int weekday(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }

    private boolean allowed(long epochDay) {
        return (weekdays & (1 << weekday(epochDay))) != 0;
    }

    /** @return an instant in [lo, hi] (epoch micros) inside the window, or the first one after lo if none is drawn */
    long sample(Rng rng, long lo, long hi) {
        for (int i = 0; i < REDRAWS; i++) {
            long t = rng.nextLong(lo, hi);
            long day = Math.floorDiv(t, DAY);
            long inDay = (long) (Math.floorMod(t, DAY) / (double) DAY * span);
            long moved = day * DAY + from + Math.min(inDay, span - 1);
            if (allowed(day) && moved >= lo && moved <= hi) {
                return moved;
            }
        }
        long day = Math.floorDiv(lo, DAY);
        for (int i = 0; i < 8; i++, day++) {
            long start = day * DAY + from;
            if (allowed(day) && lo < start + span) {
                return Math.max(lo, start);
            }
        }
        throw new IllegalStateException("no allowed day");
    }
}
