package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.support.SinkConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadRetryTest {

    @Test
    void retryDelaysDoubleFromTheBackoffUpToTheCapWithJitter() {
        SinkConfig config = new SinkConfig("test", Map.of("retry_backoff", "200ms"), Set.of());
        ObjectSinkSettings settings = ObjectSinkSettings.read(config, FormatRegistry.of());
        config.validate();
        ObjectStore store = new ObjectStore() {
            @Override
            public void createContainer(String container) {
            }

            @Override
            public void put(String container, String key, Content object) {
            }

            @Override
            public String objectName(String container, String key) {
                return key;
            }

            @Override
            public String kind() {
                return "test store";
            }
        };
        UploadRetry retry = new UploadRetry(store, settings, "test", System::nanoTime);
        for (int i = 0; i < 50; i++) {
            assertThat(retry.backoffNanos(1)).isBetween(100_000_000L, 200_000_000L);
            assertThat(retry.backoffNanos(3)).isBetween(400_000_000L, 800_000_000L);
            assertThat(retry.backoffNanos(40)).isBetween(1_500_000_000L, 3_000_000_000L);
            assertThat(retry.backoffNanos(Integer.MAX_VALUE)).isBetween(1_500_000_000L, 3_000_000_000L);
        }
    }
}
