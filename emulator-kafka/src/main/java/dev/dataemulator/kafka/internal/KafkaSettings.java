package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.SettingText;
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

/**
 * The parsed settings of a Kafka sink: the emulator's own keys (topic setup, timeouts, credentials) and the
 * {@code kafka-clients} properties for the producer and the admin client. Immutable.
 */
public final class KafkaSettings {
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
    public static final String TOMBSTONES = "tombstones";
    public static final String VALUE_FORMAT = "value_format";
    public static final String SCHEMA_REGISTRY_URL = "schema_registry_url";
    public static final String SCHEMA_REGISTRY_USER = "schema_registry_user";
    public static final String SCHEMA_REGISTRY_PASSWORD = "schema_registry_password";
    public static final String SUBJECT_NAME_STRATEGY = "subject_name_strategy";
    public static final String AUTO_REGISTER = "auto_register";
    public static final String EXACTLY_ONCE = "exactly_once";
    public static final String CHECKPOINT_TOPIC = "checkpoint_topic";
    public static final String CHECKPOINT_INTERVAL = "checkpoint_interval";
    public static final String DEFAULT_CHECKPOINT_TOPIC = "__emulator_checkpoints";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

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
    private static final Own<Boolean> TOMBSTONE_AFTER_DELETE = own(TOMBSTONES, null, true,
            (c, k) -> c.bool(k, true));
    private static final Own<String> USER = own(USERNAME, null, false, SinkConfig::optional);
    private static final Own<String> PASS = own(PASSWORD, null, false, SinkConfig::optional);
    private static final Own<ValueFormat> FORMAT = own(VALUE_FORMAT, null, true,
            (c, k) -> c.choice(k, ValueFormat.class, ValueFormat.JSON));
    private static final Own<String> REGISTRY_URL = own(SCHEMA_REGISTRY_URL, null, true,
            KafkaSettings::registryUrl);
    private static final Own<String> REGISTRY_USER = own(SCHEMA_REGISTRY_USER, null, true, SinkConfig::optional);
    private static final Own<String> REGISTRY_PASSWORD = own(SCHEMA_REGISTRY_PASSWORD, null, true,
            SinkConfig::optional);
    private static final Own<SubjectNameStrategy> STRATEGY = own(SUBJECT_NAME_STRATEGY, null, true,
            (c, k) -> c.choice(k, SubjectNameStrategy.class, SubjectNameStrategy.TOPIC));
    private static final Own<Boolean> REGISTER = own(AUTO_REGISTER, null, true, (c, k) -> c.bool(k, true));
    private static final Own<Boolean> TRANSACTIONS = own(EXACTLY_ONCE, null, false, (c, k) -> c.bool(k, false));
    private static final Own<String> CHECKPOINTS = own(CHECKPOINT_TOPIC, null, false, (c, k) -> {
        String topic = c.string(k, DEFAULT_CHECKPOINT_TOPIC);
        String problem = dev.dataemulator.core.support.TopicNames.problem(topic);
        if (problem != null) {
            c.violation(k, topic, problem);
        }
        return topic;
    });
    private static final Own<Duration> CHECKPOINT_EVERY = own(CHECKPOINT_INTERVAL, null, false,
            (c, k) -> c.duration(k, DEFAULT_CHECKPOINT_INTERVAL));

    /** Key prefixes reserved for the emulator's own settings; unknown keys under them are errors. */
    private static final List<String> NAMESPACES = List.of("topic_", "setup_", "close_", "schema_", "checkpoint_",
            "exactly_", "topic.", "setup.", "close.");
    /** Secrets beyond the keys SinkConfig already masks (anything with password, secret or jaas in its name). */
    private static final List<String> SECRET_KEYS = List.of(PASSWORD, SCHEMA_REGISTRY_PASSWORD,
            "ssl.keystore.key");
    /** Every key kafka-clients' producer or admin client defines: the client keys the sink accepts. */
    private static final Set<String> CLIENT_KEYS = clientKeys();
    /** What kafka-clients knows of each producer setting: type and validator. */
    private static final Map<String, ConfigDef.ConfigKey> PRODUCER_KEYS = ProducerConfig.configDef().configKeys();

    private final String bootstrapServers;
    private final int partitions;
    private final OptionalInt replicationFactor;
    private final Map<String, String> topicConfigs;
    private final Duration setupTimeout;
    private final boolean eventTimestamps;
    private final boolean tombstones;
    private final Duration closeTimeout;
    private final Map<String, Object> producerProperties;
    private final Map<String, Object> adminProperties;
    private final ValueFormat valueFormat;
    private final RegistrySettings registry;
    private final boolean exactlyOnce;
    private final String checkpointTopic;
    private final Duration checkpointInterval;
    private final String display;

    private KafkaSettings(String bootstrapServers, Map<Own<?>, Object> own, Map<String, Object> producer,
            Map<String, Object> admin, String display) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = PARTITIONS.in(own);
        this.replicationFactor = REPLICATION.in(own);
        this.topicConfigs = Collections.unmodifiableMap(TOPIC_CONFIGS.in(own));
        this.setupTimeout = SETUP.in(own);
        this.eventTimestamps = EVENT_TIMESTAMPS.in(own);
        this.tombstones = TOMBSTONE_AFTER_DELETE.in(own);
        this.closeTimeout = own.containsKey(CLOSE) ? CLOSE.in(own) : DEFAULT_CLOSE_TIMEOUT;
        this.producerProperties = Collections.unmodifiableMap(producer);
        this.adminProperties = Collections.unmodifiableMap(admin);
        this.valueFormat = FORMAT.in(own);
        this.registry = REGISTRY_URL.in(own) == null ? null : new RegistrySettings(REGISTRY_URL.in(own),
                REGISTRY_USER.in(own), REGISTRY_PASSWORD.in(own), STRATEGY.in(own), REGISTER.in(own));
        this.exactlyOnce = own.containsKey(TRANSACTIONS) && TRANSACTIONS.in(own);
        this.checkpointTopic = own.containsKey(CHECKPOINTS) ? CHECKPOINTS.in(own) : DEFAULT_CHECKPOINT_TOPIC;
        this.checkpointInterval = own.containsKey(CHECKPOINT_EVERY) ? CHECKPOINT_EVERY.in(own)
                : DEFAULT_CHECKPOINT_INTERVAL;
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
        checkRegistry(cfg, own);
        rejectUnknownEmulatorKeys(cfg, config);

        Map<String, String> client = new LinkedHashMap<>(cfg.unread());
        if (servers != null) {
            client.put(BOOTSTRAP_SERVERS, servers);
        }
        for (String key : List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
            if (client.containsKey(key)) {
                cfg.violation(key, client.get(key), "is set by the sink (String keys, byte[] values encoded as "
                        + VALUE_FORMAT + " says); remove it");
            }
        }
        if (TRANSACTIONS.in(own) && client.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            cfg.violation(ProducerConfig.TRANSACTIONAL_ID_CONFIG, client.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG),
                    "is set by the sink with " + EXACTLY_ONCE + "=true (one transactional producer per worker lane, "
                            + "its id made of the topic, the emulation id and the lane); remove it");
        }
        rejectUnknownClientKeys(cfg, client);
        validateClientSettings(cfg, client);
        applyCredentials(cfg, client, USER.in(own), PASS.in(own));
        cfg.validate();

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
        checkRegistry(cfg, own);
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
                    String suggestion = closest(key);
                    cfg.violation(key, config.get(key), "is not a setting of the 'kafka' sink ("
                            + (suggestion == null ? "" : "did you mean '" + suggestion + "'? ") + "known: "
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

    /**
     * A key that is neither the sink's own nor a kafka-clients producer or admin client setting would be handed to
     * the producer and ignored: an error, with the closest known key when one is near.
     */
    private static void rejectUnknownClientKeys(SinkConfig cfg, Map<String, String> client) {
        for (String key : client.keySet()) {
            if (!CLIENT_KEYS.contains(key)) {
                String suggestion = closest(key);
                cfg.violation(key, client.get(key), "is neither a setting of the 'kafka' sink nor a Kafka producer "
                        + "or admin client setting" + (suggestion == null ? "" : "; did you mean '" + suggestion
                        + "'?"));
            }
        }
    }

    /** @return the own or client key nearest to {@code key} ({@link SettingText#closest}), or null */
    static String closest(String key) {
        List<String> candidates = new ArrayList<>();
        OWN.forEach(own -> candidates.add(own.key.replace("<name>", "")));
        candidates.addAll(CLIENT_KEYS);
        return SettingText.closest(key, candidates);
    }

    private static Set<String> clientKeys() {
        Set<String> keys = new TreeSet<>(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return Collections.unmodifiableSet(keys);
    }

    /** @return the registry URL without a trailing slash, or null; an absolute http(s) URL */
    private static String registryUrl(SinkConfig cfg, String key) {
        String url = cfg.optional(key);
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                cfg.violation(key, url, "expected an http:// or https:// URL, e.g. http://localhost:8081");
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                // messages name the URL: credentials in it would be shown wherever the registry is named
                cfg.violation(key, url.replace(uri.getRawUserInfo(), "****"), "carries credentials; give them as '"
                        + SCHEMA_REGISTRY_USER + "' and '" + SCHEMA_REGISTRY_PASSWORD + "' (never shown) instead");
                return null;
            }
        } catch (java.net.URISyntaxException e) {
            cfg.violation(key, url, "is not a URL: " + e.getReason());
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A registry format needs the registry; the registry settings need a registry format; credentials go in pairs. */
    private static void checkRegistry(SinkConfig cfg, Map<Own<?>, Object> own) {
        ValueFormat format = FORMAT.in(own);
        String url = REGISTRY_URL.in(own);
        if (format.usesRegistry() && url == null && cfg.optional(SCHEMA_REGISTRY_URL) == null) {
            cfg.violation(VALUE_FORMAT, format.key(), "needs '" + SCHEMA_REGISTRY_URL + "' (the schema registry the "
                    + "schemas are registered with, e.g. http://localhost:8081)");
        }
        if (!format.usesRegistry()) {
            for (String key : List.of(SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER, SCHEMA_REGISTRY_PASSWORD,
                    SUBJECT_NAME_STRATEGY, AUTO_REGISTER)) {
                String value = cfg.optional(key);
                if (value != null) {
                    cfg.violation(key, value, "applies only to value_format avro or json_schema (value_format is "
                            + format.key() + ")");
                }
            }
        }
        String user = REGISTRY_USER.in(own);
        String password = REGISTRY_PASSWORD.in(own);
        if (user != null && password == null) {
            cfg.violation(SCHEMA_REGISTRY_USER, user, "needs '" + SCHEMA_REGISTRY_PASSWORD + "' as well");
        } else if (user == null && password != null) {
            cfg.violation(SCHEMA_REGISTRY_PASSWORD, password, "needs '" + SCHEMA_REGISTRY_USER + "' as well");
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

    /** @return whether a record that deletes its key is followed by a tombstone (default true) */
    public boolean tombstones() {
        return tombstones;
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

    /** @return how record values are encoded */
    public ValueFormat valueFormat() {
        return valueFormat;
    }

    /** @return the schema registry's settings; null unless {@link #valueFormat()} uses a registry */
    public RegistrySettings registry() {
        return registry;
    }

    /**
     * @return whether each worker lane writes through a transactional producer of its own, committing its records
     *     with the lane's checkpoint ({@value #EXACTLY_ONCE})
     */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** @return the compacted topic holding resumable emulations' settings and lane checkpoints */
    public String checkpointTopic() {
        return checkpointTopic;
    }

    /** @return how often a lane commits its transaction or writes its checkpoint */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /**
     * @return properties for a consumer reading the checkpoint topic: the client settings a consumer knows
     *     (servers, security), secrets included: never log them
     */
    public Map<String, Object> consumerProperties() {
        Set<String> consumerKeys = org.apache.kafka.clients.consumer.ConsumerConfig.configNames();
        Map<String, Object> consumer = new LinkedHashMap<>();
        producerProperties.forEach((key, value) -> {
            if (consumerKeys.contains(key) && !key.equals(ProducerConfig.CLIENT_ID_CONFIG)
                    && !key.endsWith("serializer") && !key.equals(ProducerConfig.METADATA_MAX_AGE_CONFIG)) {
                consumer.put(key, value);
            }
        });
        return consumer;
    }

    /** @return the settings as given, secrets masked */
    @Override
    public String toString() {
        return display;
    }
}
