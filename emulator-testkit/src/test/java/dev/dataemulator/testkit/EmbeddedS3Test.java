package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** EmbeddedS3 has the life cycle of EmbeddedKafka: build, start, stop/restart, close; a configurable timeout. */
class EmbeddedS3Test {

    @Test
    void aBuiltServerIsNotStartedAndHasTheDefaultTimeout() {
        try (EmbeddedS3 s3 = EmbeddedS3.builder().build()) {
            assertThat(s3.isStarted()).isFalse();
            assertThat(s3.isRunning()).isFalse();
            assertThat(s3.startupTimeout()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(
                    EmbeddedKafka.builder().build().startupTimeout());
            assertThat(s3).hasToString("EmbeddedS3[not started, transient backend]");
            assertThatThrownBy(s3::endpoint).hasMessageContaining("call start() first");
            assertThatThrownBy(s3::stop).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theStartupTimeoutIsConfigurableAndPositive() {
        assertThat(EmbeddedS3.builder().startupTimeout(Duration.ofSeconds(5)).build().startupTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> EmbeddedS3.builder().startupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startupTimeout");
    }

    @Test
    void startIsIdempotentAndAClosedServerCannotStartAgain() {
        EmbeddedS3 s3 = EmbeddedS3.builder().build();
        assertThat(s3.start()).isSameAs(s3);
        String endpoint = s3.endpoint();
        assertThat(s3.start().endpoint()).isEqualTo(endpoint);
        s3.close();
        s3.close();
        assertThatThrownBy(s3::start).hasMessageContaining("closed");
    }
}
