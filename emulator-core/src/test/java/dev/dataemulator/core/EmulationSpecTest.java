package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.testing.CounterDomain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
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
                        .containsExactly("domain", "sink", "threads", "duration", "max_records", "rate_per_second",
                                "resource", "id"))
                .hasMessageContaining("Invalid settings (8)")
                .hasMessageContaining("'domain' = 'nope': Unknown domain 'nope' (known: [counter])")
                .hasMessageContaining("'threads' = '0': must be between 1 and 1024")
                .hasMessageContaining("'duration' = 'PT-1S': must be positive")
                .hasMessageContaining("'max_records' = '-5': must be at least 1")
                .hasMessageContaining("'rate_per_second' = 'NaN'")
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
                .hasMessageContaining("'rate_per_second' = '0.0': must be a positive");
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

    @Test
    void toStringNamesEverySettingThatIsSetButNoSinkConfigurationValue() {
        EmulationSpec spec = EmulationSpec.builder().registry(DOMAINS).sinkRegistry(SinkRegistry.discover())
                .domain("counter").sink("memory", Map.of("password", "hunter2")).id("run-1").shard(1, 4)
                .errorPolicy(ErrorPolicy.CONTINUE).seed(7).build();
        assertThat(spec.toString())
                .startsWith("EmulationSpec[domain=counter, sink=memory, sink_config=[password], threads=1, ")
                .contains("seed=7", "shard=1/4", "id=run-1", "error_policy=CONTINUE", "close_timeout=PT1M")
                .doesNotContain("hunter2", "duration=", "registry");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        EmulationSpec spec = valid().threads(3).seed(9).maxRecords(10).duration(Duration.ofSeconds(5))
                .ratePerSecond(50).resource("r").envelope(false).id("x").domainOption("k", "v")
                .errorPolicy(ErrorPolicy.CONTINUE).progressInterval(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(2)).shard(1, 2).build();
        EmulationSpec copy = spec.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(spec.toString());
        assertThat(copy.domainOptions()).isEqualTo(Map.of("k", "v"));
        assertThat(copy.registry()).isSameAs(spec.registry());
        assertThat(copy.sinkRegistry()).isSameAs(spec.sinkRegistry());
    }

    @Test
    void aVariantDoesNotChangeTheOriginal() {
        EmulationSpec spec = valid().domainOption("a", "1").build();
        spec.toBuilder().domainOption("b", "2").build();
        assertThat(spec.domainOptions()).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void theSettingsDocumentationListsEverySettingOfTheTable() throws IOException {
        String table = EmulationSpec.settings().stream()
                .map(s -> "| `" + s.name() + "` | " + s.kind() + " | " + s.unit() + " | " + s.defaultValue() + " | "
                        + s.description() + " |")
                .collect(Collectors.joining("\n", "| setting | kind | unit | default | meaning |\n|---|---|---|---|---|\n",
                        "\n"));
        String doc = Files.readString(Path.of("..", "docs", "SETTINGS.md"));
        assertThat(doc).as("docs/SETTINGS.md must hold the table generated from EmulationSpec.settings():%n%s", table)
                .contains(table);
    }
}
