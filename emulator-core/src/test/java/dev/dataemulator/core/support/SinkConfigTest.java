package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.RecordFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    @Test
    void parsesTypedValuesAndDefaults() {
        SinkConfig config = new SinkConfig("s3", Map.of("size", "5MiB", "wait", "30s", "n", "7", "on", "TRUE"),
                List.of());
        assertThat(config.bytes("size", 1, 1, Long.MAX_VALUE)).isEqualTo(5L * 1024 * 1024);
        assertThat(config.duration("wait", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.integer("n", 0, 1, 10)).isEqualTo(7);
        assertThat(config.bool("on", false)).isTrue();
        assertThat(config.integer("absent", 5, 1, 10)).isEqualTo(5);
        config.validate();
    }

    @Test
    void aBareNumberIsADurationInSeconds() {
        assertThat(SinkConfig.parseDuration("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(SinkConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SinkConfig.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(new SinkConfig("kafka", Map.of("close.timeout", "3"), List.of())
                .duration("close.timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void collectsEveryViolationAndMasksSecrets() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("n", "eleven");
        values.put("secret_key", "hunter2");
        values.put("mode", "sideways");
        SinkConfig config = new SinkConfig("minio", values, List.of("secret_key"));
        config.integer("n", 0, 1, 10);
        config.violation("secret_key", config.optional("secret_key"), "was refused");
        config.choice("mode", RecordFormat.class, RecordFormat.JSON);
        config.required("endpoint");

        assertThatThrownBy(config::validate)
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'n' = 'eleven': expected an integer between 1 and 10")
                .hasMessageContaining("'secret_key' = '****': was refused")
                .hasMessageContaining("'mode' = 'sideways': expected one of json, jsonl, csv")
                .hasMessageContaining("'endpoint' = null: is required by the 'minio' sink")
                .hasMessageNotContaining("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("secret_key=****");
    }

    @Test
    void masksTheValueOfAMisspeltSecretKey() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("pasword", "hunter2");
        values.put("secret_kye", "swordfish");
        values.put("batchsize", "10");
        SinkConfig config = new SinkConfig("jdbc", values, List.of("secret_key"));
        for (String unknown : config.unusedKeys()) {
            config.violation(unknown, values.get(unknown), "is not a setting of the 'jdbc' sink");
            config.optional(unknown);
        }

        assertThatThrownBy(config::validate)
                .hasMessageContaining("'pasword' = '****'")
                .hasMessageContaining("'secret_kye' = '****'")
                .hasMessageContaining("'batchsize' = '10'")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("swordfish");
    }

    @Test
    void reportsUnusedKeysAndHandsTheUnreadOnesOn() {
        SinkConfig config = new SinkConfig("kafka", Map.of("bootstrap.servers", "a:1", "linger.ms", "5",
                "sasl.jaas.config", "x password=\"p\""), List.of());
        config.required("bootstrap.servers");
        assertThat(config.unusedKeys()).containsExactly("linger.ms", "sasl.jaas.config");
        assertThat(config.unread()).containsOnlyKeys("linger.ms", "sasl.jaas.config");
        assertThat(config.toString()).doesNotContain("password=").contains("sasl.jaas.config=****");
    }

    @Test
    void rejectsNonPositiveDurationsAndOutOfRangeSizes() {
        SinkConfig config = new SinkConfig("s", Map.of("d", "0s", "b", "10"), List.of());
        config.duration("d", Duration.ofSeconds(1));
        config.bytes("b", 2048, 1024, 1 << 30);
        assertThatThrownBy(config::validate)
                .hasMessageContaining("'d' = '0s': expected a positive duration")
                .hasMessageContaining("'b' = '10': expected a size in bytes");
    }
}
