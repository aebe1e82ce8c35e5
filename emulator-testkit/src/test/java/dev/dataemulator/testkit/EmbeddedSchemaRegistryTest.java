package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * EmbeddedSchemaRegistry's life cycle without a registry: what fails before the child JVM is launched. Running it is
 * proven by emulator-kafka's KafkaSchemaRegistryIT, whose build fetches the distribution.
 */
class EmbeddedSchemaRegistryTest {

    @Test
    void aBuiltRegistryIsNotStartedAndHasNoUrl() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build()) {
            assertThat(registry.isRunning()).isFalse();
            assertThat(registry).hasToString("EmbeddedSchemaRegistry[Apicurio 2.6.13.Final, not running]");
            assertThatThrownBy(registry::url).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
            registry.kill();
        }
    }

    @Test
    void aMissingDistributionSaysHowToFetchIt() {
        Path missing = Path.of("/nonexistent/apicurio-registry-app-2.6.13.Final-all.tar.gz");
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().distribution(missing).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Apicurio Registry distribution at " + missing)
                .hasMessageContaining("dependency:get -Dartifact=io.apicurio:apicurio-registry-app:2.6.13.Final"
                        + ":tar.gz:all");
    }

    @Test
    void aClosedRegistryCannotStartAndSettingsAreChecked() {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build();
        registry.close();
        assertThatThrownBy(registry::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().startupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startupTimeout");
        assertThatThrownBy(() -> EmbeddedSchemaRegistry.builder().heapMegabytes(64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heapMegabytes");
    }
}
