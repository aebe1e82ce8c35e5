package dev.dataemulator.spark.internal;

import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.spi.Seeding;
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

    /** Makes record {@code seq} for each seq of the range, exactly as {@code Fixtures} does for the same seed. */
    static final class RangeReader implements PartitionReader<InternalRow> {
        private final RecordFactory factory;
        private final RowWriter writer;
        private final long domainSeed;
        private final boolean envelope;
        private final long timestampSeconds;
        private final long to;
        private long next;
        private InternalRow current;

        RangeReader(SeqRange range) {
            SourceOptions options = range.options();
            DomainGenerator generator = options.open();
            RecordSchema schema = Schemas.of(generator, options.domain());
            this.factory = generator.newFactory();
            this.writer = new RowWriter(schema, options.emulationId());
            this.domainSeed = Seeding.derive(options.seed(), options.domain());
            this.envelope = options.envelope();
            this.timestampSeconds = Math.floorDiv(options.clock().millis(), 1000L);
            this.next = range.from();
            this.to = Math.min(range.to(), generator.capacity());
        }

        @Override
        public boolean next() {
            if (next >= to) {
                return false;
            }
            long seq = next++;
            RecordData data = factory.create(seq, Seeding.forRecord(domainSeed, seq));
            if (data == null) {
                next = to;
                return false;
            }
            current = envelope ? writer.envelope(data, timestampSeconds) : writer.fields(data);
            return true;
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
