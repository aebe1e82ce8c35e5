package dev.dataemulator.jdbc;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;

/**
 * The sink {@code "jdbc"}, found with {@link java.util.ServiceLoader}: builds a {@link JdbcSyncProducer} from a
 * configuration map (see that class for the settings).
 *
 * <pre>{@code
 * EmulationSpec.builder()
 *     .domain("transaction")
 *     .sink("jdbc", Map.of("url", "jdbc:postgresql://localhost:5432/postgres", "user", "app", "password", "..."))
 *     ...
 * }</pre>
 */
public final class JdbcSinkProvider implements SinkProvider {

    /** Called by {@link java.util.ServiceLoader}; cheap, builds nothing. */
    public JdbcSinkProvider() {
        // the sink is built by create()
    }

    /** @return {@code "jdbc"} */
    @Override
    public String name() {
        return JdbcSyncProducer.NAME;
    }

    /**
     * @param config the settings described in {@link JdbcSyncProducer}
     * @return a new sink, owned by the caller
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return JdbcSyncProducer.create(config);
    }
}
