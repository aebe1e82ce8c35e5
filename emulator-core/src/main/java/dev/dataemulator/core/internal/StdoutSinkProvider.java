package dev.dataemulator.core.internal;

import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.support.StreamSyncProducer;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.List;
import java.util.Map;

/**
 * Sink {@code "stdout"}: records on standard output, for piping into other tools. Setting {@code format_type}:
 * {@code jsonl} (default, one JSON record per line), {@code csv} (one header line) or {@code json} (one array).
 */
public final class StdoutSinkProvider implements SinkProvider {
    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public SyncProducer create(Map<String, String> config) {
        SinkConfig settings = new SinkConfig(name(), config, List.of());
        RecordFormat format = FormatRegistry.discover().configureText(settings, RecordFormat.JSONL);
        for (String unused : settings.unusedKeys()) {
            settings.violation(unused, config.get(unused),
                    "is not a setting of the 'stdout' sink (known: format_type)");
        }
        settings.validate();
        return new StreamSyncProducer(System.out, format);
    }
}
