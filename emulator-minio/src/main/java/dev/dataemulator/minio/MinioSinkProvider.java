package dev.dataemulator.minio;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;

/**
 * The {@code "minio"} sink: objects in an S3-compatible store. Found by {@link java.util.ServiceLoader}; see
 * {@link MinioStore} for its settings and core's {@code ObjectSink} for the shared ones.
 */
public final class MinioSinkProvider implements SinkProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public MinioSinkProvider() {
    }

    /** @return {@code "minio"} */
    @Override
    public String name() {
        return "minio";
    }

    /**
     * @param config the connection settings of {@link MinioStore} and the shared object-sink settings
     * @return a new sink with its own client
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return MinioStore.sink(config);
    }
}
