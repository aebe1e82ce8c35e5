package dev.dataemulator.parquet;

import dev.dataemulator.core.spi.FormatProvider;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.parquet.internal.ParquetObjectFormat;
import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The {@code parquet} object format ({@code format_type: parquet}) of the object sinks: one Parquet file per object,
 * typed from the domain's {@link dev.dataemulator.core.spi.RecordSchema} (the envelope, when on, as
 * {@code emulation_id}, {@code timestamp} and a {@code data} group). Needs no Hadoop at run time. Found by
 * {@link java.util.ServiceLoader}.
 *
 * <p>Settings, read from the sink's configuration:
 * <ul>
 *   <li>{@code compression}: {@code snappy} (default), {@code zstd}, {@code gzip} or {@code none};</li>
 *   <li>{@code row_group_size}: bytes buffered per open file before a row group is written, {@code 64KiB} to
 *       {@code 1GiB}, default {@code 8MiB}. Memory is bounded by this times the files open at once;</li>
 *   <li>{@code dictionary}: which columns get dictionary encoding: {@code auto} (default: all but UUIDs,
 *       timestamps, doubles and decimals, whose values rarely repeat), {@code all} (Parquet's own default: smaller
 *       files when those values do repeat, more CPU per record) or {@code none}.</li>
 * </ul>
 */
public final class ParquetFormatProvider implements FormatProvider {
    /** The {@code compression} setting. */
    public static final String COMPRESSION = "compression";
    /** The {@code row_group_size} setting. */
    public static final String ROW_GROUP_SIZE = "row_group_size";
    /** The {@code dictionary} setting. */
    public static final String DICTIONARY = "dictionary";
    /** Default {@code row_group_size}: 8 MiB. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 8L * 1024 * 1024;
    /** Smallest {@code row_group_size}: 64 KiB. */
    public static final long MIN_ROW_GROUP_SIZE = 64L * 1024;
    /** Largest {@code row_group_size}: 1 GiB. */
    public static final long MAX_ROW_GROUP_SIZE = 1024L * 1024 * 1024;

    /** Used by {@link java.util.ServiceLoader}. */
    public ParquetFormatProvider() {
    }

    /** @return {@code "parquet"} */
    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public ObjectFormat configure(SinkConfig config) {
        String text = config.string(COMPRESSION, "snappy");
        CompressionCodecName codec;
        switch (text.toLowerCase(Locale.ROOT)) {
            case "snappy" -> codec = CompressionCodecName.SNAPPY;
            case "zstd" -> codec = CompressionCodecName.ZSTD;
            case "gzip" -> codec = CompressionCodecName.GZIP;
            case "none", "uncompressed" -> codec = CompressionCodecName.UNCOMPRESSED;
            default -> {
                config.violation(COMPRESSION, text, "expected one of snappy, zstd, gzip, none for format 'parquet'");
                codec = CompressionCodecName.SNAPPY;
            }
        }
        long rowGroupSize = config.bytes(ROW_GROUP_SIZE, DEFAULT_ROW_GROUP_SIZE, MIN_ROW_GROUP_SIZE,
                MAX_ROW_GROUP_SIZE);
        String dictionaryText = config.string(DICTIONARY, "auto");
        ParquetObjectFormat.Dictionary dictionary;
        switch (dictionaryText.toLowerCase(Locale.ROOT)) {
            case "auto" -> dictionary = ParquetObjectFormat.Dictionary.AUTO;
            case "all" -> dictionary = ParquetObjectFormat.Dictionary.ALL;
            case "none" -> dictionary = ParquetObjectFormat.Dictionary.NONE;
            default -> {
                config.violation(DICTIONARY, dictionaryText, "expected one of auto, all, none for format 'parquet'");
                dictionary = ParquetObjectFormat.Dictionary.AUTO;
            }
        }
        return new ParquetObjectFormat(codec, rowGroupSize, dictionary);
    }
}
