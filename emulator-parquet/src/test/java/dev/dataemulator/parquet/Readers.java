package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** Independent readers of what the sinks wrote: DuckDB for Parquet, Avro's own DataFileReader for Avro. */
final class Readers {
    private static final Pattern HIVE = Pattern.compile("dt=([^/]+)/hour=([^/]+)/");

    private Readers() {
    }

    /** One record as read back: its seq, its key and the partition values of its file path (null when none). */
    record Row(long seq, String id, String dt, String hour) {
    }

    /** @return the files below {@code dir} with the extension, sorted */
    static List<Path> files(Path dir, String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith("." + extension)).sorted()
                    .toList();
        }
    }

    /** Asserts that no temporary file is left behind. */
    static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }

    private static String glob(Path dir, String extension) {
        return dir.toString().replace("'", "''") + "/**/*." + extension;
    }

    /** Reads every Parquet file below {@code dir} with DuckDB (Hive partitioning on when {@code partitioned}). */
    static List<Row> parquet(Path dir, boolean partitioned) throws SQLException {
        String from = "read_parquet('" + glob(dir, "parquet") + "'"
                + (partitioned ? ", hive_partitioning = true, hive_types_autocast = false" : "") + ")";
        List<Row> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq, order_id"
                        + (partitioned ? ", dt, hour" : "") + " FROM " + from)) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), partitioned ? rs.getString(3) : null,
                        partitioned ? rs.getString(4) : null));
            }
        }
        return rows;
    }

    /** @return DuckDB's column types of the Parquet files below {@code dir}, by column */
    static Map<String, String> parquetTypes(Path dir) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + glob(dir, "parquet")
                        + "')")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    /** @return the physical types of the leaf columns of the Parquet files below {@code dir}, by column name */
    static Map<String, String> parquetPhysicalTypes(Path dir) throws SQLException {
        return pairs("SELECT DISTINCT name, type FROM parquet_schema('" + glob(dir, "parquet")
                + "') WHERE type IS NOT NULL");
    }

    /** @return the encodings of each column chunk of the Parquet files below {@code dir}, by dotted column path */
    static Map<String, String> parquetEncodings(Path dir) throws SQLException {
        Map<String, String> encodings = new LinkedHashMap<>();
        pairs("SELECT path_in_schema, encodings FROM parquet_metadata('" + glob(dir, "parquet") + "')")
                .forEach((path, value) -> encodings.merge(path.replace(", ", "."), value, (a, b) -> a + "," + b));
        return encodings;
    }

    /** @return the first two columns of every row of a query, as keys and values (a repeated key: values joined) */
    private static Map<String, String> pairs(String query) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                pairs.merge(rs.getString(1), rs.getString(2), (a, b) -> a + "," + b);
            }
        }
        return pairs;
    }

    /** Runs one query returning one row of values, over the Parquet files below {@code dir} as table {@code t}. */
    static List<Object> query(Path dir, String select) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("CREATE VIEW t AS SELECT * FROM read_parquet('" + glob(dir, "parquet") + "')");
            try (ResultSet rs = st.executeQuery(select)) {
                List<Object> values = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        values.add(rs.getObject(i));
                    }
                }
                return values;
            }
        }
    }

    /** Reads every Avro file below {@code dir} with Avro's DataFileReader. */
    static List<Row> avro(Path dir) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Path file : files(dir, "avro")) {
            String path = dir.relativize(file).toString().replace('\\', '/');
            Matcher m = HIVE.matcher(path);
            String dt = m.find() ? m.group(1) : null;
            String hour = dt == null ? null : m.group(2);
            try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(),
                    new GenericDatumReader<>())) {
                for (GenericRecord record : reader) {
                    rows.add(new Row((Long) record.get("seq"), record.get("order_id").toString(), dt, hour));
                }
            }
        }
        return rows;
    }

    /** @return the embedded schema of one Avro file */
    static org.apache.avro.Schema avroSchema(Path file) throws IOException {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            return reader.getSchema();
        }
    }
}
