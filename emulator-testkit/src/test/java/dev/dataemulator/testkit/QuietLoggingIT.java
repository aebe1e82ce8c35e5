package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a user's test prints when it depends on the testkit and configures no logging: S3Proxy brings Logback, which
 * would log everything at DEBUG. Run in a separate JVM whose class path is a user's: Logback as the only binding.
 */
class QuietLoggingIT {

    /** A user's test body: both servers, a thousand records, a hundred S3 requests. */
    public static void main(String[] args) throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.builder().start(); EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 100; i++) {
                http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/bucket-" + i)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            Properties props = new Properties();
            props.putAll(kafka.clientProperties());
            props.put("key.serializer", StringSerializer.class.getName());
            props.put("value.serializer", StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                for (int i = 0; i < 1_000; i++) {
                    producer.send(new ProducerRecord<>("quiet", "k" + i, "v" + i));
                }
                producer.flush();
            }
        }
        System.out.println("done");
    }

    @Test
    void aTestWithoutLoggingConfigurationPrintsAFewLinesNotThousands() throws Exception {
        String userClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String classPath = Arrays.stream(userClassPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, QuietLoggingIT.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = output.lines().toList();
        assertThat(lines).as(output).contains("done").noneMatch(line -> line.contains(" DEBUG "))
                .noneMatch(line -> line.contains(" INFO "));
        // the test kit's storage formatter prints its two lines per broker start; nothing else is expected
        assertThat(lines).as(output).hasSizeLessThan(20);
    }
}
