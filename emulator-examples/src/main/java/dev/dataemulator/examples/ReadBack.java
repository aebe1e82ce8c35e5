package dev.dataemulator.examples;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a few records back from where an emulation wrote them, to show they are really there. */
final class ReadBack {
    private ReadBack() {
    }

    /** @return up to {@code count} values from the start of {@code topic} */
    static List<String> kafka(String bootstrapServers, String topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (values.size() < count) {
                        values.add("key=" + record.key() + " " + record.value());
                    }
                }
            }
        }
        return values;
    }

    /** @return the name of the first object in {@code bucket} and its first {@code lines} lines */
    static List<String> s3(Map<String, String> config, String bucket, int lines) {
        MinioClient client = MinioClient.builder().endpoint(config.get("endpoint"))
                .credentials(config.get("access_key"), config.get("secret_key")).build();
        List<String> out = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                    .build())) {
                Item item = result.get();
                out.add("s3://" + bucket + "/" + item.objectName() + " (" + item.size() + " bytes)");
                try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket)
                        .object(item.objectName()).build());
                        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while (out.size() <= lines && (line = reader.readLine()) != null) {
                        out.add(line);
                    }
                }
                break;
            }
        } catch (Exception e) {
            out.add("(could not read back: " + e + ")");
        }
        return out;
    }
}
