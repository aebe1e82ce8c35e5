package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.testkit.EmbeddedKafka;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code exactly_once} and {@code resume} where they cannot work: a broker whose transaction state topic cannot be
 * created (it asks for more replicas than there are brokers) refuses every transaction, and a sink wrapping the
 * application's producer keeps no checkpoints of its own.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaTransactionsRefusedIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(EmbeddedKafka.builder()
            .brokerProperty("transaction.state.log.replication.factor", "3"));

    @Test
    void aBrokerThatRefusesTransactionsFailsTheEmulationInSetUpNamingTheSetting() {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .resource("refused-transactions")
                .sink("kafka", Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "exactly_once", "true",
                        "max.block.ms", "2000"))
                .maxRecords(100).id("refused").resume(true).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.stats().generated()).isZero();
        assertThat(report.failure()).get().isInstanceOf(SinkException.class).extracting(Throwable::getMessage)
                .asString().contains("did not start the transactions of lane 0 of emulation 'refused'",
                        "(setting 'exactly_once')", "does the broker allow transactions");
    }

    @Test
    void aWrappedProducerCannotResume() {
        Map<String, Object> props = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer()); Admin admin = KAFKA.kafka().createAdmin()) {
            EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("wrapped")
                    .sink(KafkaSyncProducer.wrap(producer, admin)).maxRecords(10).id("wrapped").resume(true).build();

            assertThatThrownBy(() -> EmulationRunner.start(spec)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'resume' = 'true': the sink " + KafkaSyncProducer.class.getName()
                            + " keeps no durable progress");
        }
    }
}
