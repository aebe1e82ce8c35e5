package dev.dataemulator.core.spi;

import dev.dataemulator.core.support.SinkConfig;

/**
 * Names an object format ({@code format_type} of the object sinks) and configures it from the sink's settings. Found
 * with {@link java.util.ServiceLoader}: implementations are cheap classes with a public no-argument constructor,
 * listed in {@code META-INF/services/dev.dataemulator.core.spi.FormatProvider}. Core brings {@code json},
 * {@code jsonl} and {@code csv}; {@code parquet} and {@code avro} come with {@code dev.dataemulator:emulator-parquet}.
 */
public interface FormatProvider {

    /** @return the stable name users select the format by ({@code format_type}), lower case, e.g. {@code parquet} */
    String name();

    /**
     * Reads the format's own settings (e.g. {@code compression}) from the sink's configuration and records every
     * bad value as a violation of {@code config}; the sink validates all settings at once afterwards.
     *
     * @param config the sink's settings, shared with the sink
     * @return the configured format; immutable and thread-safe
     */
    ObjectFormat configure(SinkConfig config);
}
