package dev.dataemulator.core.internal;

import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.List;
import java.util.Map;

/** Sink {@code "memory"}: settings {@code capture} (default false: count only). */
public final class MemorySinkProvider implements SinkProvider {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public SyncProducer create(Map<String, String> config) {
        SinkConfig settings = new SinkConfig(name(), config, List.of());
        boolean capture = settings.bool("capture", false);
        for (String unused : settings.unusedKeys()) {
            settings.violation(unused, config.get(unused), "is not a setting of the 'memory' sink (known: capture)");
        }
        settings.validate();
        return new MemorySyncProducer(capture);
    }
}
