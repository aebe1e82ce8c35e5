package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every mode × {parquet, avro} × partitioned/unpartitioned through the {@code minio} sink into S3Proxy; the objects
 * are downloaded under their keys and read back by DuckDB or Avro's reader (DuckDB's S3 support is an extension it
 * would download).
 */
class MinioLakehouseIT {
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();

    private static MinioClient reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void reader() {
        EmbeddedS3 s3 = S3.server();
        reader = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    @AfterAll
    static void closeReader() throws Exception {
        reader.close();
    }

    /** Downloads every object under {@code prefix} of {@code bucket} into {@link #dir}, keeping their keys. */
    private Path download(String bucket, String prefix) throws Exception {
        Path root = dir.resolve(bucket);
        for (Result<Item> result : reader.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).build())) {
            String key = result.get().objectName();
            Path target = root.resolve(key);
            Files.createDirectories(target.getParent());
            try (InputStream in = reader.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                Files.copy(in, target);
            }
        }
        return root;
    }

    @ParameterizedTest(name = "{0} {1} partitioned={2}")
    @CsvSource({
        "single, parquet, false", "single, parquet, true", "single, avro, false", "single, avro, true",
        "grouped, parquet, false", "grouped, parquet, true", "grouped, avro, false", "grouped, avro, true",
        "chunked, parquet, false", "chunked, parquet, true", "chunked, avro, false", "chunked, avro, true"})
    void everyModeAndFormatReadsBackExactly(String mode, String format, boolean partitioned) throws Exception {
        long records = mode.equals("single") ? 30 : 200;
        EmbeddedS3 s3 = S3.server();
        String prefix = "lake/" + mode + "-" + format + "-" + partitioned;
        Map<String, String> config = new HashMap<>(Map.of("endpoint", s3.endpoint(), "access_key", s3.accessKey(),
                "secret_key", s3.secretKey(), "sync_type", mode, "format_type", format, "max_chunk_size", "4KB",
                "max_open_partitions", "3", "prefix", prefix));
        if (format.equals("parquet")) {
            config.put("row_group_size", "64KiB");
        }
        if (partitioned) {
            config.put("partition_by", FileSinkLakehouseTest.PARTITION_BY);
        }
        EmulationReport report = FileSinkLakehouseTest.run("minio", config, records, false);

        FileSinkLakehouseTest.assertDelivered(report, records);
        Path root = download("orders", prefix + "/");
        List<Readers.Row> rows = format.equals("parquet") ? Readers.parquet(root, partitioned) : Readers.avro(root);
        FileSinkLakehouseTest.assertRows(rows, records, partitioned);
        String base = prefix + "/order/" + (partitioned ? "dt=2026-11-30/hour=00/" : "") + report.id() + "/";
        assertThat(Readers.files(root, format)).anySatisfy(f -> assertThat(root.relativize(f).toString()
                .replace('\\', '/')).startsWith(base));
    }
}
