package dev.dataemulator.connect;

import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.connect.internal.Records;
import dev.dataemulator.connect.internal.TaskSettings;
import dev.dataemulator.connect.internal.Unit;
import dev.dataemulator.connect.internal.Version;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source connector that emulates the registry's domains (bundled: {@code transaction},
 * {@code user-profile}, {@code device-log}) with the emulator's deterministic core.
 *
 * <p>Each domain is split into {@code shards} fixed units of work; the units are dealt round-robin over at most
 * {@code tasks.max} tasks. Shard {@code s} of {@code n} writes the domain's records {@code s, s + n, s + 2n, ...} of
 * the configured seed, so the data depend on the seed (and, for the assignment of records to source partitions, the
 * shard count), never on how many tasks or workers run them, and the shards together write exactly what
 * {@code Fixtures.of(domain).seed(seed)} makes. Each unit's source offset is the sequence number of its next record:
 * a restarted or rebalanced task resumes the exact stream and rewound offsets replay identical records. Settings:
 * {@link EmulatorSourceConnectorConfig}.
 */
public class EmulatorSourceConnector extends SourceConnector {
    private Map<String, String> settings;
    private EmulatorSourceConnectorConfig config;

    /** Creates the connector; the Connect worker calls this. */
    public EmulatorSourceConnector() {
    }

    /** @return the module version */
    @Override
    public String version() {
        return Version.get();
    }

    /**
     * Validates the settings, including each domain's {@code domain.<domain>.*} options.
     *
     * @throws ConfigException naming the key and value of an invalid setting
     */
    @Override
    public void start(Map<String, String> props) {
        EmulatorSourceConnectorConfig parsed = new EmulatorSourceConnectorConfig(props);
        String problem = checkDomains(parsed);
        if (problem != null) {
            throw new ConfigException(EmulatorSourceConnectorConfig.DOMAINS_CONFIG,
                    parsed.originals().get(EmulatorSourceConnectorConfig.DOMAINS_CONFIG), problem);
        }
        this.settings = Map.copyOf(props);
        this.config = parsed;
    }

    /** @return {@link EmulatorSourceTask} */
    @Override
    public Class<? extends Task> taskClass() {
        return EmulatorSourceTask.class;
    }

    /**
     * Deals the units (domain × shard) round-robin over {@code min(maxTasks, domains × shards)} tasks and splits the
     * total rate evenly between them.
     *
     * @return one configuration per task
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config == null) {
            throw new ConnectException("The connector is not started");
        }
        List<List<Unit>> groups = Unit.assign(Unit.all(config.domains(), config.shards()), maxTasks);
        double rate = config.ratePerSecond() > 0 ? (double) config.ratePerSecond() / groups.size() : 0;
        List<Map<String, String>> tasks = new ArrayList<>(groups.size());
        for (List<Unit> group : groups) {
            tasks.add(TaskSettings.of(settings, group, rate));
        }
        return tasks;
    }

    /** Nothing to release: the tasks hold all state. */
    @Override
    public void stop() {
    }

    /** @return {@link EmulatorSourceConnectorConfig#CONFIG_DEF} */
    @Override
    public ConfigDef config() {
        return EmulatorSourceConnectorConfig.CONFIG_DEF;
    }

    /**
     * Validates every key, then opens each listed domain with its {@code domain.<domain>.*} options and reports a
     * domain that rejects them on the {@code domains} key.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        for (ConfigValue value : result.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                return result;
            }
        }
        String missingRate = EmulatorSourceConnectorConfig.missingEventTimeRate(connectorConfigs);
        if (missingRate != null) {
            for (ConfigValue value : result.configValues()) {
                if (value.name().equals(EmulatorSourceConnectorConfig.EVENT_TIME_RATE_CONFIG)) {
                    value.addErrorMessage(EmulatorSourceConnectorConfig.EVENT_TIME_RATE_CONFIG + " " + missingRate);
                }
            }
            return result;
        }
        String problem;
        try {
            problem = checkDomains(new EmulatorSourceConnectorConfig(connectorConfigs));
        } catch (ConfigException e) {
            problem = e.getMessage(); // an unknown domain, or a defined one clashing with a bundled name
        }
        if (problem != null) {
            for (ConfigValue value : result.configValues()) {
                if (value.name().equals(EmulatorSourceConnectorConfig.DOMAINS_CONFIG)) {
                    value.addErrorMessage(problem);
                }
            }
        }
        return result;
    }

    /**
     * The output is a pure function of the source offsets, so a worker with exactly-once source support enabled can
     * commit records and offsets atomically.
     *
     * @return {@link ExactlyOnceSupport#SUPPORTED}
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * The tasks can define their own transactions ({@code transaction.boundary=connector}): one per
     * {@code batch.size} records of a task, whatever a rate limit makes each poll return (see
     * {@link EmulatorSourceTask}).
     *
     * @return {@link ConnectorTransactionBoundaries#SUPPORTED}
     */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /**
     * Accepts offset changes through the Connect REST API (rewinding replays identical records) after checking them:
     * a partition is {@code {"domain": <listed domain>, "shard": <0..shards-1>}}, an offset {@code {"seq": <integer
     * >= 0>}} or {@code null} (reset to the start).
     *
     * @throws ConnectException naming the partition or offset that is malformed
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        EmulatorSourceConnectorConfig parsed = new EmulatorSourceConnectorConfig(connectorConfig);
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            Object domain = partition == null ? null : partition.get(Unit.DOMAIN_KEY);
            Object shard = partition == null ? null : partition.get(Unit.SHARD_KEY);
            if (!(domain instanceof String name) || !parsed.domains().contains(name)
                    || !(shard instanceof Number number) || number.longValue() < 0
                    || number.longValue() >= parsed.shards()) {
                throw new ConnectException("Invalid source partition " + partition + ": expected {\""
                        + Unit.DOMAIN_KEY + "\": one of " + parsed.domains() + ", \"" + Unit.SHARD_KEY + "\": 0.."
                        + (parsed.shards() - 1) + "}");
            }
            Map<String, ?> offset = entry.getValue();
            if (offset != null) {
                Object seq = offset.get(Records.SEQ_KEY);
                if (!(seq instanceof Long || seq instanceof Integer) || ((Number) seq).longValue() < 0) {
                    throw new ConnectException("Invalid source offset " + offset + " of partition " + partition
                            + ": expected {\"" + Records.SEQ_KEY + "\": an integer >= 0}");
                }
            }
        }
        return true;
    }

    /** @return a message naming the first domain whose options are rejected, or {@code null} when all open */
    private static String checkDomains(EmulatorSourceConnectorConfig config) {
        DomainRegistry registry = config.registry();
        for (String domain : config.domains()) {
            try {
                Domains.open(config, registry, domain);
            } catch (EmulatorException e) {
                return "domain '" + domain + "': " + e.getMessage();
            }
        }
        return null;
    }
}
