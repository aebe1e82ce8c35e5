package dev.dataemulator.spark.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One input partition: the records {@code from} (inclusive) to {@code to} (exclusive) by sequence number.
 *
 * @param options the source options
 * @param from the first seq
 * @param to one past the last seq
 */
public record SeqRange(SourceOptions options, long from, long to) implements InputPartition {

    /**
     * Splits {@code [from, to)} into at most {@code parts} contiguous ranges of near-equal size, in seq order, so
     * that each partition's files get narrow min/max statistics.
     *
     * @return the ranges (none when the interval is empty)
     */
    public static InputPartition[] split(SourceOptions options, long from, long to, int parts) {
        long total = to - from;
        if (total <= 0) {
            return new InputPartition[0];
        }
        int n = (int) Math.min(parts, total);
        List<InputPartition> ranges = new ArrayList<>(n);
        long base = total / n;
        long extra = total % n;
        long start = from;
        for (int i = 0; i < n; i++) {
            long size = base + (i < extra ? 1 : 0);
            ranges.add(new SeqRange(options, start, start + size));
            start += size;
        }
        return ranges.toArray(new InputPartition[0]);
    }
}
