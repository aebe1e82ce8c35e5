package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkRegistryTest {

    @Test
    void theMemorySinkIsDiscovered() {
        assertThat(SinkRegistry.discover().names()).contains("memory");
    }

    @Test
    void missingSinkNamesWhatWasFoundAndWhatToAdd() {
        assertThatThrownBy(() -> SinkRegistry.discover().provider("minio"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("No sink 'minio' (found: [memory, stdout]); add dev.dataemulator:emulator-minio to the class path");
    }

    @Test
    void discoveryCanBeReplacedByExplicitProviders() {
        SinkRegistry registry = SinkRegistry.of();
        assertThat(registry.names()).isEmpty();
        assertThatThrownBy(() -> registry.provider("memory")).hasMessageContaining("found: []");
    }

    @Test
    void memorySinkRejectsUnknownSettings() {
        assertThatThrownBy(() -> SinkRegistry.discover().create("memory", Map.of("captur", "true")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'captur' = 'true': is not a setting of the 'memory' sink");
        assertThatThrownBy(() -> SinkRegistry.discover().create("memory", Map.of("capture", "yes")))
                .hasMessageContaining("'capture' = 'yes': expected true or false");
    }

    @Test
    void theBuilderAddsOneProviderToTheDiscoveredOnes() {
        SinkRegistry registry = SinkRegistry.builder().discover().register(new Named("mine")).build();
        assertThat(registry.names()).containsAll(SinkRegistry.discover().names()).contains("mine")
                .hasSize(SinkRegistry.discover().names().size() + 1);
        assertThat(registry.create("mine", Map.of())).isInstanceOf(MemorySyncProducer.class);
        assertThat(registry.toBuilder().register(new Named("other")).build().names())
                .containsAll(registry.names()).contains("other").hasSize(registry.names().size() + 1);
    }

    @Test
    void theBuilderRejectsASecondProviderOfTheSameNameNamingBothClasses() {
        assertThatThrownBy(() -> SinkRegistry.builder().discover().register(new Named("memory")))
                .isInstanceOf(EmulatorException.class)
                .hasMessageContaining("Duplicate SinkProvider name 'memory'")
                .hasMessageContaining("MemorySinkProvider")
                .hasMessageContaining(Named.class.getName());
    }

    private record Named(String name) implements SinkProvider {
        @Override
        public SyncProducer create(Map<String, String> config) {
            return new MemorySyncProducer();
        }
    }
}
