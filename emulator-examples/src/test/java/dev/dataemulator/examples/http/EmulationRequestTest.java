package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulationRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, String>> SINKS = Map.of("memory", Map.of());

    @Test
    void eventTimeFieldsMeanWhatTheCommandLineOptionsMean() throws Exception {
        EmulationSpec spec = EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "rate": 5,
                 "backfill_from": "2026-01-01T00:00:00Z", "backfill_to": "2026-01-02T00:00:00Z",
                 "hourly": [1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,1,1,1,1,1,1],
                 "late_fraction": 0.02, "late_max": 600}"""), SINKS, dev.dataemulator.core.DomainRegistry.discover());

        assertThat(spec.eventTime()).isEqualTo(EventTime.backfill(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(spec.rateCurve().isFlat()).isFalse();
        assertThat(spec.latenessFraction()).isEqualTo(0.02);
        assertThat(spec.latenessMax()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theFaultsObjectInItsPinnedFormBecomesTheFaultsSettingAndFaultLabelsItsSwitch() throws Exception {
        EmulationSpec spec = EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "fault_labels": false,
                 "faults": {"duplicate": 0.01, "null": {"rate": 0.005, "fields": ["amount", "currency"]},
                            "malformed": "0.0005"}}"""), SINKS, dev.dataemulator.core.DomainRegistry.discover());

        assertThat(spec.faults()).containsExactlyInAnyOrderEntriesOf(Map.of("duplicate", "0.01", "null.rate", "0.005",
                "null.fields", "amount,currency", "malformed", "0.0005"));
        assertThat(spec.faultLabels()).isFalse();
    }

    @Test
    void aBadFaultIsReportedUnderItsEntryAndABadFaultLabelsUnderItsField() throws Exception {
        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "fault_labels": "sometimes",
                 "faults": {"null": {"rate": 1.5, "fields": ["amount"]}}}"""), SINKS,
                        dev.dataemulator.core.DomainRegistry.discover()));

        assertThat(invalid.errors()).extracting(EmulationRequest.FieldError::field)
                .containsExactlyInAnyOrder("faults.null.rate", "fault_labels");
        assertThat(invalid.errors()).extracting(EmulationRequest.FieldError::message).anyMatch(message -> message
                .contains("must be from 0 to 1"));
    }

    @Test
    void badEventTimeFieldsAreReportedByField() throws Exception {
        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "rate": 5,
                 "backfill_from": "2026-01-02T00:00:00Z", "backfill_to": "2026-01-01T00:00:00Z",
                 "hourly": [1, 2], "late_fraction": 2, "late_max": 60}"""), SINKS, dev.dataemulator.core.DomainRegistry.discover()));

        assertThat(invalid.errors()).extracting(EmulationRequest.FieldError::field)
                .contains("backfill_to", "hourly", "late_fraction");
    }

    @Test
    void idAndResumeAreTheSettingsOfTheSameNameAndABadOneIsReportedByField() throws Exception {
        EmulationSpec spec = EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "id": "nightly", "resume": true}"""),
                SINKS, dev.dataemulator.core.DomainRegistry.discover());
        assertThat(spec.id()).contains("nightly");
        assertThat(spec.resume()).isTrue();

        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "id": 7, "resume": "yes"}"""),
                        SINKS, dev.dataemulator.core.DomainRegistry.discover()));
        assertThat(invalid.errors()).extracting(EmulationRequest.FieldError::field, EmulationRequest.FieldError::message)
                .contains(org.assertj.core.groups.Tuple.tuple("id", "id must be a string"),
                        org.assertj.core.groups.Tuple.tuple("resume", "resume must be true or false"));
        EmulationRequest.Invalid noId = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "resume": true}"""),
                        SINKS, dev.dataemulator.core.DomainRegistry.discover()));
        assertThat(noId.errors()).extracting(EmulationRequest.FieldError::field).contains("resume");
    }

    @Test
    void aLateFractionOfZeroMeansNoLateRecords() throws Exception {
        EmulationSpec spec = EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "late_fraction": 0}"""), SINKS,
                dev.dataemulator.core.DomainRegistry.discover());

        assertThat(spec.latenessFraction()).isZero();
        assertThat(spec.latenessMax()).isEqualTo(Duration.ZERO);
    }

    @Test
    void lateMaxWithoutLateFractionIsAnErrorNotIgnored() throws Exception {
        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "late_max": 60}"""), SINKS,
                dev.dataemulator.core.DomainRegistry.discover()));

        assertThat(invalid.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("late_max");
            assertThat(error.message()).contains("late_fraction");
        });
    }

    @Test
    void aPositiveLateFractionNeedsLateMax() throws Exception {
        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "late_fraction": 0.1}"""), SINKS,
                dev.dataemulator.core.DomainRegistry.discover()));

        assertThat(invalid.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("late_fraction");
            assertThat(error.message()).contains("maximum lateness must be positive");
        });
    }

    @Test
    void sinkConfigGoesOverTheServersSettingsAsText() throws Exception {
        EmulationSpec spec = EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "kafka", "emulation_domain": "transaction",
                 "sink_config": {"linger.ms": 5, "enable.idempotence": true, "client.id": "mine",
                                 "bootstrap.servers": "other:9092"}}"""),
                Map.of("kafka", Map.of("bootstrap.servers", "server:9092", "client.id", "server")),
                dev.dataemulator.core.DomainRegistry.discover());

        assertThat(spec.sinkName()).contains("kafka");
        assertThat(spec.sinkConfig()).containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "other:9092",
                "client.id", "mine", "linger.ms", "5", "enable.idempotence", "true"));
    }

    @Test
    void sinkConfigValuesThatAreNotScalarsAreReportedByKeyWithSecretsMasked() throws Exception {
        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "transaction",
                 "sink_config": {"sasl.jaas.config": ["password=hunter2"], "retries": null}}"""), SINKS,
                dev.dataemulator.core.DomainRegistry.discover()));

        assertThat(invalid.errors()).extracting(EmulationRequest.FieldError::field)
                .containsExactly("sink_config.sasl.jaas.config", "sink_config.retries");
        assertThat(invalid.errors().get(0).value()).isEqualTo("****");
        assertThat(invalid.errors().toString()).doesNotContain("hunter2");
    }

    @Test
    void aRequestRunsSeveralDomainsAsOneEmulationWithCountsByDomainAndAReportPerDomain() throws Exception {
        dev.dataemulator.core.DomainRegistry registry = dev.dataemulator.declarative.DeclarativeDomains.withDefined(
                dev.dataemulator.core.DomainRegistry.discover(), dev.dataemulator.declarative.DeclarativeDomains.load(
                        java.nio.file.Path.of("src/main/resources/domains/ecommerce.yaml")));
        EmulationSpec spec = EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": ["customers", "orders"],
                 "max_records": {"orders": 250}, "seed": 9, "threads": 2}"""), SINKS, registry);
        assertThat(spec.domains()).containsExactly("customers", "orders");
        assertThat(EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "customers,orders", "max_records": "orders=250",
                 "seed": 9, "threads": 2}"""), SINKS, registry).toSettings()).isEqualTo(spec.toSettings());

        try (dev.dataemulator.core.Emulation emulation = dev.dataemulator.core.EmulationRunner.start(spec)) {
            emulation.awaitCompletion(Duration.ofMinutes(1));
            com.fasterxml.jackson.databind.JsonNode view = JsonViews.emulation(emulation, false, null, Map.of());
            assertThat(view.path("emulation_domain").asText()).isEqualTo("customers,orders");
            assertThat(view.path("max_records").asText()).isEqualTo("orders=250");
            assertThat(view.path("stats").path("delivered").asLong()).isEqualTo(20_250);
            assertThat(view.path("domains")).hasSize(2);
            assertThat(view.path("domains").get(0).path("emulation_domain").asText()).isEqualTo("customers");
            assertThat(view.path("domains").get(0).path("delivered").asLong()).isEqualTo(20_000);
            assertThat(view.path("domains").get(0).path("stop_reason").asText()).isEqualTo("EXHAUSTED");
            assertThat(view.path("domains").get(1).path("resource").asText()).isEqualTo("orders");
            assertThat(view.path("domains").get(1).path("delivered").asLong()).isEqualTo(250);
        }

        EmulationRequest.Invalid invalid = catchThrowableOfType(EmulationRequest.Invalid.class,
                () -> EmulationRequest.toSpec(JSON.readTree("""
                {"emulator_sync": "memory", "emulation_domain": "customers,orders",
                 "max_records": "payments=5"}"""), SINKS, registry));
        assertThat(invalid.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("max_records");
            assertThat(error.message()).contains("'payments', which is not a domain of this run");
        });
    }
}
