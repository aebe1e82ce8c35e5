package dev.dataemulator.parquet.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectWriter;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.parquet.ParquetRecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet files typed from the domain's schema, written without Hadoop by {@link ParquetRecordWriter}.
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
        List<String> withoutDictionary = switch (dictionary) {
            case AUTO -> ParquetSchemas.columnsWithoutDictionary(schema, first.envelope());
            case ALL -> List.of();
            case NONE -> null;
        };
        return new ParquetRecordWriter(out, ParquetSchemas.messageType(schema, first.envelope()), first.envelope(),
                false, compression, rowGroupSize, withoutDictionary);
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
}
