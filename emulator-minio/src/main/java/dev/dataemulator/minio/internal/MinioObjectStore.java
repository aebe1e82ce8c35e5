package dev.dataemulator.minio.internal;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.InputStream;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/** {@link ObjectStore} over a {@link MinioClient}. */
public final class MinioObjectStore implements ObjectStore {
    private final MinioClient client;
    private final String region;
    private final OkHttpClient ownedHttpClient;

    /**
     * @param client the client
     * @param region the region for new buckets, {@code null} for the client's
     * @param ownedHttpClient the HTTP client to shut down on {@link #close()}, {@code null} when the caller owns it
     */
    public MinioObjectStore(MinioClient client, String region, OkHttpClient ownedHttpClient) {
        this.client = client;
        this.region = region;
        this.ownedHttpClient = ownedHttpClient;
    }

    @Override
    public boolean bucketExists(String bucket) throws Exception {
        return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    @Override
    public void makeBucket(String bucket) throws Exception {
        MakeBucketArgs.Builder args = MakeBucketArgs.builder().bucket(bucket);
        if (region != null) {
            args.region(region);
        }
        client.makeBucket(args.build());
    }

    @Override
    public void put(String bucket, String key, Supplier<InputStream> body, long size, String contentType,
            long partSize) throws Exception {
        try (InputStream in = body.get()) {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, size, partSize)
                    .contentType(contentType)
                    .build());
        }
    }

    @Override
    public void close() {
        if (ownedHttpClient != null) {
            ownedHttpClient.dispatcher().executorService().shutdown();
            ownedHttpClient.connectionPool().evictAll();
        }
    }
}
