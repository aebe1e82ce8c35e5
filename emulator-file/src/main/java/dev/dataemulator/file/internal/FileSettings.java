package dev.dataemulator.file.internal;

import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectKeys;
import dev.dataemulator.core.spi.PartitionTemplate;
import dev.dataemulator.core.support.SinkConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the {@code file} sink, parsed from its configuration map with every problem reported at once.
 *
 * @param path the root directory; each resource (the domain's topic/bucket name) is a directory below it
 * @param syncType how records are grouped into files
 * @param format the file layout
 * @param maxChunkSize bytes after which a chunk is completed
 * @param chunkMaxAge age after which a non-empty chunk is completed anyway
 * @param gzip whether files are gzip-compressed as a whole
 * @param prefix the key prefix below the resource directory, empty or ending with a slash
 * @param partitionBy the Hive-style partition template, {@code null} for none
 * @param maxOpenPartitions files open at once per emulation and domain; past it the oldest is completed
 */
public record FileSettings(Path path, SyncType syncType, ObjectFormat format, long maxChunkSize,
        Duration chunkMaxAge, boolean gzip, String prefix, PartitionTemplate partitionBy, int maxOpenPartitions) {

    /** The sink's name. */
    public static final String SINK = "file";
    /** Smallest accepted {@code max_chunk_size}. */
    public static final long MIN_CHUNK_SIZE = 1024;
    /** Largest accepted {@code max_chunk_size}. */
    public static final long MAX_CHUNK_SIZE = 1024L * 1024 * 1024;
    /** Default {@code max_chunk_size}: 5 MiB, as the {@code minio} sink. */
    public static final long DEFAULT_CHUNK_SIZE = 5L * 1024 * 1024;
    /** Default {@code max_open_partitions}. */
    public static final int DEFAULT_MAX_OPEN_PARTITIONS = 64;

    static final String PATH = "path";
    static final String SYNC_TYPE = "sync_type";
    static final String MAX_CHUNK_SIZE_KEY = "max_chunk_size";
    static final String CHUNK_MAX_AGE = "chunk_max_age";
    static final String GZIP = "gzip";
    static final String PREFIX = "prefix";
    static final String MAX_OPEN_PARTITIONS = "max_open_partitions";

    /** Every key the sink itself reads; formats add their own ({@code compression}, {@code row_group_size}). */
    public static final List<String> KEYS = List.of(PATH, SYNC_TYPE, FormatRegistry.FORMAT_TYPE, MAX_CHUNK_SIZE_KEY,
            CHUNK_MAX_AGE, GZIP, PREFIX, PartitionTemplate.SETTING, MAX_OPEN_PARTITIONS);

    /**
     * Parses and validates the settings without touching the file system.
     *
     * @param config the configuration map
     * @param formats the formats to choose from
     * @return the settings
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static FileSettings parse(Map<String, String> config, FormatRegistry formats) {
        SinkConfig c = new SinkConfig(SINK, config, Set.of());
        String pathText = c.required(PATH);
        Path path = null;
        if (pathText != null) {
            try {
                path = Path.of(pathText).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                c.violation(PATH, pathText, "is not a valid path: " + e.getMessage());
            }
        }
        SyncType syncType = c.choice(SYNC_TYPE, SyncType.class, SyncType.CHUNKED);
        ObjectFormat format = formats.configure(c, "jsonl");
        long maxChunkSize = c.bytes(MAX_CHUNK_SIZE_KEY, DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE);
        Duration chunkMaxAge = c.duration(CHUNK_MAX_AGE, Duration.ofSeconds(10));
        boolean gzip = c.bool(GZIP, false);
        if (gzip && format.compressesItself()) {
            c.violation(GZIP, "true", "format '" + format.name() + "' compresses its content itself: use its "
                    + "'compression' setting instead");
        }
        String prefix = ObjectKeys.normalizePrefix(c.string(PREFIX, ""));
        PartitionTemplate partitionBy = PartitionTemplate.read(c, PartitionTemplate.SETTING).orElse(null);
        int maxOpen = c.integer(MAX_OPEN_PARTITIONS, DEFAULT_MAX_OPEN_PARTITIONS, 1, 100_000);
        for (String unused : c.unusedKeys()) {
            c.violation(unused, config.get(unused), "is not a setting of the 'file' sink with format '"
                    + format.name() + "' (known: " + String.join(", ", KEYS) + ")");
        }
        c.validate();
        return new FileSettings(path, syncType, format, maxChunkSize, chunkMaxAge, gzip, prefix, partitionBy,
                maxOpen);
    }
}
