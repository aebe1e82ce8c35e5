package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(
            EmbeddedKafka.builder().brokerProperty("auto.create.topics.enable", "false"));

    @Test
    @Order(1)
    void producedRecordsCanBeConsumedBackWithAConsumerGroup() throws Exception {
        String topic = "round-trip";
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }

        List<String> values = consumeAll(topic, 100);

        assertThat(values).hasSize(100).contains("v0", "v99");
    }

    @Test
    @Order(2)
    void brokerSettingsAreApplied() throws Exception {
        try (Admin admin = KAFKA.kafka().createAdmin()) {
            String broker = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().idString();
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.BROKER, broker);
            var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);

            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
            assertThat(config.get("group.initial.rebalance.delay.ms").value()).isEqualTo("0");
        }
    }

    @Test
    @Order(3)
    void aStoppedBrokerIsUnreachableAndComesBackOnTheSamePortWithItsData() throws Exception {
        EmbeddedKafka kafka = KAFKA.kafka();
        String topic = "kept-across-restart";
        try (Admin admin = kafka.createAdmin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
        String servers = kafka.bootstrapServers();
        Map<String, Object> quick = kafka.clientProperties();
        quick.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        quick.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);

        kafka.stop();
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        try (Admin admin = Admin.create(quick)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }

        kafka.restart();
        kafka.restart();

        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(servers);
        try (Admin admin = kafka.createAdmin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains(topic);
        }
        assertThat(consumeAll(topic, 100)).hasSize(100);
    }

    @Test
    @Order(4)
    void startIsIdempotentWhileRunning() {
        EmbeddedKafka kafka = KAFKA.kafka();
        String servers = kafka.bootstrapServers();

        assertThat(kafka.start()).isSameAs(kafka);
        assertThat(kafka.bootstrapServers()).isEqualTo(servers);
        assertThat(kafka.isStarted()).isTrue();
        assertThat(kafka.toString()).contains(servers);
    }

    @Test
    void aClosedBrokerCannotBeRestartedAndCloseIsIdempotent() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().startupTimeout(Duration.ofSeconds(60)).build();
        assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("not started");

        kafka.start();
        assertThat(kafka.bootstrapServers()).startsWith("localhost:");
        kafka.close();
        kafka.close();

        assertThat(kafka.isStarted()).isFalse();
        assertThatThrownBy(kafka::start).hasMessageContaining("closed");
        assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("closed");
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheEnclosingClassBroker(EmbeddedKafka kafka) {
            assertThat(kafka).isSameAs(KAFKA.kafka());
            assertThat(kafka.isStarted()).isTrue();
        }
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> props = KAFKA.kafka().clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    static List<String> consumeAll(String topic, int expected) {
        Map<String, Object> props = KAFKA.kafka().clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
