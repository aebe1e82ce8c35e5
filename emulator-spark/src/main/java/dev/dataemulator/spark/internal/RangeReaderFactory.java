package dev.dataemulator.spark.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Makes the readers of {@link SeqRange} partitions, on the executors. */
public final class RangeReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new RangeReader((SeqRange) partition);
    }

    /**
     * Makes record {@code seq} for each seq of the range, exactly as {@code Fixtures} does for the same options, each
     * followed by the repeats of the faults' {@code duplicate} that a run at one thread hands over after it.
     */
    static final class RangeReader implements PartitionReader<InternalRow> {
        private final Fixtures.Stream stream;
        private final String emulationId;
        private final boolean envelope;
        /** Whether the rows are the labels of the range's damaged records rather than the records. */
        private final boolean labels;
        private final long to;
        /** The run's count of positions, which bounds the last block of repeats. */
        private final long limit;
        private final java.util.ArrayDeque<EmulatedRecord> repeats = new java.util.ArrayDeque<>();
        private RowWriter writer;
        private long next;
        private InternalRow current;

        RangeReader(SeqRange range) {
            SourceOptions options = range.options();
            this.stream = options.stream();
            this.emulationId = options.emulationId();
            this.envelope = options.envelope();
            this.labels = options.labels();
            this.next = range.from();
            this.to = Math.min(range.to(), stream.capacity());
            this.limit = options.rows() >= 0 ? Math.min(options.rows(), stream.capacity()) : stream.capacity();
        }

        @Override
        public boolean next() {
            while (true) {
                EmulatedRecord record = nextRecord();
                if (record == null) {
                    return false;
                }
                EmulatedRecord row = labels ? stream.label(record) : record;
                if (row == null) {
                    continue; // a clean record has no label
                }
                if (writer == null) {
                    // the table checked that the domain declares a schema; every record carries the same one
                    writer = new RowWriter(row.schema().orElseThrow(), emulationId);
                }
                current = envelope && !labels ? writer.envelope(row.data(), row.timestamp())
                        : writer.fields(row.data());
                return true;
            }
        }

        /** @return the next record or repeat of the range, or {@code null} after its last */
        private EmulatedRecord nextRecord() {
            EmulatedRecord record = repeats.poll();
            if (record == null) {
                if (next >= to) {
                    return null;
                }
                record = stream.record(next);
                if (record == null) {
                    next = to;
                    return null;
                }
                repeats.addAll(stream.repeatsAfter(next++, 1, 0, limit));
            }
            return record;
        }

        @Override
        public InternalRow get() {
            return current;
        }

        @Override
        public void close() {
        }
    }
}
