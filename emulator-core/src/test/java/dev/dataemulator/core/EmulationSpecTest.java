package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.testing.CounterDomain;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulationSpecTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder valid() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(new MemorySyncProducer());
    }

    @Test
    void defaultsAreOneThreadEnvelopeAndNoBounds() {
        EmulationSpec spec = valid().build();
        assertThat(spec.threads()).isEqualTo(1);
        assertThat(spec.envelope()).isTrue();
        assertThat(spec.duration()).isEmpty();
        assertThat(spec.maxRecords()).isEmpty();
        assertThat(spec.errorPolicy()).isEqualTo(ErrorPolicy.FAIL);
        assertThat(spec.targetResource()).isEqualTo("counters");
    }

    @Test
    void resourceOverrideWins() {
        assertThat(valid().resource("elsewhere").build().targetResource()).isEqualTo("elsewhere");
    }

    @Test
    void everyInvalidSettingIsReportedAtOnceWithItsValue() {
        assertThatThrownBy(() -> EmulationSpec.builder().registry(DOMAINS)
                .domain("nope").threads(0).duration(Duration.ofSeconds(-1)).maxRecords(-5)
                .ratePerSecond(Double.NaN).resource(" ").id("bad id!").build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(InvalidSettingException.Violation::setting)
                        .containsExactly("domain", "sink", "threads", "duration", "maxRecords", "ratePerSecond",
                                "resource", "id"))
                .hasMessageContaining("Invalid settings (8)")
                .hasMessageContaining("'domain' = 'nope': Unknown domain 'nope' (known: [counter])")
                .hasMessageContaining("'threads' = '0': must be between 1 and 1024")
                .hasMessageContaining("'duration' = 'PT-1S': must be positive")
                .hasMessageContaining("'maxRecords' = '-5': must be at least 1")
                .hasMessageContaining("'ratePerSecond' = 'NaN'")
                .hasMessageContaining("'id' = 'bad id!'");
    }

    @Test
    void blankDomainListsTheKnownDomains() {
        assertThatThrownBy(() -> valid().domain(" ").build())
                .hasMessageContaining("'domain' = ' ': is required; known domains: [counter]");
    }

    @Test
    void unknownSinkNamesWhatWasFoundAndTheArtifactToAdd() {
        assertThatThrownBy(() -> EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink("kafka", Map.of("bootstrap.servers", "x:1")).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("No sink 'kafka' (found: [memory, stdout]); add dev.dataemulator:emulator-kafka to the "
                        + "class path");
    }

    @Test
    void sinkNameAndInstanceConflict() {
        assertThatThrownBy(() -> valid().sink("memory", Map.of()).build())
                .hasMessageContaining("'sink'")
                .hasMessageContaining("not both");
    }

    @Test
    void tooManyThreadsAndZeroRateAreRejected() {
        assertThatThrownBy(() -> valid().threads(5000).ratePerSecond(0).build())
                .hasMessageContaining("'threads' = '5000'")
                .hasMessageContaining("'ratePerSecond' = '0.0': must be a positive");
    }

    @Test
    void shardIndexMustFallWithinTheShardCount() {
        assertThatThrownBy(() -> valid().shard(3, 3).build())
                .hasMessageContaining("'shard' = '3/3': needs a shard count of at least 1");
        assertThatThrownBy(() -> valid().shard(0, 0).build()).hasMessageContaining("'shard' = '0/0'");
        assertThat(valid().shard(2, 3).build().shardIndex()).isEqualTo(2);
    }

    @Test
    void toBuilderMakesAnEqualVariant() {
        EmulationSpec spec = valid().threads(3).seed(9).maxRecords(10).build();
        EmulationSpec copy = spec.toBuilder().threads(4).build();
        assertThat(copy.threads()).isEqualTo(4);
        assertThat(copy.seed()).hasValue(9);
        assertThat(copy.maxRecords()).hasValue(10);
        assertThat(copy.sinkInstance()).isEqualTo(spec.sinkInstance());
    }
}
