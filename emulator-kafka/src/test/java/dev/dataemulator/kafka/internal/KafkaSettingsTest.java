package dev.dataemulator.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("bootstrap.servers", "localhost:9092");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void appliesThroughputAndSafetyDefaults() {
        KafkaSettings settings = KafkaSettings.parse(config());

        assertThat(settings.producerProperties())
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("linger.ms", "5")
                .containsEntry("batch.size", "65536")
                .containsEntry("compression.type", "lz4")
                .containsEntry("max.block.ms", "30000")
                .containsEntry("delivery.timeout.ms", "60000")
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.StringSerializer")
                .containsEntry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        assertThat(settings.partitions()).isEqualTo(5);
        assertThat(settings.replicationFactor()).isEmpty();
        assertThat(settings.topicConfigs()).isEmpty();
        assertThat(settings.setupTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void passesClientSettingsThroughAndLetsThemOverrideDefaults() {
        KafkaSettings settings = KafkaSettings.parse(config("acks", "1", "compression.type", "zstd",
                "client.id", "orders", "security.protocol", "SSL", "ssl.truststore.location", "/etc/trust.jks"));

        assertThat(settings.producerProperties())
                .containsEntry("acks", "1")
                .containsEntry("compression.type", "zstd")
                .containsEntry("client.id", "orders")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/trust.jks");
        assertThat(settings.adminProperties())
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/trust.jks")
                .containsEntry("client.id", "orders-admin")
                .doesNotContainKeys("acks", "compression.type", "linger.ms");
    }

    @Test
    void boundsTheAdminClientBySetupTimeout() {
        KafkaSettings settings = KafkaSettings.parse(config("setup_timeout", "2s"));

        assertThat(settings.setupTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.adminProperties())
                .containsEntry("default.api.timeout.ms", "2000")
                .containsEntry("request.timeout.ms", "2000");
    }

    @Test
    void raisesTheDeliveryTimeoutWhenLingerAndRequestTimeoutNeedMore() {
        KafkaSettings settings = KafkaSettings.parse(config("request.timeout.ms", "90000", "linger.ms", "100"));

        assertThat(settings.producerProperties()).containsEntry("delivery.timeout.ms", "90100");
    }

    @Test
    void readsTopicSettings() {
        KafkaSettings settings = KafkaSettings.parse(config("topic_partitions", "12",
                "topic_replication_factor", "2", "topic_config.retention.ms", "3600000",
                "topic_config.cleanup.policy", "delete", "close_timeout", "5s"));

        assertThat(settings.partitions()).isEqualTo(12);
        assertThat(settings.replicationFactor()).hasValue(2);
        assertThat(settings.topicConfigs()).containsExactlyInAnyOrderEntriesOf(
                Map.of("retention.ms", "3600000", "cleanup.policy", "delete"));
        assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.producerProperties()).doesNotContainKeys("topic_partitions", "topic_replication_factor",
                "topic_config.retention.ms", "close_timeout", "setup_timeout");
    }

    @Test
    void reportsEveryBadSettingAtOnce() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("topic_partitons", "3");
        config.put("topic_partitions", "zero");
        config.put("setup_timeout", "-1s");
        config.put("topic_config.", "x");

        assertThatThrownBy(() -> KafkaSettings.parse(config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Invalid settings (5)")
                .hasMessageContaining("'bootstrap.servers' = null: is required")
                .hasMessageContaining("'topic_partitons' = '3': is not a setting of the 'kafka' sink (did you "
                        + "mean 'topic_partitions'? known: topic_partitions")
                .hasMessageContaining("'topic_partitions' = 'zero'")
                .hasMessageContaining("'setup_timeout' = '-1s'")
                .hasMessageContaining("'topic_config.' = 'x': names no topic config");
    }

    @Test
    void rejectsMalformedBootstrapServers() {
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("bootstrap.servers", "localhost")))
                .hasMessageContaining("'bootstrap.servers' = 'localhost': expected host:port");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("bootstrap.servers", "a:9092,b:http")))
                .hasMessageContaining("port of 'b:http' is not a number");
        assertThatThrownBy(() -> KafkaSettings.parse(Map.of("bootstrap.servers", "a:70000")))
                .hasMessageContaining("must be between 1 and 65535");
        assertThat(KafkaSettings.parse(Map.of("bootstrap.servers", " a:9092 , [::1]:9093")).bootstrapServers())
                .isEqualTo("a:9092 , [::1]:9093");
    }

    @Test
    void rejectsSerializersBecauseTheSinkSendsStringKeysAndJsonBytes() {
        assertThatThrownBy(() -> KafkaSettings.parse(config("value.serializer", "com.example.AvroSerializer")))
                .hasMessageContaining("'value.serializer' = 'com.example.AvroSerializer': is set by the sink");
    }

    @Test
    void usernameAndPasswordConfigureScramOverSaslSslByDefault() {
        KafkaSettings settings = KafkaSettings.parse(config("username", "emulator", "password", "pa\"ss\\word"));

        assertThat(settings.producerProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"emulator\" password=\"pa\\\"ss\\\\word\";")
                .doesNotContainKeys("username", "password");
        assertThat(settings.adminProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsKey("sasl.jaas.config");
    }

    @Test
    void usernameAndPasswordFollowTheConfiguredMechanismAndProtocol() {
        KafkaSettings settings = KafkaSettings.parse(config("username", "u", "password", "p",
                "sasl.mechanism", "plain", "security.protocol", "SASL_PLAINTEXT"));

        assertThat(settings.producerProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";");
    }

    @Test
    void rejectsIncompleteOrConflictingCredentials() {
        assertThatThrownBy(() -> KafkaSettings.parse(config("password", "secret-value")))
                .hasMessageContaining("'password' = '****': needs 'username' as well")
                .hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> KafkaSettings.parse(config("username", "u")))
                .hasMessageContaining("'username' = 'u': needs 'password' as well");
        assertThatThrownBy(() -> KafkaSettings.parse(config("username", "u", "password", "p",
                "sasl.jaas.config", "x required;")))
                .hasMessageContaining("conflicts with 'sasl.jaas.config'");
        assertThatThrownBy(() -> KafkaSettings.parse(config("username", "u", "password", "p",
                "sasl.mechanism", "GSSAPI")))
                .hasMessageContaining("'sasl.mechanism' = 'GSSAPI': cannot be used with 'username'/'password'");
    }

    @Test
    void masksSecretsWhenShown() {
        KafkaSettings settings = KafkaSettings.parse(config("username", "u", "password", "hunter2",
                "ssl.key.password", "key-secret", "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----"));

        assertThat(settings.toString())
                .contains("bootstrap.servers=localhost:9092", "username=u", "password=****",
                        "ssl.key.password=****", "ssl.keystore.key=****")
                .doesNotContain("hunter2", "key-secret", "BEGIN PRIVATE KEY");
    }

    @Test
    void aWrappedProducerTakesOnlyTopicSettings() {
        KafkaSettings settings = KafkaSettings.parseWrapped(Map.of("topic_partitions", "3", "setup_timeout", "5s"));
        assertThat(settings.partitions()).isEqualTo(3);
        assertThat(settings.setupTimeout()).isEqualTo(Duration.ofSeconds(5));

        assertThatThrownBy(() -> KafkaSettings.parseWrapped(Map.of("acks", "1", "topic.partitoins", "3")))
                .hasMessageContaining("'acks' = '1': cannot be applied to a producer the application created")
                .hasMessageContaining("'topic.partitoins' = '3': is not a setting of the 'kafka' sink");
    }

    @Test
    void formerDottedNamesOfTheEmulatorsKeysPointToTheNewOnes() {
        Map<String, String> config = config("close.timeout", "5s", "topic.partitions", "3",
                "topic.config.retention.ms", "1000", "setup.timeout", "2s", "topic.replication.factor", "1");

        assertThatThrownBy(() -> KafkaSettings.parse(config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'close.timeout' = '5s': was renamed to 'close_timeout'")
                .hasMessageContaining("'topic.partitions' = '3': was renamed to 'topic_partitions'")
                .hasMessageContaining("'topic.config.retention.ms' = '1000': was renamed to "
                        + "'topic_config.retention.ms'")
                .hasMessageContaining("'setup.timeout' = '2s': was renamed to 'setup_timeout'")
                .hasMessageContaining("'topic.replication.factor' = '1': was renamed to 'topic_replication_factor'");
    }

    @Test
    void checksClientSettingsAgainstTheirKafkaDefinitionsNamingKeyAndValue() {
        Map<String, String> config = config("acks", "some", "linger.ms", "soon", "batch.size", "-1",
                "client.id", "fine");

        assertThatThrownBy(() -> KafkaSettings.parse(config))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(InvalidSettingException.Violation::setting)
                        .containsExactlyInAnyOrder("acks", "linger.ms", "batch.size"))
                .hasMessageContaining("'acks' = 'some': String must be one of")
                .hasMessageContaining("'linger.ms' = 'soon': Not a number of type LONG")
                .hasMessageContaining("'batch.size' = '-1': Value must be at least 0");
    }
}
