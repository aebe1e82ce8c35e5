package dev.dataemulator.iceberg;

import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.iceberg.internal.IcebergSettings;
import dev.dataemulator.iceberg.internal.IcebergSink;
import java.util.Map;

/**
 * The sink {@code "iceberg"}, found with {@link java.util.ServiceLoader}: emulated records as an Apache Iceberg
 * table, committed as append snapshots, without Hadoop on the class path. See the module's README for the settings.
 *
 * <pre>{@code
 * EmulationSpec.builder()
 *     .domain("transaction")
 *     .sink("iceberg", Map.of("warehouse", "/data/warehouse", "partition_by", "day(created_at)"))
 *     ...
 * }</pre>
 */
public final class IcebergSinkProvider implements SinkProvider {

    /** Called by {@link java.util.ServiceLoader}; cheap, builds nothing. */
    public IcebergSinkProvider() {
        // the sink is built by create()
    }

    /** @return {@code "iceberg"} */
    @Override
    public String name() {
        return IcebergSettings.SINK;
    }

    /**
     * @param config the sink's settings
     * @return a new sink, owned by the caller; it connects to the catalog when the first resource is set up
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    @Override
    public SyncProducer create(Map<String, String> config) {
        return new IcebergSink(IcebergSettings.parse(config));
    }
}
