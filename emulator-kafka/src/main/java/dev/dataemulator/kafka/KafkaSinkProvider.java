package dev.dataemulator.kafka;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;

/**
 * The sink {@code "kafka"}, found with {@link java.util.ServiceLoader}: builds a {@link KafkaSyncProducer} from a
 * configuration map (see that class for the settings).
 *
 * <pre>{@code
 * EmulationSpec.builder()
 *     .domain("transaction")
 *     .sink("kafka", Map.of("bootstrap.servers", "localhost:9092", "topic_partitions", "12"))
 *     ...
 * }</pre>
 */
public final class KafkaSinkProvider implements SinkProvider {

    /** Called by {@link java.util.ServiceLoader}; cheap, builds nothing. */
    public KafkaSinkProvider() {
        // the producer is built by create()
    }

    /**
     * @return {@code "kafka"}
     */
    @Override
    public String name() {
        return KafkaSyncProducer.NAME;
    }

    /**
     * @param config the settings described in {@link KafkaSyncProducer}
     * @return a new sink with its own producer, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return KafkaSyncProducer.create(config);
    }
}
