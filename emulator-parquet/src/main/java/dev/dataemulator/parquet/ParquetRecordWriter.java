package dev.dataemulator.parquet;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.ObjectWriter;
import dev.dataemulator.parquet.internal.Codecs;
import dev.dataemulator.parquet.internal.RecordWriteSupport;
import dev.dataemulator.parquet.internal.StreamOutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file of records over a given message type, written without Hadoop: a plain configuration set first, our own codecs and our own
 * write support (the three conditions parquet-java needs to run without Hadoop classes). Used by the {@code parquet}
 * object format and by table sinks that give the message type themselves (with field ids) and read the footer's
 * statistics once the file is finished. Not thread-safe.
 */
public final class ParquetRecordWriter implements ObjectWriter {
    private final RecordWriteSupport support;
    private final ParquetWriter<EmulatedRecord> writer;
    private long records;
    private boolean finished;

    /**
     * @param out where the file goes; left open by {@link #finish()}
     * @param type the file's schema
     * @param envelope whether the schema holds the envelope {@code {emulation_id, timestamp, data}}
     * @param dataOnly write records as their data fields only, whether they carry the envelope or not
     * @param compression the page compression
     * @param rowGroupSize bytes buffered before a row group is written
     * @param withoutDictionary dotted column paths written without a dictionary; {@code null} for none at all
     */
    public ParquetRecordWriter(OutputStream out, MessageType type, boolean envelope, boolean dataOnly,
            CompressionCodecName compression, long rowGroupSize, Collection<String> withoutDictionary)
            throws IOException {
        this.support = new RecordWriteSupport(type, envelope, dataOnly);
        // withConf first: any other builder call before it creates a Hadoop configuration
        Builder builder = new Builder(new StreamOutputFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(Codecs.INSTANCE)
                .withCompressionCodec(compression)
                .withRowGroupSize(rowGroupSize)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withDictionaryEncoding(withoutDictionary != null);
        if (withoutDictionary != null) {
            for (String column : withoutDictionary) {
                builder.withDictionaryEncoding(column, false);
            }
        }
        this.writer = builder.build();
    }

    @Override
    public void add(EmulatedRecord record) throws IOException {
        try {
            writer.write(record);
        } catch (RecordWriteSupport.SchemaMismatch e) {
            throw new IOException("record " + record.seq() + " of '" + record.domain()
                    + "' does not match its schema: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("record " + record.seq() + " of '" + record.domain()
                    + "' cannot be written as Parquet: " + e, e);
        }
        records++;
    }

    @Override
    public long records() {
        return records;
    }

    /**
     * The records' plain-encoded values: the uncompressed data,
     * independent of Parquet's buffers (whose allocated size, {@code getDataSize()}, runs far ahead of the data)
     * and of any JSON encoding, which Parquet never needs; row groups bound the memory.
     */
    @Override
    public long bytes() {
        return support.valueBytes();
    }

    /** @return the bytes written to the stream so far plus those buffered: the file's size once finished */
    public long dataSize() {
        return writer.getDataSize();
    }

    @Override
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            writer.close();
        }
    }

    /** @return the finished file's footer: row groups and each column chunk's statistics */
    public ParquetMetadata footer() {
        if (!finished) {
            throw new IllegalStateException("the file is not finished");
        }
        return writer.getFooter();
    }

    /** The builder parquet-java needs for a custom write support, never touching Hadoop's configuration. */
    private static final class Builder extends ParquetWriter.Builder<EmulatedRecord, Builder> {
        private final WriteSupport<EmulatedRecord> support;

        Builder(OutputFile file, WriteSupport<EmulatedRecord> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in Parquet's builder; the ParquetConfiguration overload is used
        protected WriteSupport<EmulatedRecord> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<EmulatedRecord> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
