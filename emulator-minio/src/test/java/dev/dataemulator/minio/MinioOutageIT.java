package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.SinkException;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 server process is killed (SIGKILL) in the middle of a chunked run. Restarted on the same data within
 * seconds, the run rides through it: COMPLETED, nothing failed, every record in the bucket exactly once. Gone for
 * good, the run ends FAILED within {@code retry_timeout} plus {@code close_timeout}, every generated record counted
 * delivered or failed, and the bucket holds only whole objects, no record twice.
 */
class MinioOutageIT {
    private static final Pattern LINE = Pattern.compile("^\\{\"emulation_id\":\"([^\"]+)\",\"timestamp\":\\d+,"
            + "\"data\":\\{\"parcel_id\":\"p-(\\d+)\",\"seq\":(\\d+),.*}}$");
    private static final String BUCKET = "outage";
    /** The sink's object names; group 2: the suffix of a temporary file the killed server left (see readBucket). */
    private static final Pattern SINK_KEY = Pattern.compile(
            "^parcel/([^/]+)/part-\\d{6}\\.jsonl(-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$");

    @TempDir
    Path directory;

    private static Map<String, String> sinkConfig(S3ServerProcess s3, String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("endpoint", s3.endpoint(), "access_key", s3.accessKey(),
                "secret_key", s3.secretKey(), "max_chunk_size", "4KiB", "connect_timeout", "1s",
                "request_timeout", "5s"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return config;
    }

    private static Emulation start(Map<String, String> sink, EmulationSpec.Builder limits) {
        return EmulationRunner.start(limits
                .registry(DomainRegistry.of(new ParcelDomain()))
                .domain(ParcelDomain.NAME)
                .resource(BUCKET)
                .sink("minio", sink)
                .threads(4)
                .ratePerSecond(3_000)
                .build());
    }

    @Test
    void aServerKilledAndRestartedOnTheSameDataIsRiddenThrough() throws Exception {
        long records = 15_000;
        try (S3ServerProcess s3 = S3ServerProcess.start(directory)) {
            Emulation emulation = start(sinkConfig(s3, "retry_timeout", "2m"),
                    EmulationSpec.builder().maxRecords(records));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > 1_000);
                s3.kill();
                long deliveredAtKill = emulation.stats().delivered();

                // memory stays bounded: once every upload slot is taken, the workers block instead of buffering on
                awaitGenerationStalls(emulation);
                assertThat(emulation.status()).isEqualTo(EmulationStatus.RUNNING);
                assertThat(emulation.stats().generated()).isLessThan(records);
                s3.restart();

                EmulationReport report = emulation.awaitCompletion(Duration.ofMinutes(2));
                assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
                assertThat(report.stats().failed()).isZero();
                assertThat(report.stats().delivered()).isEqualTo(records).isGreaterThan(deliveredAtKill);

                Set<Long> seqs = readBucket(s3, report);
                assertThat(seqs).hasSize((int) records);
            } finally {
                emulation.close();
            }
        }
    }

    @Test
    void aServerGoneForGoodEndsTheRunFailedWithinRetryAndCloseTimeouts() throws Exception {
        try (S3ServerProcess s3 = S3ServerProcess.start(directory)) {
            Emulation emulation = start(sinkConfig(s3, "retry_timeout", "5s", "close_timeout", "5s"),
                    EmulationSpec.builder().duration(Duration.ofMinutes(5)));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> emulation.stats().delivered() > 500);
                s3.kill();

                // the ceiling: retry_timeout + close_timeout, plus one attempt and generous slack for a busy machine
                EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(5 + 5 + 30));

                assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.FAILED);
                assertThat(report.failure()).get().isInstanceOf(SinkException.class)
                        .satisfies(e -> assertThat(e.getMessage())
                                .contains("to " + s3.endpoint() + " failed after")
                                .contains("(retry_timeout 5 s): cannot reach the S3 endpoint"));
                assertThat(report.stats().failed()).isPositive();
                assertThat(report.stats().generated())
                        .isEqualTo(report.stats().delivered() + report.stats().failed());

                s3.restart();
                Set<Long> seqs = readBucket(s3, report);
                // every delivered record is in an object; a record in an object yet counted failed is possible only
                // for an upload the server stored just before it was killed, so the objects hold at most generated
                assertThat((long) seqs.size()).isBetween(report.stats().delivered(), report.stats().generated());
                assertThat(seqs).allSatisfy(seq -> assertThat(seq).isBetween(0L, report.stats().generated() - 1));
            } finally {
                emulation.close();
            }
        }
    }

    /** Waits until the record count stops growing for a while: every worker is blocked on the upload slots. */
    private static void awaitGenerationStalls(Emulation emulation) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).during(Duration.ofSeconds(1))
                .until(() -> {
                    long generated = emulation.stats().generated();
                    return last.getAndSet(generated) == generated;
                });
    }

    /** @return the sequence numbers in the bucket, after checking each object is whole and each record there once */
    private static Set<Long> readBucket(S3ServerProcess s3, EmulationReport report) throws Exception {
        Set<Long> seqs = new HashSet<>();
        try (MinioClient reader = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).build()) {
            for (Result<Item> item : reader.listObjects(ListObjectsArgs.builder().bucket(BUCKET).recursive(true)
                    .build())) {
                String key = item.get().objectName();
                Matcher name = SINK_KEY.matcher(key);
                assertThat(name.matches()).as("object %s is named by the sink, or is a leftover of the server", key)
                        .isTrue();
                assertThat(name.group(1)).isEqualTo(report.id());
                if (name.group(2) != null) {
                    // S3Proxy writes an object to '<key>-<uuid>' and renames it: a server killed between the two
                    // leaves that file behind, and lists it. It is the server's, not an object the sink wrote
                    continue;
                }
                String body;
                try (InputStream in = reader.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key)
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
        return seqs;
    }
}
