package dev.dataemulator.parquet;

import dev.dataemulator.core.spi.FormatProvider;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.parquet.internal.AvroObjectFormat;
import java.util.Locale;

/**
 * The {@code avro} object format ({@code format_type: avro}) of the object sinks: one Avro object container file per
 * object, its schema (derived from the domain's {@link dev.dataemulator.core.spi.RecordSchema}) embedded in the
 * header. Found by {@link java.util.ServiceLoader}.
 *
 * <p>Settings, read from the sink's configuration: {@code compression}: {@code snappy} (default), {@code deflate}
 * or {@code none}.
 */
public final class AvroFormatProvider implements FormatProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public AvroFormatProvider() {
    }

    /** @return {@code "avro"} */
    @Override
    public String name() {
        return "avro";
    }

    @Override
    public ObjectFormat configure(SinkConfig config) {
        String text = config.string(ParquetFormatProvider.COMPRESSION, "snappy");
        String codec;
        switch (text.toLowerCase(Locale.ROOT)) {
            case "snappy" -> codec = "snappy";
            case "deflate" -> codec = "deflate";
            case "none", "null" -> codec = "null";
            default -> {
                config.violation(ParquetFormatProvider.COMPRESSION, text,
                        "expected one of snappy, deflate, none for format 'avro'");
                codec = "snappy";
            }
        }
        return new AvroObjectFormat(codec);
    }
}
