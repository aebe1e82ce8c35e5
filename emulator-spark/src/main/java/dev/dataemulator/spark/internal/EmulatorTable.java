package dev.dataemulator.spark.internal;

import dev.dataemulator.core.InvalidSettingException;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** A domain as a Spark table: batch reads of {@code rows} records, micro-batch reads by seq. */
public final class EmulatorTable implements SupportsRead {
    private final SourceOptions options;
    private final StructType schema;
    private final long capacity;

    /**
     * @param options the parsed options
     * @param schema the row type
     */
    public EmulatorTable(SourceOptions options, StructType schema) {
        this.options = options;
        this.schema = schema;
        // what the domain can make, and a backfill's end: its rate times its length, or the changes before it
        this.capacity = options.capacity();
    }

    @Override
    public String name() {
        return "emulator." + options.domain();
    }

    @Override
    @SuppressWarnings("deprecation")
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
        return EmulatorScan::new;
    }

    /** The rows of a batch read: {@code rows} (bounded by what the domain can make). */
    long batchRows() {
        if (options.rows() >= 0) {
            return Math.min(options.rows(), capacity);
        }
        if (capacity != Long.MAX_VALUE) {
            return capacity;
        }
        throw new InvalidSettingException("rows", null,
                "a batch read of the unbounded domain '" + options.domain() + "' needs the option 'rows'");
    }

    /** One read of the table. */
    private final class EmulatorScan implements Scan, Batch, SupportsReportStatistics {

        @Override
        public StructType readSchema() {
            return schema;
        }

        @Override
        public String description() {
            return "emulator[domain=" + options.domain() + ", seed=" + options.seed() + ", rows=" + options.rows()
                    + ", partitions=" + options.partitions() + "]";
        }

        @Override
        public Batch toBatch() {
            return this;
        }

        @Override
        public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
            return new SeqMicroBatchStream(options, capacity);
        }

        @Override
        public InputPartition[] planInputPartitions() {
            return SeqRange.split(options, 0, batchRows(), options.partitions());
        }

        @Override
        public PartitionReaderFactory createReaderFactory() {
            return new RangeReaderFactory();
        }

        @Override
        public Statistics estimateStatistics() {
            long rows = batchRows();
            return new Statistics() {
                @Override
                public OptionalLong sizeInBytes() {
                    long perRow = schema.defaultSize();
                    return OptionalLong.of(rows > Long.MAX_VALUE / perRow ? Long.MAX_VALUE : rows * perRow);
                }

                @Override
                public OptionalLong numRows() {
                    return OptionalLong.of(rows);
                }
            };
        }
    }
}
