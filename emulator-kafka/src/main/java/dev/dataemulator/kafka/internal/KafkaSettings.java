package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.support.SinkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsed settings of a Kafka sink: the emulator's own keys (topic setup, timeouts, credentials) and the
 * {@code kafka-clients} properties for the producer and the admin client. Immutable.
 */
public final class KafkaSettings {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSettings.class);

    public static final String SINK = "kafka";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String TOPIC_PARTITIONS = "topic_partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "topic_replication_factor";
    public static final String TOPIC_CONFIG_PREFIX = "topic_config.";
    public static final String SETUP_TIMEOUT = "setup_timeout";
    public static final String CLOSE_TIMEOUT = "close_timeout";
    public static final String RECORD_TIMESTAMP = "record_timestamp";

    public static final int DEFAULT_PARTITIONS = 5;
    public static final int MAX_DEFAULT_REPLICATION_FACTOR = 3;
    public static final Duration DEFAULT_SETUP_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";
    public static final String DEFAULT_SASL_PROTOCOL = "SASL_SSL";

    /** Producer settings applied unless the configuration sets them. */
    public static final Map<String, String> PRODUCER_DEFAULTS = producerDefaults();

    /**
     * The sink's own settings, one row each: the key, the key it had before the emulator's keys became snake_case
     * (rejected with a pointer to the new one), whether it applies to a wrapped producer, and how it is read. Adding
     * a setting is a row here plus a field; messages, the wrapped-producer check and renames follow from the table.
     */
    private static final List<Own<?>> OWN = new ArrayList<>();
    private static final Own<Integer> PARTITIONS = own(TOPIC_PARTITIONS, "topic.partitions", true,
            (c, k) -> c.integer(k, DEFAULT_PARTITIONS, 1, 1_000_000));
    private static final Own<OptionalInt> REPLICATION = own(TOPIC_REPLICATION_FACTOR, "topic.replication.factor",
            true, (c, k) -> c.optional(k) == null ? OptionalInt.empty()
                    : OptionalInt.of(c.integer(k, 1, 1, Short.MAX_VALUE)));
    private static final Own<Map<String, String>> TOPIC_CONFIGS = own(TOPIC_CONFIG_PREFIX + "<name>",
            "topic.config.", true, (c, k) -> topicConfigs(c));
    private static final Own<Duration> SETUP = own(SETUP_TIMEOUT, "setup.timeout", true,
            (c, k) -> c.duration(k, DEFAULT_SETUP_TIMEOUT));
    private static final Own<Duration> CLOSE = own(CLOSE_TIMEOUT, "close.timeout", false,
            (c, k) -> c.duration(k, DEFAULT_CLOSE_TIMEOUT));
    private static final Own<Boolean> EVENT_TIMESTAMPS = own(RECORD_TIMESTAMP, null, true, (c, k) -> {
        String value = c.string(k, "send");
        if (!value.equals("send") && !value.equals("event")) {
            c.violation(k, value, "expected send (the time the record is sent) or event (the record's event time)");
        }
        return value.equals("event");
    });
    private static final Own<String> USER = own(USERNAME, null, false, SinkConfig::optional);
    private static final Own<String> PASS = own(PASSWORD, null, false, SinkConfig::optional);

    /** Key prefixes reserved for the emulator's own settings; unknown keys under them are errors. */
    private static final List<String> NAMESPACES = List.of("topic_", "setup_", "close_", "topic.", "setup.",
            "close.");
    /** Secrets beyond the keys SinkConfig already masks (anything with password, secret or jaas in its name). */
    private static final List<String> SECRET_KEYS = List.of(PASSWORD, "ssl.keystore.key");
    /** What kafka-clients knows of each producer setting: type and validator. */
    private static final Map<String, ConfigDef.ConfigKey> PRODUCER_KEYS = ProducerConfig.configDef().configKeys();

    private final String bootstrapServers;
    private final int partitions;
    private final OptionalInt replicationFactor;
    private final Map<String, String> topicConfigs;
    private final Duration setupTimeout;
    private final boolean eventTimestamps;
    private final Duration closeTimeout;
    private final Map<String, Object> producerProperties;
    private final Map<String, Object> adminProperties;
    private final String display;

    private KafkaSettings(String bootstrapServers, Map<Own<?>, Object> own, Map<String, Object> producer,
            Map<String, Object> admin, String display) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = PARTITIONS.in(own);
        this.replicationFactor = REPLICATION.in(own);
        this.topicConfigs = Collections.unmodifiableMap(TOPIC_CONFIGS.in(own));
        this.setupTimeout = SETUP.in(own);
        this.eventTimestamps = EVENT_TIMESTAMPS.in(own);
        this.closeTimeout = own.containsKey(CLOSE) ? CLOSE.in(own) : DEFAULT_CLOSE_TIMEOUT;
        this.producerProperties = Collections.unmodifiableMap(producer);
        this.adminProperties = Collections.unmodifiableMap(admin);
        this.display = display;
    }

    /**
     * Parses the configuration of a sink that creates its own producer and admin client. Client settings are checked
     * against kafka-clients' own definitions (type and validator) without building a client.
     *
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    public static KafkaSettings parse(Map<String, String> config) {
        SinkConfig cfg = new SinkConfig(SINK, config, SECRET_KEYS);
        String servers = cfg.required(BOOTSTRAP_SERVERS);
        if (servers != null) {
            validateServers(cfg, servers);
        }
        Map<Own<?>, Object> own = readOwn(cfg, false);
        rejectUnknownEmulatorKeys(cfg, config);

        Map<String, String> client = new LinkedHashMap<>(cfg.unread());
        if (servers != null) {
            client.put(BOOTSTRAP_SERVERS, servers);
        }
        for (String key : List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
            if (client.containsKey(key)) {
                cfg.violation(key, client.get(key), "is set by the sink (String keys, JSON byte[] values); remove it");
            }
        }
        validateClientSettings(cfg, client);
        applyCredentials(cfg, client, USER.in(own), PASS.in(own));
        cfg.validate();

        warnUnknownClientKeys(client.keySet());
        Map<String, Object> producer = new LinkedHashMap<>(client);
        PRODUCER_DEFAULTS.forEach(producer::putIfAbsent);
        if (!client.containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
            // keep the default valid when linger.ms or request.timeout.ms were raised: Kafka requires
            // delivery.timeout.ms >= linger.ms + request.timeout.ms
            long floor = parseLong(producer.get(ProducerConfig.LINGER_MS_CONFIG), 0)
                    + parseLong(producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), 30_000);
            long delivery = Math.max(parseLong(producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), 0), floor);
            producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        }
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        Map<String, Object> admin = adminProperties(client, SETUP.in(own));
        return new KafkaSettings(servers, own, producer, admin, cfg.toString());
    }

    /**
     * Parses the settings of a sink that wraps an application's producer and admin client: only topic setup keys.
     *
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    public static KafkaSettings parseWrapped(Map<String, String> config) {
        SinkConfig cfg = new SinkConfig(SINK, config, SECRET_KEYS);
        Map<Own<?>, Object> own = readOwn(cfg, true);
        List<String> wrappedKeys = own.keySet().stream().map(Own::key).toList();
        rejectUnknownEmulatorKeys(cfg, config);
        for (String key : cfg.unusedKeys()) {
            cfg.violation(key, config.get(key), "cannot be applied to a producer the application created; configure "
                    + "that producer instead (settings of a wrapped producer: " + String.join(", ", wrappedKeys)
                    + ")");
        }
        cfg.validate();
        return new KafkaSettings(null, own, new LinkedHashMap<>(), new LinkedHashMap<>(), cfg.toString());
    }

    /**
     * One of the sink's own settings.
     *
     * @param key the key (for a prefix, shown as {@code prefix<name>})
     * @param formerKey the key before the emulator's keys became snake_case, {@code null} for none
     * @param wrapped whether it applies to a sink that wraps the application's producer
     * @param reader reads it, recording violations
     */
    private record Own<T>(String key, String formerKey, boolean wrapped, BiFunction<SinkConfig, String, T> reader) {
        T read(SinkConfig cfg) {
            return reader.apply(cfg, key);
        }

        /** @return this setting's value among values read by {@link #readOwn} */
        @SuppressWarnings("unchecked")
        T in(Map<Own<?>, Object> values) {
            return (T) values.get(this);
        }
    }

    /** Reads every own setting (only those of a wrapped producer when {@code wrapped}), in table order. */
    private static Map<Own<?>, Object> readOwn(SinkConfig cfg, boolean wrapped) {
        Map<Own<?>, Object> values = new LinkedHashMap<>();
        for (Own<?> own : OWN) {
            if (!wrapped || own.wrapped) {
                values.put(own, own.read(cfg));
            }
        }
        return values;
    }

    private static <T> Own<T> own(String key, String formerKey, boolean wrapped,
            BiFunction<SinkConfig, String, T> reader) {
        Own<T> own = new Own<>(key, formerKey, wrapped, reader);
        OWN.add(own);
        return own;
    }

    private static Map<String, String> topicConfigs(SinkConfig cfg) {
        Map<String, String> configs = new LinkedHashMap<>();
        for (String key : cfg.unusedKeys()) {
            if (key.startsWith(TOPIC_CONFIG_PREFIX)) {
                String name = key.substring(TOPIC_CONFIG_PREFIX.length());
                String value = cfg.optional(key);
                if (name.isBlank()) {
                    cfg.violation(key, value, "names no topic config; use " + TOPIC_CONFIG_PREFIX
                            + "<name>, e.g. " + TOPIC_CONFIG_PREFIX + "retention.ms");
                } else if (value == null) {
                    cfg.violation(key, value, "needs a value");
                } else {
                    configs.put(name, value);
                }
            }
        }
        return configs;
    }

    private static void rejectUnknownEmulatorKeys(SinkConfig cfg, Map<String, String> config) {
        for (String key : cfg.unusedKeys()) {
            String renamed = renamed(key);
            if (renamed != null) {
                cfg.violation(key, config.get(key), "was renamed to '" + renamed + "' (the emulator's own settings "
                        + "are snake_case; Kafka client settings keep their dots)");
                cfg.optional(key);
                continue;
            }
            for (String namespace : NAMESPACES) {
                if (key.startsWith(namespace)) {
                    cfg.violation(key, config.get(key), "is not a setting of the 'kafka' sink (known: "
                            + String.join(", ", OWN.stream().map(Own::key).toList()) + ")");
                    cfg.optional(key);
                    break;
                }
            }
        }
    }

    /** @return the current key of a setting given under its former name, {@code null} when it is not one */
    private static String renamed(String key) {
        for (Own<?> own : OWN) {
            if (own.formerKey == null) {
                continue;
            }
            if (own.formerKey.endsWith(".") && key.startsWith(own.formerKey)) {
                return TOPIC_CONFIG_PREFIX + key.substring(own.formerKey.length());
            }
            if (own.formerKey.equals(key)) {
                return own.key;
            }
        }
        return null;
    }

    /**
     * Checks each producer setting kafka-clients defines against its definition (type, then validator), so a bad
     * value is reported with its key and value like every other setting. What only the producer's constructor checks
     * (combinations of settings) is reported when the producer is built.
     */
    private static void validateClientSettings(SinkConfig cfg, Map<String, String> client) {
        client.forEach((key, value) -> {
            ConfigDef.ConfigKey definition = PRODUCER_KEYS.get(key);
            if (definition == null) {
                return;
            }
            try {
                Object parsed = ConfigDef.parseType(key, value, definition.type);
                if (definition.validator != null) {
                    definition.validator.ensureValid(key, parsed);
                }
            } catch (ConfigException e) {
                cfg.violation(key, value, reason(e, key, value));
            }
        });
    }

    /**
     * @return the reason kafka-clients gave: {@code ConfigException(name, value, reason)} prefixes it with the name
     *     and value, which the violation shows already
     */
    private static String reason(ConfigException e, String key, Object value) {
        String message = String.valueOf(e.getMessage());
        String prefix = "Invalid value " + value + " for configuration " + key;
        if (message.startsWith(prefix + ": ")) {
            return message.substring(prefix.length() + 2);
        }
        return message.startsWith(prefix) ? "rejected by kafka-clients" : message;
    }

    private static void validateServers(SinkConfig cfg, String servers) {
        for (String entry : servers.split(",", -1)) {
            String server = entry.trim();
            int colon = server.lastIndexOf(':');
            String reason = null;
            if (colon <= 0 || colon == server.length() - 1) {
                reason = "expected host:port[,host:port...], e.g. localhost:9092";
            } else {
                try {
                    int port = Integer.parseInt(server.substring(colon + 1));
                    if (port < 1 || port > 65_535) {
                        reason = "port of '" + server + "' must be between 1 and 65535";
                    }
                } catch (NumberFormatException e) {
                    reason = "port of '" + server + "' is not a number; expected host:port[,host:port...]";
                }
            }
            if (reason != null) {
                cfg.violation(BOOTSTRAP_SERVERS, servers, reason);
                return;
            }
        }
    }

    private static void applyCredentials(SinkConfig cfg, Map<String, String> client, String username,
            String password) {
        if (username == null && password == null) {
            return;
        }
        if (username == null) {
            cfg.violation(PASSWORD, password, "needs '" + USERNAME + "' as well");
            return;
        }
        if (password == null) {
            cfg.violation(USERNAME, username, "needs '" + PASSWORD + "' as well");
            return;
        }
        if (client.containsKey("sasl.jaas.config")) {
            cfg.violation(USERNAME, username, "conflicts with 'sasl.jaas.config'; set one or the other");
            return;
        }
        String mechanism = client.getOrDefault("sasl.mechanism", DEFAULT_SASL_MECHANISM).trim()
                .toUpperCase(Locale.ROOT);
        String module;
        if (mechanism.equals("PLAIN")) {
            module = "org.apache.kafka.common.security.plain.PlainLoginModule";
        } else if (mechanism.equals("SCRAM-SHA-256") || mechanism.equals("SCRAM-SHA-512")) {
            module = "org.apache.kafka.common.security.scram.ScramLoginModule";
        } else {
            cfg.violation("sasl.mechanism", mechanism, "cannot be used with '" + USERNAME + "'/'" + PASSWORD
                    + "' (supported: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512); set 'sasl.jaas.config' instead");
            return;
        }
        client.put("sasl.mechanism", mechanism);
        client.putIfAbsent("security.protocol", DEFAULT_SASL_PROTOCOL);
        client.put("sasl.jaas.config", module + " required username=\"" + jaasEscape(username) + "\" password=\""
                + jaasEscape(password) + "\";");
    }

    static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, Object> adminProperties(Map<String, String> client, Duration setupTimeout) {
        Set<String> adminKeys = AdminClientConfig.configNames();
        Map<String, Object> admin = new LinkedHashMap<>();
        client.forEach((key, value) -> {
            if (adminKeys.contains(key)) {
                admin.put(key, value);
            }
        });
        if (client.containsKey(AdminClientConfig.CLIENT_ID_CONFIG)) {
            admin.put(AdminClientConfig.CLIENT_ID_CONFIG, client.get(AdminClientConfig.CLIENT_ID_CONFIG) + "-admin");
        }
        long setupMillis = Math.max(1, setupTimeout.toMillis());
        long request = Math.min(setupMillis, parseLong(admin.get(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG), 30_000));
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(request));
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(setupMillis));
        return admin;
    }

    private static void warnUnknownClientKeys(Set<String> keys) {
        Set<String> known = new TreeSet<>(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        Set<String> unknown = new TreeSet<>(keys);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            LOG.warn("Kafka sink: {} {} not kafka-clients producer settings (misspelled?); passed to the producer "
                    + "as given", unknown, unknown.size() == 1 ? "is" : "are");
        }
    }

    private static long parseLong(Object value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return defaultValue; // kafka-clients reports the bad value itself
        }
    }

    private static Map<String, String> producerDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(ProducerConfig.ACKS_CONFIG, "all");
        defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return Collections.unmodifiableMap(defaults);
    }

    /** @return the configured bootstrap servers; {@code null} for a wrapped producer */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int partitions() {
        return partitions;
    }

    /** @return the configured replication factor; empty to use min(3, live brokers) */
    public OptionalInt replicationFactor() {
        return replicationFactor;
    }

    public Map<String, String> topicConfigs() {
        return topicConfigs;
    }

    public boolean eventTimestamps() {
        return eventTimestamps;
    }

    /** @return the setup timeout */
    public Duration setupTimeout() {
        return setupTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** @return the producer's properties, secrets included: never log them */
    public Map<String, Object> producerProperties() {
        return producerProperties;
    }

    /** @return the admin client's properties, secrets included: never log them */
    public Map<String, Object> adminProperties() {
        return adminProperties;
    }

    /** @return the settings as given, secrets masked */
    @Override
    public String toString() {
        return display;
    }
}
