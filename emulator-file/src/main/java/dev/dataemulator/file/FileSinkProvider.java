package dev.dataemulator.file;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;

/**
 * The {@code "file"} sink: files in a local directory. Found by {@link java.util.ServiceLoader}; see
 * {@link FileSyncProducer} for the settings.
 */
public final class FileSinkProvider implements SinkProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public FileSinkProvider() {
    }

    /** @return {@code "file"} */
    @Override
    public String name() {
        return "file";
    }

    /**
     * @param config the settings listed in {@link FileSyncProducer}
     * @return a new sink
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return FileSyncProducer.create(config);
    }
}
