package dev.dataemulator.examples;

import static dev.dataemulator.examples.EmulatorCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.examples.EmulatorCliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema drift of the bundled {@code user-profile} domain through the command line: {@code schema --at} prints each
 * version, and DuckDB reads the Parquet files written before and after the drift with exactly the columns of their
 * version, the same records at 1 and 8 threads.
 */
class DriftCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "2026-01-15T00:00:00Z";
    private static final String[] DRIFT = {"--fault", "drift.at=" + AT, "--fault", "drift.drop=phone", "--fault",
        "drift.rename.credit_score=score", "--fault", "drift.add.channel={one_of: [web, app]}"};
    private static final List<String> OLD = List.of("user_id", "name", "email", "phone", "date_of_birth", "address",
            "country", "signup_date", "credit_score", "risk_level");
    private static final List<String> NEW = List.of("user_id", "name", "email", "date_of_birth", "address",
            "country", "signup_date", "score", "risk_level", "channel");

    @TempDir
    Path dir;

    private static String[] args(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(DRIFT));
        return all.toArray(new String[0]);
    }

    private static List<String> names(JsonNode fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(field -> names.add(field.isTextual() ? field.asText() : field.get("name").asText()));
        return names;
    }

    private static List<String> propertyNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void schemaAtPrintsTheVersionInForceAtThatInstantInEveryFormat() throws Exception {
        Result before = cli(args("schema", "--domain", "user-profile", "--no-envelope", "--at",
                "2026-01-14T23:59:59Z"));
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(names(JSON.readTree(before.out()).get("fields"))).containsExactlyElementsOf(OLD);
        Result after = cli(args("schema", "--domain", "user-profile", "--no-envelope", "--at", AT));
        assertThat(after.exitCode()).as(after.err()).isZero();
        List<String> afterFields = names(JSON.readTree(after.out()).get("fields"));
        assertThat(afterFields).containsExactlyElementsOf(NEW);
        JsonNode channel = JSON.readTree(after.out()).get("fields").get(afterFields.size() - 1);
        assertThat(channel.get("type").asText()).isEqualTo("string");

        Result jsonSchema = cli(args("schema", "--domain", "user-profile", "--format", "json-schema", "--no-envelope",
                "--at", "2026-02-01T00:00:00Z"));
        assertThat(jsonSchema.exitCode()).as(jsonSchema.err()).isZero();
        JsonNode document = JSON.readTree(jsonSchema.out());
        assertThat(propertyNames(document.get("properties"))).containsExactlyElementsOf(NEW);
        assertThat(names(document.get("required"))).contains("channel", "score");

        Result bad = cli(args("schema", "--domain", "user-profile", "--at", AT, "--fault", "drift.rename.phon=mobile"));
        assertThat(bad.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(bad.err()).contains("faults.drift.rename.phon", "did you mean 'phone'?");
    }

    /** A Parquet file as DuckDB reads it: its rows' event seconds and data (as JSON, columns in file order). */
    private record ParquetFile(List<Long> seconds, List<String> rows) {
    }

    private List<ParquetFile> read(Path root) throws SQLException, java.io.IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
        }
        List<ParquetFile> read = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            for (Path file : files) {
                String from = "read_parquet('" + file.toString().replace("'", "''") + "')";
                List<Long> seconds = new ArrayList<>();
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("SELECT \"timestamp\", to_json(data) FROM " + from)) {
                    while (rs.next()) {
                        seconds.add(rs.getLong(1));
                        rows.add(rs.getString(2));
                    }
                }
                read.add(new ParquetFile(seconds, rows));
            }
        }
        return read;
    }

    private List<String> runAndRead(int threads, Path out) throws Exception {
        Result run = cli(args("run", "--domain", "user-profile", "--sink", "file", "-c", "path=" + out, "--format",
                "parquet", "--mode", "chunked", "--chunk-size", "64KiB", "--threads", Integer.toString(threads),
                "--seed", "5", "--backfill", "2026-01-01T00:00:00Z..2026-02-01T00:00:00Z", "--rate", "0.002",
                "--duration", "5m"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        long at = Instant.parse(AT).getEpochSecond();
        List<String> rows = new ArrayList<>();
        int oldFiles = 0;
        int newFiles = 0;
        for (ParquetFile file : read(out)) {
            assertThat(file.rows()).isNotEmpty();
            boolean drifted = file.seconds().get(0) >= at;
            for (int i = 0; i < file.rows().size(); i++) {
                // one version per file: every record of the file on the same side of the drift
                assertThat(file.seconds().get(i) >= at).isEqualTo(drifted);
                List<String> keys = propertyNames(JSON.readTree(file.rows().get(i)));
                assertThat(keys).containsExactlyElementsOf(drifted ? NEW : OLD);
            }
            oldFiles += drifted ? 0 : 1;
            newFiles += drifted ? 1 : 0;
            rows.addAll(file.rows());
        }
        assertThat(oldFiles).isPositive();
        assertThat(newFiles).isPositive();
        Collections.sort(rows);
        return rows;
    }

    @Test
    void duckDbReadsTheParquetFilesBeforeAndAfterTheDriftWithTheColumnsOfTheirVersionAtOneAndEightThreads()
            throws Exception {
        List<String> one = runAndRead(1, dir.resolve("one"));
        List<String> eight = runAndRead(8, dir.resolve("eight"));
        assertThat(one).hasSizeGreaterThan(4000);
        assertThat(eight).containsExactlyElementsOf(one);
        assertThat(one).anySatisfy(row -> assertThat(row).contains("\"channel\":\"web\""))
                .anySatisfy(row -> assertThat(row).contains("\"channel\":\"app\""));
    }

    @Test
    void everyAvroObjectContainerFileHoldsOneVersionWithItsWriterSchema() throws Exception {
        Result run = cli(args("run", "--domain", "user-profile", "--sink", "file", "-c", "path=" + dir, "--format",
                "avro", "--mode", "chunked", "--chunk-size", "32KiB", "--threads", "4", "--seed", "5", "--no-envelope",
                "--backfill", "2026-01-01T00:00:00Z..2026-02-01T00:00:00Z", "--rate", "0.0005", "--duration", "5m"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(file -> file.toString().endsWith(".avro")).toList();
        }
        java.util.Map<List<String>, Integer> versions = new java.util.HashMap<>();
        long records = 0;
        for (Path file : files) {
            try (org.apache.avro.file.DataFileReader<org.apache.avro.generic.GenericRecord> reader =
                    new org.apache.avro.file.DataFileReader<>(file.toFile(),
                            new org.apache.avro.generic.GenericDatumReader<>())) {
                List<String> fields = reader.getSchema().getFields().stream().map(org.apache.avro.Schema.Field::name)
                        .toList();
                assertThat(fields).as("%s", file).isIn(OLD, NEW);
                versions.merge(fields, 1, Integer::sum);
                for (org.apache.avro.generic.GenericRecord record : reader) {
                    assertThat(record.getSchema().getFields()).hasSize(fields.size());
                    records++;
                }
            }
        }
        assertThat(versions).containsOnlyKeys(OLD, NEW);
        assertThat(records).isGreaterThan(1000);
    }
}
