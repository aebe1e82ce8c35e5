package dev.dataemulator.minio.internal;

import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectKeys;
import dev.dataemulator.core.spi.PartitionTemplate;
import dev.dataemulator.core.support.SinkConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the {@code minio} sink, parsed from its configuration map with every problem reported at once.
 *
 * @param endpoint the server URL with scheme ({@code http://host:port}); {@code null} when a client was given and no
 *     endpoint was named for messages
 * @param accessKey the access key, {@code null} with a given client
 * @param secretKey the secret key, {@code null} with a given client; never shown
 * @param region the region, {@code null} to let the client discover it
 * @param syncType how records are grouped into objects
 * @param format the object layout ({@code format_type}: core's json, jsonl, csv or a {@link
 *     dev.dataemulator.core.spi.FormatProvider} such as parquet, avro), configured from the same settings
 * @param maxChunkSize bytes of encoded (uncompressed) records after which a chunk is uploaded
 * @param chunkMaxAge age after which a non-empty chunk is uploaded anyway
 * @param gzip whether objects are gzip-compressed
 * @param prefix the object key prefix
 * @param uploadConcurrency uploads running at once
 * @param uploadQueue uploads waiting for a thread before producers block
 * @param retries at most this many retries of an upload after its first attempt; {@link #UNBOUNDED_RETRIES} (the
 *     default) leaves the bound to {@code retryTimeout}
 * @param retryBackoff the first retry's delay, doubled for each further retry up to {@link #MAX_RETRY_BACKOFF}
 * @param retryTimeout how long uploads keep retrying while the store keeps failing transiently, counted from the
 *     first failure since the last successful upload
 * @param connectTimeout TCP connect timeout, {@code null} with a given client
 * @param requestTimeout socket read/write inactivity timeout, {@code null} with a given client
 * @param closeTimeout how long {@code close()} waits for uploads before counting them failed
 * @param partitionBy the Hive-style partition template ({@code partition_by}), {@code null} for none
 * @param maxOpenPartitions objects open at once per emulation and domain ({@code max_open_partitions}); past it the
 *     one opened first is uploaded
 */
public record MinioSettings(String endpoint, String accessKey, String secretKey, String region, SyncType syncType,
        ObjectFormat format, long maxChunkSize, Duration chunkMaxAge, boolean gzip, String prefix,
        int uploadConcurrency, int uploadQueue, int retries, Duration retryBackoff, Duration retryTimeout,
        Duration connectTimeout,
        Duration requestTimeout, Duration closeTimeout, PartitionTemplate partitionBy, int maxOpenPartitions) {

    /** Default {@code max_open_partitions}. */
    public static final int DEFAULT_MAX_OPEN_PARTITIONS = 64;
    /** The sink's name in messages. */
    public static final String SINK = "minio";
    /** Smallest accepted {@code max_chunk_size}. */
    public static final long MIN_CHUNK_SIZE = 1024;
    /** Largest accepted {@code max_chunk_size}: chunks are buffered in memory. */
    public static final long MAX_CHUNK_SIZE = 1024L * 1024 * 1024;
    /** Default {@code max_chunk_size}: 5 MiB. */
    public static final long DEFAULT_CHUNK_SIZE = 5L * 1024 * 1024;
    /** {@code retries} when the key is absent: no count, only {@code retry_timeout} bounds the retries. */
    public static final int UNBOUNDED_RETRIES = Integer.MAX_VALUE;
    /** Largest accepted {@code retries}. */
    public static final int MAX_RETRIES = 1000;
    /** Default {@code retry_timeout}: rides out a server restart, yet a store gone for good ends the run. */
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofMinutes(2);
    /** Longest delay between two attempts of an upload, whatever {@code retry_backoff}. */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(3);

    static final String ENDPOINT = "endpoint";
    static final String ACCESS_KEY = "access_key";
    static final String SECRET_KEY = "secret_key";
    static final String SECURE = "secure";
    static final String REGION = "region";
    static final String SYNC_TYPE = "sync_type";
    static final String FORMAT_TYPE = "format_type";
    static final String MAX_CHUNK_SIZE_KEY = "max_chunk_size";
    static final String CHUNK_MAX_AGE = "chunk_max_age";
    static final String GZIP = "gzip";
    static final String PREFIX = "prefix";
    static final String UPLOAD_CONCURRENCY = "upload_concurrency";
    static final String UPLOAD_QUEUE = "upload_queue";
    static final String RETRIES = "retries";
    static final String RETRY_BACKOFF = "retry_backoff";
    static final String RETRY_TIMEOUT = "retry_timeout";
    static final String CONNECT_TIMEOUT = "connect_timeout";
    static final String REQUEST_TIMEOUT = "request_timeout";
    static final String CLOSE_TIMEOUT = "close_timeout";
    static final String MAX_OPEN_PARTITIONS = "max_open_partitions";

    /** Every key the sink reads. */
    public static final List<String> KEYS = List.of(ENDPOINT, ACCESS_KEY, SECRET_KEY, SECURE, REGION, SYNC_TYPE,
            FORMAT_TYPE, MAX_CHUNK_SIZE_KEY, CHUNK_MAX_AGE, GZIP, PREFIX, UPLOAD_CONCURRENCY, UPLOAD_QUEUE, RETRIES,
            RETRY_BACKOFF, RETRY_TIMEOUT, CONNECT_TIMEOUT, REQUEST_TIMEOUT, CLOSE_TIMEOUT, PartitionTemplate.SETTING,
            MAX_OPEN_PARTITIONS);

    /**
     * Parses and validates the settings without contacting any server.
     *
     * @param config the configuration map
     * @param clientGiven whether the caller supplies its own client: connection keys are then not required (and
     *     only {@code endpoint} is accepted, to name the server in messages)
     * @return the settings
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static MinioSettings parse(Map<String, String> config, boolean clientGiven) {
        SinkConfig c = new SinkConfig(SINK, config, Set.of(SECRET_KEY));
        String endpoint;
        String accessKey = null;
        String secretKey = null;
        String region = null;
        if (clientGiven) {
            endpoint = c.optional(ENDPOINT);
        } else {
            endpoint = endpoint(c);
            accessKey = c.required(ACCESS_KEY);
            secretKey = c.required(SECRET_KEY);
            region = c.optional(REGION);
        }
        SyncType syncType = c.choice(SYNC_TYPE, SyncType.class, SyncType.CHUNKED);
        ObjectFormat format = FormatRegistry.discover().configure(c, "jsonl");
        long maxChunkSize = c.bytes(MAX_CHUNK_SIZE_KEY, DEFAULT_CHUNK_SIZE, MIN_CHUNK_SIZE, MAX_CHUNK_SIZE);
        Duration chunkMaxAge = c.duration(CHUNK_MAX_AGE, Duration.ofSeconds(10));
        boolean gzip = c.bool(GZIP, false);
        if (gzip && format.compressesItself()) {
            c.violation(GZIP, "true", "format '" + format.name() + "' compresses its content itself: use its "
                    + "'compression' setting instead");
        }
        String prefix = ObjectKeys.normalizePrefix(c.string(PREFIX, ""));
        PartitionTemplate partitionBy = PartitionTemplate.read(c, PartitionTemplate.SETTING).orElse(null);
        int maxOpenPartitions = c.integer(MAX_OPEN_PARTITIONS, DEFAULT_MAX_OPEN_PARTITIONS, 1, 100_000);
        int concurrency = c.integer(UPLOAD_CONCURRENCY, 4, 1, 64);
        int queue = c.integer(UPLOAD_QUEUE, concurrency, 0, 1024);
        int retries = c.integer(RETRIES, UNBOUNDED_RETRIES, 0, MAX_RETRIES);
        Duration retryBackoff = c.duration(RETRY_BACKOFF, Duration.ofMillis(200));
        Duration retryTimeout = c.duration(RETRY_TIMEOUT, DEFAULT_RETRY_TIMEOUT);
        Duration connectTimeout = null;
        Duration requestTimeout = null;
        if (!clientGiven) {
            // a given client has its own timeouts: these keys are then rejected as unused below
            connectTimeout = c.duration(CONNECT_TIMEOUT, Duration.ofSeconds(10));
            requestTimeout = c.duration(REQUEST_TIMEOUT, Duration.ofSeconds(60));
        }
        Duration closeTimeout = c.duration(CLOSE_TIMEOUT, Duration.ofSeconds(60));
        for (String unused : c.unusedKeys()) {
            boolean connectionKey = KEYS.contains(unused);
            c.violation(unused, config.get(unused), connectionKey
                    ? "is not used when the sink is given a MinioClient: configure the client instead"
                    : "is not a setting of the 'minio' sink (known: " + String.join(", ", KEYS) + ")");
        }
        c.validate();
        return new MinioSettings(endpoint, accessKey, secretKey, region, syncType, format, maxChunkSize,
                chunkMaxAge, gzip, prefix, concurrency, queue, retries, retryBackoff, retryTimeout, connectTimeout,
                requestTimeout, closeTimeout, partitionBy, maxOpenPartitions);
    }

    private static String endpoint(SinkConfig c) {
        String raw = c.required(ENDPOINT);
        String secureText = c.optional(SECURE);
        boolean secure = c.bool(SECURE, false);
        if (raw == null) {
            return null;
        }
        String text = raw.contains("://") ? raw : (secure ? "https://" : "http://") + raw;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            c.violation(ENDPOINT, raw, "expected a URL such as http://localhost:9000 or host:port");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            c.violation(ENDPOINT, raw, "expected a URL such as http://localhost:9000 or host:port");
            return null;
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            c.violation(ENDPOINT, raw, "must not contain a path: the bucket is chosen by the emulation");
            return null;
        }
        if (secureText != null && raw.contains("://") && secure != scheme.equals("https")) {
            c.violation(SECURE, secureText, "contradicts the scheme of endpoint '" + raw + "'");
        }
        return scheme + "://" + uri.getRawAuthority();
    }

    /** @return whether the endpoint speaks HTTPS */
    public boolean secure() {
        return endpoint != null && endpoint.startsWith("https://");
    }

    /**
     * @return the settings with the secret key masked
     */
    @Override
    public String toString() {
        return "MinioSettings[endpoint=" + endpoint + ", access_key=" + accessKey + ", secret_key="
                + (secretKey == null ? null : "****") + ", region=" + region + ", sync_type="
                + syncType.name().toLowerCase(Locale.ROOT) + ", format_type=" + format.name()
                + ", max_chunk_size=" + maxChunkSize + ", chunk_max_age=" + chunkMaxAge + ", gzip=" + gzip
                + ", prefix=" + prefix + ", upload_concurrency=" + uploadConcurrency + ", upload_queue="
                + uploadQueue + ", retries=" + (retries == UNBOUNDED_RETRIES ? "unbounded" : retries)
                + ", retry_backoff=" + retryBackoff + ", retry_timeout=" + retryTimeout + ", connect_timeout="
                + connectTimeout + ", request_timeout=" + requestTimeout + ", close_timeout=" + closeTimeout
                + ", partition_by=" + partitionBy + ", max_open_partitions=" + maxOpenPartitions + "]";
    }
}
