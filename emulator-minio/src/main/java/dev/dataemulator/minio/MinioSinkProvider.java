package dev.dataemulator.minio;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;

/**
 * The {@code "minio"} sink: objects in an S3-compatible store. Found by {@link java.util.ServiceLoader}; see
 * {@link MinioSyncProducer} for the settings.
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
     * @param config the settings listed in {@link MinioSyncProducer}
     * @return a new sink with its own client
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return MinioSyncProducer.create(config);
    }
}
