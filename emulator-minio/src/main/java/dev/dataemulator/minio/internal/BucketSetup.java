package dev.dataemulator.minio.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a bucket up: checks its name against the S3 rules before any request, creates it unless it exists (tolerating
 * a concurrent creator), and turns failures into messages that say what to check.
 */
public final class BucketSetup {
    private static final Logger LOG = LoggerFactory.getLogger(BucketSetup.class);

    private final MinioClient client;
    private final String region;
    private final String accessKey;
    private final String server;

    /**
     * @param client the client
     * @param region the region for new buckets, {@code null} for the client's
     * @param accessKey the access key, named when refused; {@code null} when unknown
     * @param server the endpoint, in messages
     */
    public BucketSetup(MinioClient client, String region, String accessKey, String server) {
        this.client = client;
        this.region = region;
        this.accessKey = accessKey;
        this.server = server;
    }

    /**
     * @throws InvalidSettingException when the name is not a legal bucket name
     * @throws SinkException when the store is unreachable, refuses the credentials or fails
     */
    public void ensureBucket(String bucket) {
        String problem = BucketNames.problem(bucket);
        if (problem != null) {
            throw new InvalidSettingException("bucket", bucket, "illegal S3 bucket name: " + problem);
        }
        try {
            if (bucketExists(bucket)) {
                return;
            }
            try {
                makeBucket(bucket);
                LOG.info("Created bucket '{}' on {}", bucket, server);
            } catch (Exception e) {
                String code = Failures.code(e);
                // another emulation (or another process) created it meanwhile
                if (!("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code))
                        || !bucketExists(bucket)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while setting up bucket '" + bucket + "' on " + server, e);
        } catch (Exception e) {
            throw failure(bucket, e);
        }
    }

    private boolean bucketExists(String bucket) throws Exception {
        return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    private void makeBucket(String bucket) throws Exception {
        MakeBucketArgs.Builder args = MakeBucketArgs.builder().bucket(bucket);
        if (region != null) {
            args.region(region);
        }
        client.makeBucket(args.build());
    }

    private SinkException failure(String bucket, Exception e) {
        String what;
        if (Failures.isUnreachable(e)) {
            what = "cannot reach the S3 endpoint " + server + " (" + e.getMessage() + ")";
        } else if (e instanceof javax.net.ssl.SSLException) {
            what = "the TLS handshake with the S3 endpoint " + server + " failed; is its certificate trusted by this "
                    + "JVM? (to trust a private CA, build a MinioClient whose HTTP client trusts it and pass it to "
                    + "MinioStore.sink(config, client)): " + e.getMessage();
        } else if (Failures.isFatal(e)) {
            what = "the S3 endpoint " + server + " refused the credentials"
                    + (accessKey == null ? "" : " of access key '" + accessKey + "'") + ": "
                    + Failures.describe(e);
        } else {
            what = "the S3 endpoint " + server + " answered " + Failures.describe(e);
        }
        return new SinkException("Setting up bucket '" + bucket + "' failed: " + what, e);
    }
}
