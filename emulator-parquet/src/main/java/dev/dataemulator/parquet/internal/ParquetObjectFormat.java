package dev.dataemulator.parquet.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectWriter;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Parquet files typed from the domain's schema, written without Hadoop: a plain configuration set first, our own
 * codecs and our own write support (the three conditions parquet-java needs to run without Hadoop classes).
 *
 * @param compression the page compression
 * @param rowGroupSize the row group size in bytes: what a writer buffers before it writes
 * @param dictionary which columns get dictionary encoding
 */
public record ParquetObjectFormat(CompressionCodecName compression, long rowGroupSize, Dictionary dictionary)
        implements ObjectFormat {

    /** Which columns are dictionary-encoded. */
    public enum Dictionary {
        /** All but those whose values rarely repeat ({@link ParquetSchemas#columnsWithoutDictionary}). */
        AUTO,
        /** Every column, as Parquet does by default. */
        ALL,
        /** No column. */
        NONE
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public String contentType() {
        return "application/vnd.apache.parquet";
    }

    @Override
    public boolean compressesItself() {
        return true;
    }

    @Override
    public boolean encodesInWriter() {
        return true;
    }

    @Override
    public ObjectWriter open(OutputStream out, EmulatedRecord first) throws IOException {
        RecordSchema schema = requireSchema("parquet", first);
        RecordWriteSupport support = new RecordWriteSupport(ParquetSchemas.messageType(schema, first.envelope()),
                first.envelope());
        // withConf first: any other builder call before it creates a Hadoop configuration
        Builder builder = new Builder(new StreamOutputFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(Codecs.INSTANCE)
                .withCompressionCodec(compression)
                .withRowGroupSize(rowGroupSize)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withDictionaryEncoding(dictionary != Dictionary.NONE);
        if (dictionary == Dictionary.AUTO) {
            for (String column : ParquetSchemas.columnsWithoutDictionary(schema, first.envelope())) {
                builder.withDictionaryEncoding(column, false);
            }
        }
        ParquetWriter<EmulatedRecord> writer = builder.build();
        return new ObjectWriter() {
            private long records;
            private boolean finished;

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
             * The records' plain-encoded values ({@link RecordWriteSupport#valueBytes()}): the uncompressed data,
             * independent of Parquet's buffers (whose allocated size, {@code getDataSize()}, runs far ahead of the
             * data) and of any JSON encoding, which Parquet never needs; row groups bound the memory.
             */
            @Override
            public long bytes() {
                return support.valueBytes();
            }

            @Override
            public void finish() throws IOException {
                if (!finished) {
                    finished = true;
                    writer.close();
                }
            }
        };
    }

    /**
     * @return the record's schema
     * @throws InvalidSettingException naming {@code format_type} when the domain declares none
     */
    static RecordSchema requireSchema(String format, EmulatedRecord record) {
        return record.schema().orElseThrow(() -> new InvalidSettingException(FormatRegistry.FORMAT_TYPE, format,
                "domain '" + record.domain() + "' declares no schema (DomainGenerator.schema()); " + format
                        + " needs typed fields: use json, jsonl or csv for it"));
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
