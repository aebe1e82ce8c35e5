package dev.dataemulator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import io.minio.DownloadObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink with an {@code s3://} warehouse on the testkit's real S3 server (S3Proxy, path-style requests): the
 * table's metadata and data files are objects in the bucket, the catalog a local SQLite file; read back through a
 * catalog of its own over the same FileIO, and the data files' rows through DuckDB.
 */
class IcebergS3IT {
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);
    private static final int RECORDS = 3_000;

    @TempDir
    Path local;

    private Map<String, String> config(EmbeddedS3 s3) {
        Map<String, String> config = new HashMap<>();
        config.put("warehouse", "s3://lake/warehouse");
        config.put("catalog_uri", "jdbc:sqlite:" + local.resolve("catalog.db"));
        config.put("endpoint", s3.endpoint());
        config.put("access_key", s3.accessKey());
        config.put("secret_key", s3.secretKey());
        config.put("region", "us-east-1");
        config.put("commit_interval", "1s");
        config.put("partition_by", "bucket(3, user_id)");
        return config;
    }

    @Test
    void aWarehouseOnS3HoldsTheTablesMetadataAndEveryDeliveredRecordOnce() throws Exception {
        EmbeddedS3 s3 = S3.server();
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("iceberg", config(s3)).threads(2).maxRecords(RECORDS).seed(7).clock(CLOCK).id("s3-run")
                .build();
        EmulationReport report = EmulationRunner.run(spec);
        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(RECORDS);

        JdbcCatalog catalog = new JdbcCatalog();
        Map<String, String> properties = new HashMap<>(Map.of(CatalogProperties.URI, "jdbc:sqlite:"
                + local.resolve("catalog.db"), CatalogProperties.WAREHOUSE_LOCATION, "s3://lake/warehouse",
                "jdbc.schema-version", "V1", CatalogProperties.FILE_IO_IMPL,
                "dev.dataemulator.iceberg.internal.MinioFileIO", "s3.endpoint", s3.endpoint(),
                "s3.access-key-id", s3.accessKey(), "s3.secret-access-key", s3.secretKey()));
        catalog.initialize("emulator", properties);
        Table table = catalog.loadTable(TableIdentifier.of("emulator", "transactions"));
        assertThat(table.location()).isEqualTo("s3://lake/warehouse/emulator/transactions");
        long added = 0;
        for (Snapshot snapshot : table.snapshots()) {
            assertThat(snapshot.summary()).containsEntry("emulator.emulation-id", "s3-run");
            added += Long.parseLong(snapshot.summary().get("added-records"));
        }
        assertThat(added).isEqualTo(RECORDS);

        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        }
        assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(RECORDS);

        // the bucket holds exactly the data files the table lists (no spool left behind, nothing else under data/)
        MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).build();
        Set<String> objects = new HashSet<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket("lake")
                .prefix("warehouse/emulator/transactions/").recursive(true).build())) {
            objects.add("s3://lake/" + item.get().objectName());
        }
        Set<String> dataObjects = objects.stream().filter(o -> o.contains("/data/")).collect(Collectors.toSet());
        assertThat(dataObjects).isEqualTo(files.stream().map(DataFile::location).collect(Collectors.toSet()));
        assertThat(objects).anyMatch(o -> o.contains("/metadata/") && o.endsWith(".metadata.json"));

        // their rows are the records of the same seed, each file inside the partition its metadata records
        Set<String> expectedIds = Fixtures.like(spec, report.id(), 7).records(RECORDS).stream()
                .map(r -> String.valueOf(r.dataAsMap().get("transaction_id"))).collect(Collectors.toSet());
        Set<String> ids = new HashSet<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement()) {
            int n = 0;
            for (DataFile file : files) {
                Path copy = local.resolve("file-" + n++ + ".parquet");
                client.downloadObject(DownloadObjectArgs.builder().bucket("lake")
                        .object(file.location().substring("s3://lake/".length())).filename(copy.toString()).build());
                try (ResultSet rows = statement.executeQuery("SELECT CAST(transaction_id AS VARCHAR), user_id "
                        + "FROM read_parquet('" + copy + "')")) {
                    while (rows.next()) {
                        assertThat(ids.add(rows.getString(1))).as("a record twice").isTrue();
                        // bucket(3, long) as Iceberg's spec defines it: Murmur3 x86 32 of the 8 little-endian bytes
                        int bucket = (Hashing.murmur3_32_fixed().hashLong(rows.getLong(2)).asInt()
                                & Integer.MAX_VALUE) % 3;
                        assertThat(bucket).isEqualTo(file.partition().get(0, Integer.class));
                    }
                }
            }
        }
        assertThat(ids).isEqualTo(expectedIds);
    }
}
