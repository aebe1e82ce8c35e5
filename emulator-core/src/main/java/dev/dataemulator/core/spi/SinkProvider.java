package dev.dataemulator.core.spi;

import java.util.Map;

/**
 * Names a sink and builds it from a configuration map. Found with {@link java.util.ServiceLoader}: implementations
 * are cheap classes with a public no-argument constructor, listed in
 * {@code META-INF/services/dev.dataemulator.core.spi.SinkProvider}; the heavy client is only built by
 * {@link #create(Map)}.
 */
public interface SinkProvider {

    /**
     * @return the stable name users select the sink by, e.g. {@code "kafka"}
     */
    String name();


    /**
     * Builds a sink. Validates the configuration without contacting any server and throws
     * {@link dev.dataemulator.core.InvalidSettingException} naming every bad key and value.
     *
     * @param config the sink settings; keys the sink does not know are passed to the underlying client or reported
     * @return a new sink, owned by the caller
     */
    SyncProducer create(Map<String, String> config);
}
