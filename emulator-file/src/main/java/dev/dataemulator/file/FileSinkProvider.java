package dev.dataemulator.file;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;

/**
 * The {@code "file"} sink: files in a local directory. Found by {@link java.util.ServiceLoader}; see
 * {@link FileStore} and core's {@code ObjectSink} for the settings.
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
     * @param config {@code path} and the shared object-sink settings
     * @return a new sink
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return FileStore.sink(config);
    }
}
