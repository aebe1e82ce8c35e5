package dev.dataemulator.examples.http;

import dev.dataemulator.core.Emulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records per second of each emulation, sampled at a fixed interval and kept for the last {@code capacity} samples,
 * so the console can draw a chart of the last minutes even right after it is opened. A sample is the number of
 * records generated since the previous sample divided by the time between them. Emulations that end keep their
 * history (no further samples); emulations no longer listed are forgotten.
 *
 * <p>Thread-safe: {@link #sample} runs on a timer thread while request threads call {@link #rates()}.
 */
final class RateHistory {
    private final int capacity;
    private final Map<String, Series> series = new HashMap<>();

    /** @param capacity samples kept per emulation, the oldest dropped first */
    RateHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * What one emulation has done so far.
     *
     * @param id the emulation id
     * @param generated records generated since it started
     * @param ended whether it is over (this reading is its last sample)
     */
    record Reading(String id, long generated, boolean ended) {
        static Reading of(Emulation emulation) {
            // status first: a count read after the status cannot miss records of an emulation seen as ended
            boolean ended = emulation.status().isTerminal();
            return new Reading(emulation.id(), emulation.stats().generated(), ended);
        }
    }

    /**
     * Takes one sample of every emulation that was not over at the previous sample.
     *
     * @param readings every emulation the service knows, in start order
     * @param nanos a monotonic time stamp ({@link System#nanoTime()})
     */
    synchronized void sample(List<Reading> readings, long nanos) {
        Set<String> listed = new HashSet<>();
        for (Reading reading : readings) {
            listed.add(reading.id());
            Series s = series.computeIfAbsent(reading.id(), id -> new Series(capacity));
            if (!s.ended) {
                s.add(reading.generated(), nanos);
                s.ended = reading.ended();
            }
        }
        series.keySet().retainAll(listed);
    }

    /** @return per emulation id, its records-per-second samples, oldest first */
    synchronized Map<String, List<Long>> rates() {
        Map<String, List<Long>> rates = new LinkedHashMap<>();
        series.forEach((id, s) -> rates.put(id, s.values()));
        return rates;
    }

    private static final class Series {
        private final long[] ring;
        private int start;
        private int size;
        private long lastCount = -1;
        private long lastNanos;
        boolean ended;

        Series(int capacity) {
            ring = new long[capacity];
        }

        void add(long count, long nanos) {
            // the first sample only sets the baseline: the emulation may have started at any time before it
            if (lastCount >= 0 && nanos > lastNanos) {
                long rate = Math.round((count - lastCount) * 1e9 / (nanos - lastNanos));
                if (size < ring.length) {
                    ring[(start + size++) % ring.length] = rate;
                } else {
                    ring[start] = rate;
                    start = (start + 1) % ring.length;
                }
            }
            lastCount = count;
            lastNanos = nanos;
        }

        List<Long> values() {
            List<Long> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(ring[(start + i) % ring.length]);
            }
            return values;
        }
    }
}
