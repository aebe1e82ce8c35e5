package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.support.ObjectSinkSettings;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sixteen workers, the smallest chunk size the sink accepts, chunked mode: thousands of tiny objects uploaded
 * concurrently, and every generated record lands in exactly one of them.
 */
class MinioStressIT {
    private static final int RECORDS = 6_000;
    private static final Pattern SEQ = Pattern.compile("^\\{\"emulation_id\":\"[^\"]+\",\"timestamp\":\\d+,"
            + "\"data\":\\{\"parcel_id\":\"p-(\\d+)\",\"seq\":(\\d+),");

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    @Test
    void sixteenWorkersAndMinimalChunksDeliverEveryRecordExactlyOnce() throws Exception {
        EmbeddedS3 s3 = S3.server();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.of(new ParcelDomain()))
                .domain(ParcelDomain.NAME)
                .resource("stress")
                .sink("minio", Map.of("endpoint", s3.endpoint(), "access_key", s3.accessKey(),
                        "secret_key", s3.secretKey(), "sync_type", "chunked", "format_type", "jsonl",
                        "max_chunk_size", String.valueOf(ObjectSinkSettings.MIN_CHUNK_SIZE), "upload_concurrency", "8"))
                .threads(16)
                .maxRecords(RECORDS)
                .build());

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(RECORDS);
        assertThat(report.stats().delivered()).isEqualTo(RECORDS);
        assertThat(report.stats().failed()).isZero();

        Map<Long, Integer> seen = new HashMap<>();
        List<String> objects = new ArrayList<>();
        try (MinioClient reader = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).build()) {
            for (Result<Item> item : reader.listObjects(ListObjectsArgs.builder().bucket("stress").recursive(true)
                    .build())) {
                String key = item.get().objectName();
                objects.add(key);
                String body;
                try (InputStream in = reader.getObject(GetObjectArgs.builder().bucket("stress").object(key)
                        .build())) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertThat(body).as(key).endsWith("\n");
                assertThat((long) body.length()).as(key).isLessThan(ObjectSinkSettings.MIN_CHUNK_SIZE + 1024);
                for (String line : body.split("\n")) {
                    Matcher m = SEQ.matcher(line);
                    assertThat(m.find()).as("a whole record in %s: %s", key, line).isTrue();
                    assertThat(m.group(1)).isEqualTo(m.group(2));
                    seen.merge(Long.parseLong(m.group(2)), 1, Integer::sum);
                }
            }
        }
        assertThat(objects).hasSizeGreaterThan(RECORDS / 10).doesNotHaveDuplicates();
        assertThat(seen.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as("copies of seq %d", e.getKey())
                .isEqualTo(1));
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.range(0, RECORDS).boxed().toList());
    }
}
