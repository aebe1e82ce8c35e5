package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.SinkException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The compacted checkpoint topic ({@code checkpoint_topic}, one partition) of resumable emulations. Keys, UTF-8:
 * {@code <topic>/<emulation id>/settings}, whose value is the settings the emulation first started with
 * ({@link dev.dataemulator.core.support.Checkpoints#settingsText}), and {@code <topic>/<emulation id>/lane/<lane>},
 * whose value is the position of the lane's last durable record in decimal. Compaction keeps each key's last value.
 * Read with {@code isolation.level=read_committed}, so a checkpoint written in an aborted transaction is never seen.
 */
public final class CheckpointStore {
    private final String topic;
    private final Map<String, Object> consumerProperties;
    private final Duration timeout;

    /**
     * @param topic the checkpoint topic
     * @param consumerProperties servers and security for a consumer
     * @param timeout how long reading it may take
     */
    public CheckpointStore(String topic, Map<String, Object> consumerProperties, Duration timeout) {
        this.topic = topic;
        this.consumerProperties = consumerProperties;
        this.timeout = timeout;
    }

    /** What the topic holds of one emulation in one topic. */
    public record Stored(String settings, Map<Integer, Long> lastPositions) {
    }

    /** The checkpoints of one lane. */
    public final class Lane {
        private final String key;

        private Lane(String key) {
            this.key = key;
        }

        /** @return the checkpoint saying the lane's records up to {@code position} are durable */
        public ProducerRecord<String, byte[]> record(long position) {
            return new ProducerRecord<>(topic, 0, key, Long.toString(position).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** @return the checkpoints of {@code lane} of emulation {@code id} writing to {@code resource} */
    public Lane lane(String resource, String id, int lane) {
        return new Lane(prefix(resource, id) + "lane/" + lane);
    }

    /** @return the record storing the settings emulation {@code id} writing to {@code resource} first started with */
    public ProducerRecord<String, byte[]> settings(String resource, String id, String settingsText) {
        return new ProducerRecord<>(topic, 0, prefix(resource, id) + "settings",
                settingsText.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the whole topic up to {@code end}, its end when the read starts. A read_committed consumer passes a
     * transaction only once it is committed or aborted, so this waits for transactions still open in the topic (a
     * running emulation's, committed within its {@code checkpoint_interval}; a killed one's, aborted when it resumes
     * or by the broker after {@code transaction.timeout.ms}): a checkpoint committed after one is never missed.
     *
     * @param end the topic's end offset (its high watermark) when the read starts
     * @return what it holds of emulation {@code id} writing to {@code resource}
     * @throws SinkException when it cannot be read within the timeout
     */
    public Stored read(String resource, String id, long end) {
        String prefix = prefix(resource, id);
        String lanePrefix = prefix + "lane/";
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1, timeout.toMillis())));
        String settings = null;
        Map<Integer, Long> positions = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            while (consumer.position(partition) < end) {
                if (System.nanoTime() - deadline > 0) {
                    throw new SinkException("Reading the checkpoints of emulation '" + id + "' from topic '" + topic
                            + "' did not reach offset " + end + " within " + timeout + " (setting 'setup_timeout'): "
                            + "a transaction in it is still open, most likely that of another emulation killed "
                            + "less than transaction.timeout.ms ago; try again when the broker has aborted it");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key();
                    if (key == null || record.value() == null || !key.startsWith(prefix)) {
                        continue;
                    }
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (key.equals(prefix + "settings")) {
                        settings = value;
                    } else if (key.startsWith(lanePrefix)) {
                        positions.put(Integer.parseInt(key.substring(lanePrefix.length())), Long.parseLong(value));
                    }
                }
            }
        } catch (KafkaException | NumberFormatException e) {
            throw new SinkException("Reading the checkpoints of emulation '" + id + "' from topic '" + topic
                    + "' failed: " + e, e);
        }
        return new Stored(settings, Map.copyOf(positions));
    }

    private static String prefix(String resource, String id) {
        return resource + "/" + id + "/";
    }
}
