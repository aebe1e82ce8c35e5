package dev.dataemulator.minio;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.minio.internal.MinioObjectStore;
import dev.dataemulator.minio.internal.MinioSettings;
import dev.dataemulator.minio.internal.NoDelaySocketFactory;
import dev.dataemulator.minio.internal.ObjectSink;
import io.minio.MinioClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * A sink that writes emulated records as objects to an S3-compatible store (MinIO, Amazon S3, S3Proxy) through the
 * MinIO Java client. The emulation's target resource is the bucket.
 *
 * <p><b>Modes</b> ({@code sync_type}): {@code single} writes one object per record; {@code grouped} one object per
 * emulation, spooled to a temporary file and uploaded at {@link #flush()}; {@code chunked} (the default) a new object
 * each time the buffered records reach {@code max_chunk_size} bytes, or when the oldest buffered record is older than
 * {@code chunk_max_age}. Objects are named {@code <prefix>/<domain>/<emulation-id>/part-000042.<ext>[.gz]}
 * ({@code record-<seq>} in single mode), so they never overwrite each other.
 *
 * <p><b>Settings</b> (all strings): {@code endpoint} ({@code http://host:port} or {@code host:port}), {@code access_key},
 * {@code secret_key} (masked in messages), {@code secure} (HTTPS for a {@code host:port} endpoint, default false),
 * {@code region}, {@code sync_type} ({@code single|grouped|chunked}, default chunked), {@code format_type}
 * ({@code json|jsonl|csv}, default jsonl), {@code max_chunk_size} (bytes of encoded records before compression,
 * e.g. {@code 8MiB}; default 5 MiB, at least 1 KiB), {@code chunk_max_age} (default 10s), {@code gzip} (default
 * false), {@code prefix}, {@code upload_concurrency} (default 4), {@code upload_queue} (uploads waiting before
 * producers block; default the concurrency), {@code retry_timeout} (how long transient upload failures are retried,
 * from the first failure since the last success; default 2m), {@code retries} (an optional cap on the retries of one
 * upload; default none), {@code retry_backoff} (first delay, doubling up to 3 s with jitter; default 200ms),
 * {@code connect_timeout} (default 10s), {@code request_timeout} (socket read/write, default 60s),
 * {@code close_timeout} (default 60s). Unknown keys are rejected.
 *
 * <p><b>Delivery.</b> Records of an object are reported delivered when its upload succeeds; transient failures
 * (network, timeouts, 5xx, throttling) are retried with exponential backoff for {@code retry_timeout}, while producers
 * block on the bounded upload queue; an object that still fails counts its records as failed. A store failing for the
 * whole {@code retry_timeout}, refused credentials or a vanished bucket also stop the emulation. Producers block while all
 * upload slots are busy, so memory stays bounded (about {@code (series + upload_concurrency + upload_queue) *
 * max_chunk_size}).
 *
 * <p>Thread-safe; one instance may serve several emulations at once (buffers are kept per bucket, emulation and
 * domain).
 */
public final class MinioSyncProducer implements SyncProducer {
    private final ObjectSink sink;

    private MinioSyncProducer(ObjectSink sink) {
        this.sink = sink;
    }

    /**
     * Builds a sink with its own client. Validates every setting without contacting the server.
     *
     * @param config the settings listed in the class documentation
     * @return a new sink, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static MinioSyncProducer create(Map<String, String> config) {
        MinioSettings settings = MinioSettings.parse(config, false);
        OkHttpClient http = httpClientBuilder(settings.connectTimeout(), settings.requestTimeout()).build();
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http);
        if (settings.region() != null) {
            builder.region(settings.region());
        }
        MinioClient client = builder.build();
        return new MinioSyncProducer(new ObjectSink(settings, new MinioObjectStore(client, settings.region(), http),
                settings.endpoint()));
    }

    /**
     * Builds a sink over a client the caller configured (custom TLS trust, credentials provider, ...) and keeps
     * owning: closing the sink does not close the client. Connection settings ({@code access_key}, {@code secret_key},
     * {@code secure}, {@code region}, timeouts) are then rejected; {@code endpoint} is accepted to name the server in
     * messages.
     *
     * @param config the settings other than the connection's
     * @param client the client to upload with
     * @return a new sink, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static MinioSyncProducer create(Map<String, String> config, MinioClient client) {
        Objects.requireNonNull(client, "client");
        MinioSettings settings = MinioSettings.parse(config, true);
        String server = settings.endpoint() != null ? settings.endpoint() : "the given MinioClient";
        return new MinioSyncProducer(new ObjectSink(settings, new MinioObjectStore(client, null, null), server));
    }

    /**
     * The HTTP client settings this sink uses for its own clients, for callers that build a {@link MinioClient}
     * themselves: bounded connect, read and write timeouts (the client's defaults are minutes), HTTP/1.1, no
     * automatic retry on connection failure (the sink retries itself), and {@code TCP_NODELAY} (OkHttp leaves Nagle's
     * algorithm on, which stalls request bodies over about 64 KiB on the server's delayed ACK).
     *
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout socket read and write inactivity timeout
     * @return a builder to add TLS trust or interceptors to
     */
    public static OkHttpClient.Builder httpClientBuilder(Duration connectTimeout, Duration requestTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(requestTimeout)
                .writeTimeout(requestTimeout)
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(false)
                .socketFactory(new NoDelaySocketFactory());
    }

    /**
     * Creates the bucket unless it exists. Checks the name against the S3 rules before any request.
     *
     * @param bucket the bucket
     * @throws dev.dataemulator.core.InvalidSettingException when the name is not a legal bucket name
     * @throws dev.dataemulator.core.SinkException when the server is unreachable, refuses the credentials or fails;
     *     within the connect and request timeouts
     */
    @Override
    public void setupResource(String bucket) {
        sink.setupResource(bucket);
    }

    /**
     * Buffers a record for its object; blocks while every upload slot is busy.
     *
     * @param bucket the bucket, set up before
     * @param key the record key (unused: objects are named by emulation and part)
     * @param record the record
     * @throws dev.dataemulator.core.SinkException when closed, or when the record cannot be encoded (CSV columns that
     *     differ from the object's header)
     */
    @Override
    public void produce(String bucket, String key, EmulatedRecord record) {
        sink.produce(bucket, record);
    }

    /**
     * Uploads every buffered record (completing grouped objects) and waits until every upload started so far has
     * succeeded or has been reported failed.
     */
    @Override
    public void flush() {
        sink.flush();
    }

    /**
     * Uploads what is buffered, waits up to {@code close_timeout} and reports what did not finish as failed, then
     * releases threads and the client it created. Idempotent.
     */
    @Override
    public void close() {
        sink.close();
    }

    @Override
    public String toString() {
        return "MinioSyncProducer[" + sink.settings() + "]";
    }
}
