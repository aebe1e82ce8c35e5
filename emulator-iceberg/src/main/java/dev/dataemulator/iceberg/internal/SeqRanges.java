package dev.dataemulator.iceberg.internal;

import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of record sequence numbers as sorted, disjoint, non-adjacent closed ranges: what a snapshot summary records
 * ({@code 0-9999,10002-10050}) and what a resumed run skips. Records reach the sink nearly in order, so a commit's
 * seqs make a handful of ranges. Seqs added one by one go first into a bit set from the first one's value (one bit
 * per seq of the span, no object per seq), folded into the ranges when they are read. Not thread-safe.
 */
final class SeqRanges {
    /** Range start to range end, inclusive. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private BitSet bits;
    private long base;

    void add(long seq) {
        if (bits == null) {
            bits = new BitSet();
            base = seq;
        }
        long offset = seq - base;
        if (offset >= 0 && offset < Integer.MAX_VALUE) {
            bits.set((int) offset);
        } else {
            addRange(seq, seq);
        }
    }

    /** Moves the bit set's seqs into the ranges. */
    private void fold() {
        if (bits == null) {
            return;
        }
        BitSet set = bits;
        bits = null;
        for (int from = set.nextSetBit(0); from >= 0; ) {
            int to = set.nextClearBit(from);
            addRange(base + from, base + to - 1);
            from = set.nextSetBit(to);
        }
    }

    void addAll(SeqRanges other) {
        other.fold();
        fold();
        for (Map.Entry<Long, Long> range : other.ranges.entrySet()) {
            addRange(range.getKey(), range.getValue());
        }
    }

    private void addRange(long from, long to) {
        Map.Entry<Long, Long> before = ranges.floorEntry(from);
        if (before != null && before.getValue() >= from - 1) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(from);
        while (next != null && next.getKey() <= to + 1) {
            to = Math.max(to, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(from);
        }
        ranges.put(from, to);
    }

    boolean contains(long seq) {
        fold();
        Map.Entry<Long, Long> range = ranges.floorEntry(seq);
        return range != null && range.getValue() >= seq;
    }

    boolean isEmpty() {
        fold();
        return ranges.isEmpty();
    }

    /** @return the highest seq held, or -1 when empty */
    long max() {
        fold();
        return ranges.isEmpty() ? -1 : ranges.lastEntry().getValue();
    }

    /** @return how many seqs are held */
    long count() {
        fold();
        long count = 0;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            count += range.getValue() - range.getKey() + 1;
        }
        return count;
    }

    /** @return the ranges as {@code from-to} (or {@code seq}) joined by commas */
    @Override
    public String toString() {
        fold();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(range.getKey());
            if (!range.getValue().equals(range.getKey())) {
                out.append('-').append(range.getValue());
            }
        }
        return out.toString();
    }

    /** @throws NumberFormatException when {@code text} is not what {@link #toString()} writes */
    static SeqRanges parse(String text) {
        SeqRanges seqs = new SeqRanges();
        if (text == null || text.isEmpty()) {
            return seqs;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-', 1);
            long from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
            seqs.addRange(from, to);
        }
        return seqs;
    }
}
