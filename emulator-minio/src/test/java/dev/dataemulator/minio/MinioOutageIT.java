package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.testkit.EmbeddedS3;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server goes away for good in the middle of a run: the emulation ends FAILED within a bound set by the
 * retry settings, every generated record is counted delivered or failed, and what the server holds afterwards is only
 * whole objects whose records were counted delivered or failed, none twice (filesystem backend, so the files on disk
 * can be compared with the objects listed).
 */
class MinioOutageIT {
    private static final Pattern LINE = Pattern.compile("^\\{\"emulation_id\":\"([^\"]+)\",\"timestamp\":\\d+,"
            + "\"data\":\\{\"parcel_id\":\"p-(\\d+)\",\"seq\":(\\d+),.*}}$");

    @TempDir
    Path directory;

    @Test
    void aServerGoneForGoodEndsTheRunFailedInBoundedTimeWithCountsThatAddUp() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.builder().filesystemBackend(directory).start()) {
            Emulation emulation = EmulationRunner.start(EmulationSpec.builder()
                    .registry(DomainRegistry.of(new ParcelDomain()))
                    .domain(ParcelDomain.NAME)
                    .resource("outage")
                    .sink("minio", Map.of("endpoint", s3.endpoint(), "access_key", s3.accessKey(),
                            "secret_key", s3.secretKey(), "max_chunk_size", "4KiB", "retries", "2",
                            "retry_backoff", "100ms", "connect_timeout", "1s", "request_timeout", "2s"))
                    .threads(4)
                    .ratePerSecond(3_000)
                    .duration(Duration.ofMinutes(2))
                    .build());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> emulation.stats().delivered() > 500);
                s3.stop();
                long stopped = System.nanoTime();

                // bound: retries x backoff (at most 100 + 200 ms) plus a refused connection per attempt
                EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(20));
                Duration ending = Duration.ofNanos(System.nanoTime() - stopped);

                assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.FAILED);
                assertThat(ending).isLessThan(Duration.ofSeconds(10));
                assertThat(report.failure()).get().isInstanceOf(SinkException.class)
                        .satisfies(e -> assertThat(e.getMessage())
                                .contains("to " + s3.endpoint() + " failed after 3 attempt(s): cannot reach the S3 "
                                        + "endpoint"));
                assertThat(report.stats().failed()).isPositive();
                assertThat(report.stats().generated())
                        .isEqualTo(report.stats().delivered() + report.stats().failed());

                s3.restart();
                assertObjectsAreWholeAndUnique(s3, report);
            } finally {
                emulation.close();
            }
        }
    }

    private void assertObjectsAreWholeAndUnique(EmbeddedS3 s3, EmulationReport report) throws Exception {
        Set<String> listed = new TreeSet<>();
        Set<Long> seqs = new HashSet<>();
        try (MinioClient reader = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).build()) {
            for (Result<Item> item : reader.listObjects(ListObjectsArgs.builder().bucket("outage").recursive(true)
                    .build())) {
                String key = item.get().objectName();
                listed.add(key);
                String body;
                try (InputStream in = reader.getObject(GetObjectArgs.builder().bucket("outage").object(key)
                        .build())) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertThat(body).as("object %s is whole", key).endsWith("\n");
                for (String line : body.split("\n")) {
                    Matcher m = LINE.matcher(line);
                    assertThat(m.matches()).as("a whole record in %s", key).isTrue();
                    assertThat(m.group(1)).isEqualTo(report.id());
                    assertThat(seqs.add(Long.parseLong(m.group(3)))).as("seq %s once", m.group(3)).isTrue();
                }
            }
        }
        // every delivered record is in an object; a record in an object but counted failed is possible only for
        // an upload the server completed while the connection to it broke, so the objects hold at most generated
        assertThat((long) seqs.size()).isBetween(report.stats().delivered(), report.stats().generated());
        assertThat(seqs).allSatisfy(seq -> assertThat(seq).isBetween(0L, report.stats().generated() - 1));
        Path bucket = directory.resolve("outage");
        try (Stream<Path> files = Files.walk(bucket)) {
            Set<String> onDisk = files.filter(Files::isRegularFile)
                    .map(path -> bucket.relativize(path).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(onDisk).as("no stray or partial file beside the objects").isEqualTo(listed);
        }
    }
}
