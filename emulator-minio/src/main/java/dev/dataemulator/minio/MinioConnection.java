package dev.dataemulator.minio;

import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.minio.internal.BucketSetup;
import dev.dataemulator.minio.internal.Failures;
import dev.dataemulator.minio.internal.MinioSettings;
import io.minio.MinioClient;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * A {@link MinioClient} made from the {@code minio} sink's connection settings ({@code endpoint}, {@code access_key},
 * {@code secret_key}, {@code secure}, {@code region}, {@code connect_timeout}, {@code request_timeout}), for other
 * sinks that keep their data in S3 under the same names (the {@code iceberg} sink's {@code s3://} warehouse). Closing
 * it shuts down the HTTP client it made. Thread-safe.
 */
public final class MinioConnection implements AutoCloseable {
    private final MinioClient client;
    private final OkHttpClient http;
    private final String endpoint;
    private final BucketSetup buckets;

    private MinioConnection(MinioClient client, OkHttpClient http, String endpoint, BucketSetup buckets) {
        this.client = client;
        this.http = http;
        this.endpoint = endpoint;
        this.buckets = buckets;
    }

    /** @return the connection setting names, those of the {@code minio} sink */
    public static List<String> keys() {
        return MinioSettings.KEYS;
    }

    /**
     * Reads the connection settings from {@code config}, recording every problem in it; contacts no server.
     *
     * @param config a sink's settings
     */
    public static void check(SinkConfig config) {
        MinioSettings.read(config, false);
    }

    /**
     * @param sink the sink whose settings these are, named in messages
     * @param settings the connection settings above (other keys are ignored)
     * @return a connection; contacts no server yet
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad connection setting
     */
    public static MinioConnection open(String sink, Map<String, String> settings) {
        SinkConfig config = new SinkConfig(sink, settings, List.of("secret_key"));
        MinioSettings read = MinioSettings.read(config, false);
        config.validate();
        OkHttpClient http = MinioStore.httpClientBuilder(read.connectTimeout(), read.requestTimeout()).build();
        MinioClient client = MinioStore.client(read, http);
        return new MinioConnection(client, http, read.endpoint(),
                new BucketSetup(client, read.region(), read.accessKey(), read.endpoint()));
    }

    /** @return the client */
    public MinioClient client() {
        return client;
    }

    /** @return the endpoint, {@code http(s)://host:port} */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Creates the bucket unless it exists, as the {@code minio} sink does.
     *
     * @throws dev.dataemulator.core.InvalidSettingException when the name is not a legal bucket name
     * @throws dev.dataemulator.core.SinkException when the server is unreachable, refuses the credentials or fails
     */
    public void ensureBucket(String bucket) {
        buckets.ensureBucket(bucket);
    }

    /**
     * @param failure a failure of a client call
     * @return a one-line description: the S3 error code and message, or the exception
     */
    public static String describe(Throwable failure) {
        return Failures.describe(failure);
    }

    /**
     * @param failure a failure of a client call
     * @return the S3 error code ({@code NoSuchKey}, ...), or {@code null} when the server gave none
     */
    public static String code(Throwable failure) {
        return Failures.code(failure);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "MinioConnection[" + endpoint + "]";
    }
}
