package dev.dataemulator.core.support;

import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.support.SinkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings every object sink shares ({@code minio}, {@code file}, any {@link dev.dataemulator.core.spi.ObjectStore}
 * behind {@link ObjectSink}), read once here; each store reads only its own (an endpoint and credentials, a
 * directory).
 *
 * @param syncType how records are grouped into objects ({@code sync_type})
 * @param format the object layout ({@code format_type}: core's json, jsonl, csv or a
 *     {@link dev.dataemulator.core.spi.FormatProvider} such as parquet, avro), configured from the same settings
 * @param maxChunkSize bytes of encoded (uncompressed) records after which a chunk is completed
 * @param chunkMaxAge age after which a non-empty chunk is completed anyway
 * @param gzip whether objects are gzip-compressed as a whole
 * @param prefix the object key prefix, empty or ending with a slash
 * @param partitionBy the Hive-style partition template ({@code partition_by}), {@code null} for none
 * @param maxOpenPartitions objects open at once per emulation and domain; past it the one opened first is completed
 * @param maxOpenBytes encoded bytes held by all open objects together; past it the largest is completed
 * @param uploadConcurrency puts running at once
 * @param uploadQueue finished objects waiting for a put before producers block
 * @param retries at most this many retries of a put after its first attempt; {@link #UNBOUNDED_RETRIES} (the default)
 *     leaves the bound to {@code retryTimeout}
 * @param retryBackoff the first retry's delay, doubled for each further retry up to {@link #MAX_RETRY_BACKOFF}
 * @param retryTimeout how long puts keep retrying while the store keeps failing transiently, counted from the first
 *     failure since the last successful put
 * @param closeTimeout how long {@code close()} waits for puts before counting them failed
 */
public record ObjectSinkSettings(SyncType syncType, ObjectFormat format, long maxChunkSize, Duration chunkMaxAge,
        boolean gzip, String prefix, PartitionTemplate partitionBy, int maxOpenPartitions, long maxOpenBytes,
        int uploadConcurrency, int uploadQueue, int retries, Duration retryBackoff, Duration retryTimeout,
        Duration closeTimeout) {

    /** Smallest accepted {@code max_chunk_size}. */
    public static final long MIN_CHUNK_SIZE = 1024;
    /** Largest accepted {@code max_chunk_size}: chunks may be buffered in memory. */
    public static final long MAX_CHUNK_SIZE = 1024L * 1024 * 1024;
    /** Default {@code max_chunk_size} of the text formats: 5 MiB. */
    public static final long DEFAULT_CHUNK_SIZE = 5L * 1024 * 1024;
    /**
     * Default {@code max_chunk_size} of the formats that compress themselves ({@code parquet}, {@code avro}): 64 MiB
     * of plain-encoded values, which come out as files of about a third of that; 5 MiB made Parquet files of 1.7 MB.
     */
    public static final long DEFAULT_COMPRESSED_CHUNK_SIZE = 64L * 1024 * 1024;
    /**
     * Default {@code max_open_partitions}: enough for a day of hourly partitions times a few dozen values of a
     * second key, so that a partitioned run keeps one object per partition open until it is full; memory is bounded
     * by {@code max_open_bytes}, not by this count.
     */
    public static final int DEFAULT_MAX_OPEN_PARTITIONS = 1024;
    /** Default {@code chunk_max_age} without {@code partition_by}: records show up within seconds. */
    public static final Duration DEFAULT_CHUNK_MAX_AGE = Duration.ofSeconds(10);
    /**
     * Default {@code chunk_max_age} with {@code partition_by}: a partitioned dataset is read as files, whose size
     * matters more than how soon the last records show up; ten seconds would close a small file per partition every
     * ten seconds.
     */
    public static final Duration DEFAULT_PARTITIONED_CHUNK_MAX_AGE = Duration.ofMinutes(5);
    /** Default {@code max_open_bytes}: 256 MiB of encoded records in open objects, all series together. */
    public static final long DEFAULT_MAX_OPEN_BYTES = 256L * 1024 * 1024;
    /** {@code retries} when the key is absent: no count, only {@code retry_timeout} bounds the retries. */
    public static final int UNBOUNDED_RETRIES = Integer.MAX_VALUE;
    /** Largest accepted {@code retries}. */
    public static final int MAX_RETRIES = 1000;
    /** Default {@code retry_timeout}: rides out a server restart, yet a store gone for good ends the run. */
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofMinutes(2);
    /** Longest delay between two attempts of a put, whatever {@code retry_backoff}. */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(3);

    /** Setting: {@code single}, {@code grouped} or {@code chunked}. */
    public static final String SYNC_TYPE = "sync_type";
    /** Setting: the format's name ({@link FormatRegistry#FORMAT_TYPE}). */
    public static final String FORMAT_TYPE = FormatRegistry.FORMAT_TYPE;
    /** Setting: the chunk size, e.g. {@code 8MiB}. */
    public static final String MAX_CHUNK_SIZE_KEY = "max_chunk_size";
    /** Setting: the age of a chunk at which it is completed anyway. */
    public static final String CHUNK_MAX_AGE = "chunk_max_age";
    /** Setting: whole-object gzip. */
    public static final String GZIP = "gzip";
    /** Setting: the key prefix. */
    public static final String PREFIX = "prefix";
    /** Setting: the partition template ({@link PartitionTemplate#SETTING}). */
    public static final String PARTITION_BY = PartitionTemplate.SETTING;
    /** Setting: the most objects open per emulation and domain. */
    public static final String MAX_OPEN_PARTITIONS = "max_open_partitions";
    /** Setting: the most encoded bytes in open objects. */
    public static final String MAX_OPEN_BYTES = "max_open_bytes";
    /** Setting: puts running at once. */
    public static final String UPLOAD_CONCURRENCY = "upload_concurrency";
    /** Setting: finished objects waiting for a put. */
    public static final String UPLOAD_QUEUE = "upload_queue";
    /** Setting: a cap on the retries of one put. */
    public static final String RETRIES = "retries";
    /** Setting: the first retry delay. */
    public static final String RETRY_BACKOFF = "retry_backoff";
    /** Setting: how long transient failures are retried. */
    public static final String RETRY_TIMEOUT = "retry_timeout";
    /** Setting: how long {@code close()} waits for puts. */
    public static final String CLOSE_TIMEOUT = "close_timeout";

    /** Every shared setting name; formats add their own ({@code compression}, {@code row_group_size}). */
    public static final List<String> KEYS = List.of(SYNC_TYPE, FORMAT_TYPE, MAX_CHUNK_SIZE_KEY, CHUNK_MAX_AGE, GZIP,
            PREFIX, PARTITION_BY, MAX_OPEN_PARTITIONS, MAX_OPEN_BYTES, UPLOAD_CONCURRENCY, UPLOAD_QUEUE, RETRIES,
            RETRY_BACKOFF, RETRY_TIMEOUT, CLOSE_TIMEOUT);

    /**
     * Reads the shared settings, recording every problem in {@code c} (the caller validates).
     *
     * @param c the sink's settings
     * @param formats the formats {@code format_type} chooses from
     * @return the settings; meaningful only when {@code c} validates
     */
    public static ObjectSinkSettings read(SinkConfig c, FormatRegistry formats) {
        SyncType syncType = c.choice(SYNC_TYPE, SyncType.class, SyncType.CHUNKED);
        ObjectFormat format = formats.configure(c, "jsonl");
        long maxChunkSize = c.bytes(MAX_CHUNK_SIZE_KEY, format.compressesItself() ? DEFAULT_COMPRESSED_CHUNK_SIZE
                : DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE);
        PartitionTemplate partitionBy = PartitionTemplate.read(c, PARTITION_BY).orElse(null);
        Duration chunkMaxAge = c.duration(CHUNK_MAX_AGE, partitionBy == null ? DEFAULT_CHUNK_MAX_AGE
                : DEFAULT_PARTITIONED_CHUNK_MAX_AGE);
        boolean gzip = c.bool(GZIP, false);
        if (gzip && format.compressesItself()) {
            c.violation(GZIP, "true", "format '" + format.name() + "' compresses its content itself: use its "
                    + "'compression' setting instead");
        }
        String prefix = ObjectKeys.normalizePrefix(c.string(PREFIX, ""));
        int maxOpenPartitions = c.integer(MAX_OPEN_PARTITIONS, DEFAULT_MAX_OPEN_PARTITIONS, 1, 100_000);
        long maxOpenBytes = c.bytes(MAX_OPEN_BYTES, DEFAULT_MAX_OPEN_BYTES, MIN_CHUNK_SIZE, Long.MAX_VALUE);
        int concurrency = c.integer(UPLOAD_CONCURRENCY, 4, 1, 64);
        int queue = c.integer(UPLOAD_QUEUE, concurrency, 0, 1024);
        int retries = c.integer(RETRIES, UNBOUNDED_RETRIES, 0, MAX_RETRIES);
        Duration retryBackoff = c.duration(RETRY_BACKOFF, Duration.ofMillis(200));
        Duration retryTimeout = c.duration(RETRY_TIMEOUT, DEFAULT_RETRY_TIMEOUT);
        Duration closeTimeout = c.duration(CLOSE_TIMEOUT, Duration.ofSeconds(60));
        return new ObjectSinkSettings(syncType, format, maxChunkSize, chunkMaxAge, gzip, prefix, partitionBy,
                maxOpenPartitions, maxOpenBytes, concurrency, queue, retries, retryBackoff, retryTimeout,
                closeTimeout);
    }

    @Override
    public String toString() {
        return "sync_type=" + syncType.name().toLowerCase(Locale.ROOT) + ", format_type=" + format.name()
                + ", max_chunk_size=" + maxChunkSize + ", chunk_max_age=" + chunkMaxAge + ", gzip=" + gzip
                + ", prefix=" + prefix + ", partition_by=" + partitionBy + ", max_open_partitions="
                + maxOpenPartitions + ", max_open_bytes=" + maxOpenBytes + ", upload_concurrency="
                + uploadConcurrency + ", upload_queue=" + uploadQueue + ", retries="
                + (retries == UNBOUNDED_RETRIES ? "unbounded" : retries) + ", retry_backoff=" + retryBackoff
                + ", retry_timeout=" + retryTimeout + ", close_timeout=" + closeTimeout;
    }
}
