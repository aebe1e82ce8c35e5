package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void defaultsMakeAOneNodeClusterUsable() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();

        assertThat(kafka.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(kafka.brokerProperties())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
        assertThat(kafka.isStarted()).isFalse();
        assertThat(kafka).hasToString("EmbeddedKafka[not started]");
    }

    @Test
    void brokerPropertiesOverrideDefaults() {
        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .brokerProperty("group.initial.rebalance.delay.ms", 100)
                .brokerProperties(Map.of("num.partitions", "4"))
                .build();

        assertThat(kafka.brokerProperties())
                .containsEntry("group.initial.rebalance.delay.ms", 100)
                .containsEntry("num.partitions", "4");
    }

    @Test
    void rejectsANonPositiveStartupTimeout() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().startupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startupTimeout");
    }

    @Test
    void aBrokerThatWasNeverStartedRefusesClientsAndClosesQuietly() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();

        assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("call start() first");
        assertThatThrownBy(kafka::stop).isInstanceOf(IllegalStateException.class);
        kafka.close();
        assertThat(kafka).hasToString("EmbeddedKafka[closed]");
    }
}
