package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.InvalidSettingException.Violation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code kafka} rows of docs/BAD-INPUT.md that need no broker: each bad setting fails sink creation, and each
 * bad topic name fails {@code setupResource} before the cluster is contacted, with an {@link InvalidSettingException}
 * whose message names the setting and the value (secrets masked).
 */
class BadInputCatalogueTest {
    private static final String SECRET = "catalogue-password-value";
    private static KafkaSyncProducer unreachable;

    @BeforeAll
    static void sink() {
        unreachable = KafkaSyncProducer.create(Map.of("bootstrap.servers", "127.0.0.1:1", "close_timeout", "1s"));
    }

    @AfterAll
    static void close() {
        unreachable.close();
    }

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:1");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                config.remove(keyValues[i]);
            } else {
                config.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return config;
    }

    private static Arguments row(String name, Map<String, String> config, String key, String shownValue,
            String reason) {
        return Arguments.of(name, config, key, shownValue, reason);
    }

    static Stream<Arguments> configRows() {
        return Stream.of(
                row("missing bootstrap servers", config("bootstrap.servers", null), "bootstrap.servers", null,
                        "is required by the 'kafka' sink"),
                row("blank bootstrap servers", config("bootstrap.servers", " "), "bootstrap.servers", " ",
                        "is required"),
                row("bootstrap server without a port", config("bootstrap.servers", "localhost"),
                        "bootstrap.servers", "localhost", "expected host:port[,host:port...]"),
                row("bootstrap server with a URL", config("bootstrap.servers", "http://broker:9092/"),
                        "bootstrap.servers", "http://broker:9092/", "is not a number"),
                row("bootstrap port out of range", config("bootstrap.servers", "a:9092,b:70000"),
                        "bootstrap.servers", "a:9092,b:70000", "port of 'b:70000' must be between 1 and 65535"),
                row("zero partitions", config("topic_partitions", "0"), "topic_partitions", "0",
                        "an integer between 1 and"),
                row("non-numeric partitions", config("topic_partitions", "many"), "topic_partitions", "many",
                        "an integer between 1 and"),
                row("zero replication factor", config("topic_replication_factor", "0"), "topic_replication_factor",
                        "0", "an integer between 1 and 32767"),
                row("negative setup timeout", config("setup_timeout", "-5s"), "setup_timeout", "-5s",
                        "a positive duration"),
                row("malformed close timeout", config("close_timeout", "soon"), "close_timeout", "soon",
                        "a positive duration"),
                row("misspelled emulator key", config("topic_partitons", "3"), "topic_partitons", "3",
                        "is not a setting of the 'kafka' sink"),
                row("a former dotted name of an emulator key", config("close.timeout", "5s"), "close.timeout", "5s",
                        "was renamed to 'close_timeout'"),
                row("topic config without a name", config("topic_config.", "1000"), "topic_config.", "1000",
                        "names no topic config"),
                row("password without username", config("password", SECRET), "password", "****",
                        "needs 'username' as well"),
                row("username without password", config("username", "emulator"), "username", "emulator",
                        "needs 'password' as well"),
                row("username and password with a JAAS config", config("username", "emulator", "password", SECRET,
                        "sasl.jaas.config", "x required password=\"" + SECRET + "\";"), "username", "emulator",
                        "conflicts with 'sasl.jaas.config'"),
                row("username and password with an unsupported mechanism", config("username", "emulator",
                        "password", SECRET, "sasl.mechanism", "GSSAPI"), "sasl.mechanism", "GSSAPI",
                        "cannot be used with 'username'/'password'"),
                row("a serializer of its own", config("value.serializer", "com.example.AvroSerializer"),
                        "value.serializer", "com.example.AvroSerializer", "is set by the sink"),
                row("a transactional id with exactly once", config("exactly_once", "true", "transactional.id",
                        "mine"), "transactional.id", "mine", "is set by the sink with exactly_once=true"),
                row("exactly once not a boolean", config("exactly_once", "yes"), "exactly_once", "yes",
                        "true or false"),
                row("illegal checkpoint topic", config("checkpoint_topic", "check points"), "checkpoint_topic",
                        "check points", "is not legal in a Kafka topic name"),
                row("zero checkpoint interval", config("checkpoint_interval", "0s"), "checkpoint_interval", "0s",
                        "a positive duration"),
                row("unknown acks", config("acks", "some"), "acks", "some", "String must be one of"),
                row("unknown compression", config("compression.type", "brotli"), "compression.type", "brotli",
                        "String must be one of"),
                row("unknown security protocol", config("security.protocol", "SASL_TLS"), "security.protocol",
                        "SASL_TLS", "String must be one of"),
                row("negative linger", config("linger.ms", "-1"), "linger.ms", "-1", "Value must be at least 0"),
                row("misspelled own key outside the sink's prefixes", config("value_formt", "avro"), "value_formt",
                        "avro", "is neither a setting of the 'kafka' sink nor a Kafka producer or admin client "
                                + "setting; did you mean 'value_format'?"),
                row("misspelled client key", config("lingr.ms", "5"), "lingr.ms", "5", "did you mean 'linger.ms'?"),
                row("client key in snake_case", config("bootstrap_servers", "b:9092"), "bootstrap_servers", "b:9092",
                        "did you mean 'bootstrap.servers'?"),
                row("a key near nothing", config("colour", "blue"), "colour", "blue",
                        "is neither a setting of the 'kafka' sink nor a Kafka producer or admin client setting"),
                row("misspelled prefixed key", config("topic_partitons", "3"), "topic_partitons", "3",
                        "did you mean 'topic_partitions'?"),
                row("avro without a registry", config("value_format", "avro"), "value_format", "avro",
                        "needs 'schema_registry_url'"),
                row("json_schema without a registry", config("value_format", "json_schema"), "value_format",
                        "json_schema", "needs 'schema_registry_url'"),
                row("unknown value format", config("value_format", "protobuf"), "value_format", "protobuf",
                        "expected one of json, avro, json_schema"),
                row("registry URL without a scheme", config("value_format", "avro", "schema_registry_url",
                        "localhost:8081"), "schema_registry_url", "localhost:8081", "expected an http:// or https:// URL"),
                row("registry settings with json values", config("schema_registry_url", "http://localhost:8081"),
                        "schema_registry_url", "http://localhost:8081", "applies only to value_format avro or "
                                + "json_schema"),
                row("unknown subject name strategy", config("value_format", "avro", "schema_registry_url",
                        "http://localhost:8081", "subject_name_strategy", "topic_name"), "subject_name_strategy",
                        "topic_name", "expected one of topic, record, topic_record"),
                row("registry password without a user", config("value_format", "avro", "schema_registry_url",
                        "http://localhost:8081", "schema_registry_password", SECRET), "schema_registry_password",
                        "****", "needs 'schema_registry_user' as well"),
                row("registry URL with credentials", config("value_format", "avro", "schema_registry_url",
                        "http://app:" + SECRET + "@localhost:8081"), "schema_registry_url", "http://****@localhost:8081",
                        "carries credentials; give them as 'schema_registry_user' and 'schema_registry_password'"),
                row("misspelt registry password key", config("value_format", "avro", "schema_registry_url",
                        "http://localhost:8081", "schema_registry_pasword", SECRET), "schema_registry_pasword", "****",
                        "did you mean 'schema_registry_password'?"),
                row("auto_register not a boolean", config("value_format", "avro", "schema_registry_url",
                        "http://localhost:8081", "auto_register", "yes"), "auto_register", "yes",
                        "expected true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configRows")
    void aBadSettingFailsCreationNamingTheSettingAndTheValue(String name, Map<String, String> config, String key,
            String shownValue, String reason) {
        assertThatThrownBy(() -> KafkaSyncProducer.create(config).close())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(Violation::setting, Violation::value)
                        .contains(Tuple.tuple(key, shownValue)))
                .hasMessageContaining("'" + key + "' = " + (shownValue == null ? "null" : "'" + shownValue + "'"))
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @ParameterizedTest(name = "topic ''{0}''")
    @MethodSource("badTopics")
    void anIllegalTopicNameFailsSetupBeforeTheClusterIsContacted(String topic, String reason) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> unreachable.setupResource(topic))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(Violation::setting, Violation::value)
                        .containsExactly(Tuple.tuple("topic", topic)))
                .hasMessageContaining("'topic' = '" + topic + "'")
                .hasMessageContaining(reason);
        // the broker is unreachable: contacting it would take the setup timeout (30 s)
        assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    }

    static Stream<Arguments> badTopics() {
        return Stream.of(
                Arguments.of("", "must not be empty"),
                Arguments.of("..", "are not legal Kafka topic names"),
                Arguments.of("orders 2024", "character ' ' at position 6 is not legal"),
                Arguments.of("orders/eu", "character '/' at position 6 is not legal"),
                Arguments.of("t".repeat(250), "at most 249 characters long (this one has 250)"));
    }
}
