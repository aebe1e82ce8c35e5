package dev.dataemulator.minio.internal;

import java.io.InputStream;
import java.util.function.Supplier;

/** The few S3 operations the sink needs; implemented over the MinIO client, and by fakes in tests. */
public interface ObjectStore {

    /**
     * @return whether the bucket exists and is reachable with the store's credentials
     * @throws Exception as the client throws it; classified by {@link Failures}
     */
    boolean bucketExists(String bucket) throws Exception;

    /**
     * Creates a bucket.
     *
     * @throws Exception as the client throws it; classified by {@link Failures}
     */
    void makeBucket(String bucket) throws Exception;

    /**
     * Uploads one object.
     *
     * @param body opens the object's bytes from the start; called again for a retry
     * @param size the object's size in bytes
     * @param partSize the multipart part size; objects up to this size go in one request
     * @throws Exception as the client throws it; classified by {@link Failures}
     */
    void put(String bucket, String key, Supplier<InputStream> body, long size, String contentType, long partSize)
            throws Exception;

    /** Releases what the store owns (not a caller's client). */
    void close();
}
