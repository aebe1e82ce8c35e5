package dev.dataemulator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.connect.internal.Domains;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class EmulatorSourceConnectorConfigTest {

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("name", "emu-connector");
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    @Test
    void defaultsAreDocumentedValues() {
        EmulatorSourceConnectorConfig config = new EmulatorSourceConnectorConfig(with());

        assertThat(config.domains()).containsExactly("transaction");
        assertThat(config.topicFor("transaction", Domains.registry())).isEqualTo("transactions");
        assertThat(config.seed()).isZero();
        assertThat(config.ratePerSecond()).isZero();
        assertThat(config.maxRecords("transaction")).isZero();
        assertThat(config.envelope()).isTrue();
        assertThat(config.shards()).isEqualTo(8);
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.emulationId()).isEqualTo("emu-connector");
        assertThat(config.clockInstant()).isNull();
    }

    @Test
    void topicOverridesEveryDomainsResource() {
        EmulatorSourceConnectorConfig config =
                new EmulatorSourceConnectorConfig(with("domains", "transaction, device-log", "topic", "all-events"));

        assertThat(config.domains()).containsExactly("transaction", "device-log");
        assertThat(config.topicFor("device-log", Domains.registry())).isEqualTo("all-events");
    }

    @Test
    void invalidValuesNameTheKeyAndTheValue() {
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("shards", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shards").hasMessageContaining("0");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("rate.per.second", "-5")))
                .hasMessageContaining("rate.per.second").hasMessageContaining("-5");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("max.records", "lots")))
                .hasMessageContaining("max.records").hasMessageContaining("lots");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("max.records", "transaction=")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.records")
                .hasMessageContaining("transaction=").hasMessageContaining("expected a whole number");
        // a count for a domain that is not listed
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("max.records", "device-log=5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("max.records")
                .hasMessageContaining("device-log=5").hasMessageContaining("not a domain of this run");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("batch.size", "0")))
                .hasMessageContaining("batch.size");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("topic", "bad topic!")))
                .hasMessageContaining("topic").hasMessageContaining("bad topic!");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("clock.instant", "yesterday")))
                .hasMessageContaining("clock.instant").hasMessageContaining("yesterday");
    }

    @Test
    void eventTimeValuesAreCheckedWhenTheConnectorIsValidated() {
        // ConfigDef validators: Connect's REST validation reports these before any task starts
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("event.time.backfill",
                "2026-01-02T00:00:00Z..2026-01-01T00:00:00Z")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("event.time.backfill")
                .hasMessageContaining("from before to");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("event.time.backfill", "last week")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FROM..TO");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("rate.curve.hourly", "1,2,3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rate.curve.hourly")
                .hasMessageContaining("24");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("lateness", "often")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lateness")
                .hasMessageContaining("FRACTION:MAX");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("event.time.rate", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("event.time.rate");
        assertThat(EmulatorSourceConnectorConfig.CONFIG_DEF.validate(with("lateness", "often"))).filteredOn(value ->
                value.name().equals("lateness")).singleElement().satisfies(value ->
                assertThat(value.errorMessages()).singleElement().asString().contains("FRACTION:MAX"));
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("event.time.backfill",
                "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("event.time.rate")
                .hasMessageContaining("is required with event.time.backfill");
        assertThat(new EmulatorSourceConnector().validate(with("rate.curve.hourly",
                String.join(",", java.util.Collections.nCopies(24, "1")))).configValues())
                .filteredOn(value -> !value.errorMessages().isEmpty()).singleElement().satisfies(value -> {
                    assertThat(value.name()).isEqualTo("event.time.rate");
                    assertThat(value.errorMessages()).singleElement().asString()
                            .contains("is required with rate.curve.hourly");
                });
        // and good values pass
        new EmulatorSourceConnectorConfig(with("event.time.backfill", "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z",
                "event.time.rate", "10", "rate.curve.hourly", String.join(",", java.util.Collections.nCopies(24, "1")),
                "lateness", "0.02:10m"));
    }

    @Test
    void unknownOrRepeatedDomainsAreRejected() {
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("domains", "transaction,nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("domains")
                .hasMessageContaining("unknown domain 'nope'")
                .hasMessageContaining("user-profile");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("domains", "device-log,device-log")))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(with("domains", "")))
                .hasMessageContaining("at least one domain");
    }

    @Test
    void domainOptionsReachTheDomainAndBadOnesAreReported() {
        EmulatorSourceConnector connector = new EmulatorSourceConnector();
        Map<String, String> bad = with("domains", "transaction", "domain.transaction.bogus", "1");

        List<ConfigValue> values = connector.validate(bad).configValues();
        ConfigValue domains = values.stream().filter(v -> v.name().equals("domains")).findFirst().orElseThrow();
        assertThat(domains.errorMessages()).singleElement().asString()
                .contains("domain 'transaction'").contains("bogus");
        assertThatThrownBy(() -> connector.start(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bogus");

        Map<String, String> good = with("domains", "transaction", "domain.transaction.labels", "false");
        assertThat(connector.validate(good).configValues()).allMatch(v -> v.errorMessages().isEmpty());
        assertThat(new EmulatorSourceConnectorConfig(good).domainOptions("transaction"))
                .containsExactly(Map.entry("labels", "false"));
    }

    @Test
    void unitsAreDealtOverAtMostOneTaskPerUnitAndTheRateIsSplit() {
        EmulatorSourceConnector connector = new EmulatorSourceConnector();
        connector.start(with("domains", "transaction,device-log", "shards", "2", "rate.per.second", "900"));

        List<Map<String, String>> three = connector.taskConfigs(3);
        assertThat(three).extracting(c -> c.get("task.units"))
                .containsExactly("transaction:0,device-log:1", "transaction:1", "device-log:0");
        assertThat(three).extracting(c -> c.get("task.rate.per.second")).containsOnly("300.0");
        assertThat(connector.taskConfigs(10)).hasSize(4);
        assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void alteredOffsetsAreChecked() {
        EmulatorSourceConnector connector = new EmulatorSourceConnector();
        Map<String, String> settings = with("shards", "4");

        assertThat(connector.alterOffsets(settings,
                Map.of(Map.of("domain", "transaction", "shard", 3), Map.of("seq", 7L)))).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(settings,
                Map.of(Map.of("domain", "transaction", "shard", 4), Map.of("seq", 7L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("shard");
        assertThatThrownBy(() -> connector.alterOffsets(settings,
                Map.of(Map.of("domain", "transaction", "shard", 1), Map.of("seq", "x"))))
                .hasMessageContaining("seq");
    }
}
