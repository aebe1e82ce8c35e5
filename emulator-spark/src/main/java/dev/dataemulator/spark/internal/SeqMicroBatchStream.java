package dev.dataemulator.spark.internal;

import dev.dataemulator.core.support.Pacer;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadAllAvailable;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;

/**
 * A micro-batch stream whose offsets are record seqs: batch {@code (start, end]} makes records {@code start} to
 * {@code end - 1}, the same records a batch read makes, so a restart from a checkpoint neither skips nor repeats one.
 * Each batch takes at most {@code rowsPerBatch} rows; with {@code rowsPerSecond} the stream also stays behind that rate
 * (counted from the start of this run: core's steady {@link Pacer}); {@code rows} ends the stream.
 */
final class SeqMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl, SupportsTriggerAvailableNow {
    private final SourceOptions options;
    private final long limit;
    private final Pacer pacer;
    private boolean started;
    private long runStartSeq;
    private long availableNowEnd = -1;

    SeqMicroBatchStream(SourceOptions options, long capacity) {
        this.options = options;
        this.limit = options.rows() >= 0 ? Math.min(options.rows(), capacity) : capacity;
        this.pacer = options.rowsPerSecond() > 0 ? Pacer.steady(options.rowsPerSecond()) : Pacer.unpaced();
    }

    @Override
    public Offset initialOffset() {
        return new SeqOffset(0);
    }

    @Override
    public Offset latestOffset() {
        throw new UnsupportedOperationException("latestOffset(Offset, ReadLimit) is used instead");
    }

    @Override
    public ReadLimit getDefaultReadLimit() {
        return ReadLimit.maxRows(options.rowsPerBatch());
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNowEnd = -2; // fixed at the first latestOffset call, once the start is known
    }

    @Override
    public Offset latestOffset(Offset startOffset, ReadLimit readLimit) {
        long start = ((SeqOffset) startOffset).seq();
        if (!started) {
            pacer.start(System.nanoTime(), start);
            runStartSeq = start;
            started = true;
        }
        long end = limit;
        if (pacer.paces()) {
            end = Math.min(end, runStartSeq + pacer.dueNow());
        }
        if (availableNowEnd == -2) {
            // "available now" of an endless generator: what the rate allows now, else one batch
            availableNowEnd = end != Long.MAX_VALUE ? end : saturatedAdd(start, options.rowsPerBatch());
        }
        if (availableNowEnd >= 0) {
            end = Math.min(end, availableNowEnd);
        }
        if (readLimit instanceof ReadMaxRows) {
            end = Math.min(end, saturatedAdd(start, ((ReadMaxRows) readLimit).maxRows()));
        } else if (!(readLimit instanceof ReadAllAvailable)) {
            end = Math.min(end, saturatedAdd(start, options.rowsPerBatch()));
        }
        return new SeqOffset(Math.max(start, end));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
        return SeqRange.split(options, ((SeqOffset) start).seq(), ((SeqOffset) end).seq(), options.partitions());
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new RangeReaderFactory();
    }

    @Override
    public Offset deserializeOffset(String json) {
        return SeqOffset.parse(json);
    }

    @Override
    public void commit(Offset end) {
        // nothing to release: records are made from their seq
    }

    @Override
    public void stop() {
    }
}
