package dev.dataemulator.minio;

import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.support.ObjectSink;
import dev.dataemulator.minio.internal.BucketSetup;
import dev.dataemulator.minio.internal.Failures;
import dev.dataemulator.minio.internal.MinioSettings;
import dev.dataemulator.minio.internal.NoDelaySocketFactory;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.PutObjectArgs;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The store of the {@code minio} sink: objects in an S3-compatible store (MinIO, Amazon S3, S3Proxy) through the
 * MinIO Java client, behind core's {@link ObjectSink}, which gives it the modes, formats, partitioning, names, ageing,
 * upload pool, retries and accounting of every object sink. The emulation's resource is the bucket.
 *
 * <p>Its own settings are the connection's: {@code endpoint} ({@code http://host:port} or {@code host:port}),
 * {@code access_key}, {@code secret_key} (masked in messages), {@code secure} (HTTPS for a {@code host:port}
 * endpoint, default false), {@code region}, {@code connect_timeout} (default 10s) and {@code request_timeout} (socket
 * read/write, default 60s). Transient failures (network, timeouts, 5xx, throttling) are retried by the sink; refused
 * credentials and a vanished bucket stop the emulation.
 *
 * <p>Thread-safe.
 */
public final class MinioStore implements ObjectStore {
    /** S3's smallest multipart part, and the client's. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Part size of objects read from a file (grouped objects): bounds the client's buffer per upload. */
    static final long SPOOL_PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final OkHttpClient ownedHttpClient;
    private final String server;
    private final BucketSetup setup;

    private MinioStore(MinioClient client, OkHttpClient ownedHttpClient, MinioSettings settings, String server) {
        this.client = client;
        this.ownedHttpClient = ownedHttpClient;
        this.server = server;
        this.setup = new BucketSetup(client, settings.region(), settings.accessKey(), server);
    }

    /**
     * Builds a {@code minio} sink with its own client. Validates every setting without contacting the server.
     *
     * @param config the connection settings above and the shared object-sink settings
     * @return a new sink, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static ObjectSink sink(Map<String, String> config) {
        return ObjectSink.create(factory(null), config);
    }

    /**
     * Builds a {@code minio} sink over a client the caller configured (custom TLS trust, credentials provider, ...)
     * and keeps owning: closing the sink does not close the client. Connection settings ({@code access_key},
     * {@code secret_key}, {@code secure}, {@code region}, timeouts) are then rejected; {@code endpoint} is accepted
     * to name the server in messages.
     *
     * @param config the settings other than the connection's
     * @param client the client to upload with
     * @return a new sink, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad key and value
     */
    public static ObjectSink sink(Map<String, String> config, MinioClient client) {
        return ObjectSink.create(factory(Objects.requireNonNull(client, "client")), config);
    }

    /**
     * @param client a caller's client, or {@code null} for one built from the connection settings
     * @return the {@code minio} store's settings and constructor, for {@link ObjectSink#create}
     */
    public static ObjectStore.Factory factory(MinioClient client) {
        return new ObjectStore.Factory() {
            @Override
            public String sink() {
                return "minio";
            }

            @Override
            public List<String> keys() {
                return MinioSettings.KEYS;
            }

            @Override
            public Supplier<ObjectStore> read(SinkConfig config) {
                MinioSettings settings = MinioSettings.read(config, client != null);
                if (client != null) {
                    String server = settings.endpoint() != null ? settings.endpoint() : "the given MinioClient";
                    return () -> new MinioStore(client, null, settings, server);
                }
                return () -> open(settings);
            }
        };
    }

    private static MinioStore open(MinioSettings settings) {
        OkHttpClient http = httpClientBuilder(settings.connectTimeout(), settings.requestTimeout()).build();
        return new MinioStore(client(settings, http), http, settings, settings.endpoint());
    }

    /** @return a client of the connection settings over {@code http} */
    static MinioClient client(MinioSettings settings, OkHttpClient http) {
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http);
        if (settings.region() != null) {
            builder.region(settings.region());
        }
        return builder.build();
    }

    /**
     * The HTTP client settings this store uses for its own clients, for callers that build a {@link MinioClient}
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
     * Checks the name against the S3 rules before any request, then creates the bucket unless it exists.
     *
     * @throws dev.dataemulator.core.InvalidSettingException when the name is not a legal bucket name
     * @throws dev.dataemulator.core.SinkException when the server is unreachable, refuses the credentials or fails;
     *     within the connect and request timeouts
     */
    @Override
    public void createContainer(String bucket) {
        setup.ensureBucket(bucket);
    }

    @Override
    public void put(String bucket, String key, Content object) throws Exception {
        long size = object.size();
        long partSize = object.inMemory() ? Math.max(MIN_PART_SIZE, size)
                : Math.max(MIN_PART_SIZE, Math.min(SPOOL_PART_SIZE, size));
        try (InputStream in = object.open()) {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, size, partSize)
                    .contentType(object.contentType())
                    .build());
        }
    }

    /** @return {@code true}: a resumable emulation keeps its checkpoints in small objects of the bucket */
    @Override
    public boolean readsObjects() {
        return true;
    }

    /** @return the object's bytes; empty when the bucket holds no such key */
    @Override
    public Optional<byte[]> read(String bucket, String key) throws Exception {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            if (e.errorResponse() != null && "NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String objectName(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String kind() {
        return "S3 endpoint";
    }

    @Override
    public FailureKind classify(Exception failure) {
        return Failures.kind(failure);
    }

    @Override
    public String describe(Exception failure) {
        return Failures.describe(failure);
    }

    /** Shuts down the HTTP client it built (not a caller's client). */
    @Override
    public void close() {
        if (ownedHttpClient != null) {
            ownedHttpClient.dispatcher().executorService().shutdown();
            ownedHttpClient.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return server;
    }
}
