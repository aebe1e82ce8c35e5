package dev.dataemulator.iceberg.internal;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.minio.MinioConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/**
 * The parsed settings of an {@code iceberg} sink. Immutable.
 *
 * @param catalog the catalog kind
 * @param catalogUri the JDBC URL or REST endpoint; for {@code jdbc} without one, a SQLite file next to the warehouse
 * @param warehouse the warehouse: a local directory (absolute) or an {@code s3://bucket/prefix} location
 * @param catalogName the name the catalog records tables under
 * @param namespace the table's namespace
 * @param table the table name, {@code null} for the resource's
 * @param partitionBy the partition transforms, in order
 * @param commitInterval how often buffered files are committed as a snapshot
 * @param targetFileSize the size at which a data file is closed
 * @param formatVersion the table format version of created tables
 * @param s3 the {@link MinioFileIO} properties of an {@code s3://} warehouse (endpoint, credentials, region),
 *     empty for a local one
 */
public record IcebergSettings(Catalog catalog, String catalogUri, String warehouse, String catalogName,
        String namespace, String table, List<Transform> partitionBy, Duration commitInterval, long targetFileSize,
        int formatVersion, Map<String, String> s3) {

    public static final String SINK = "iceberg";
    public static final String CATALOG = "catalog";
    public static final String CATALOG_URI = "catalog_uri";
    public static final String WAREHOUSE = "warehouse";
    public static final String CATALOG_NAME = "catalog_name";
    public static final String NAMESPACE = "namespace";
    public static final String TABLE = "table";
    public static final String PARTITION_BY = "partition_by";
    public static final String COMMIT_INTERVAL = "commit_interval";
    public static final String TARGET_FILE_SIZE = "target_file_size";
    public static final String FORMAT_VERSION = "format_version";
    /** Not a sink setting: the emulation's own {@code resume} setting drives a resume. */
    private static final String RESUME = "resume";
    /** The connection settings of an {@code s3://} warehouse: the {@code minio} sink's names. */
    public static final String ENDPOINT = "endpoint";
    public static final String ACCESS_KEY = "access_key";
    public static final String SECRET_KEY = "secret_key";
    public static final String REGION = "region";

    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(10);
    public static final long DEFAULT_TARGET_FILE_SIZE = 128L * 1024 * 1024;
    /** The SQLite file of the embedded catalog, in the warehouse directory. */
    public static final String CATALOG_FILE = "catalog.db";

    private static final List<String> KNOWN = Stream.concat(Stream.of(CATALOG, CATALOG_URI,
            WAREHOUSE, CATALOG_NAME, NAMESPACE, TABLE, PARTITION_BY, COMMIT_INTERVAL, TARGET_FILE_SIZE,
            FORMAT_VERSION), MinioConnection.keys().stream()).toList();
    private static final Pattern S3_WAREHOUSE = Pattern.compile("s3://([^/]+)(/.*)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TRANSFORM = Pattern.compile(
            "\\s*(?:(identity|year|month|day|hour|void)\\(\\s*(\\w+)\\s*\\)"
                    + "|(bucket|truncate)\\(\\s*(\\d{1,9})\\s*,\\s*(\\w+)\\s*\\)|(\\w+))\\s*");

    /** The catalog kinds. */
    public enum Catalog {
        /** A JDBC database (the default: a SQLite file next to the warehouse). */
        JDBC,
        /** An Iceberg REST catalog. */
        REST
    }

    /**
     * One partition transform, as Iceberg's syntax writes it.
     *
     * @param function identity, year, month, day, hour, bucket, truncate or void
     * @param width the bucket count or truncation width, 0 for the others
     * @param column the source column
     */
    public record Transform(String function, int width, String column) {
        void addTo(PartitionSpec.Builder spec) {
            switch (function) {
                case "identity" -> spec.identity(column);
                case "year" -> spec.year(column);
                case "month" -> spec.month(column);
                case "day" -> spec.day(column);
                case "hour" -> spec.hour(column);
                case "bucket" -> spec.bucket(column, width);
                case "truncate" -> spec.truncate(column, width);
                default -> spec.alwaysNull(column);
            }
        }

        @Override
        public String toString() {
            return width > 0 ? function + "(" + width + ", " + column + ")" : function + "(" + column + ")";
        }
    }

    /**
     * @throws InvalidSettingException naming every bad setting
     */
    public static IcebergSettings parse(Map<String, String> config) {
        SinkConfig cfg = new SinkConfig(SINK, config, List.of(SECRET_KEY));
        Catalog catalog = cfg.choice(CATALOG, Catalog.class, Catalog.JDBC);
        String catalogUri = cfg.optional(CATALOG_URI);
        String warehouse = cfg.optional(WAREHOUSE);
        if (catalog == Catalog.REST && catalogUri == null) {
            cfg.violation(CATALOG_URI, null, "is required for catalog 'rest': the REST catalog's URL, e.g. "
                    + "http://localhost:8181");
        }
        if (catalog == Catalog.JDBC && catalogUri != null && !catalogUri.startsWith("jdbc:")) {
            cfg.violation(CATALOG_URI, catalogUri, "expected a JDBC URL for catalog 'jdbc', e.g. "
                    + "jdbc:sqlite:/data/catalog.db or jdbc:postgresql://localhost:5432/iceberg");
        }
        if (warehouse == null && catalog == Catalog.JDBC) {
            cfg.violation(WAREHOUSE, null, "is required: the directory tables are written under, e.g. "
                    + "/data/warehouse");
        } else if (warehouse != null && warehouse.startsWith("s3://")) {
            warehouse = s3Warehouse(cfg, warehouse, catalog, catalogUri);
        } else if (warehouse != null && warehouse.contains("://") && !warehouse.startsWith("file://")) {
            cfg.violation(WAREHOUSE, warehouse, "expected a local directory (/data/warehouse or file:///data/"
                    + "warehouse) or s3://bucket/prefix");
            warehouse = null;
        } else if (warehouse != null) {
            warehouse = Path.of(LocalFileIO.path(warehouse)).toAbsolutePath().normalize().toString();
        }
        boolean onS3 = config.getOrDefault(WAREHOUSE, "").startsWith("s3://");
        Map<String, String> s3 = onS3 ? s3Properties(config) : Map.of();
        if (!onS3) {
            for (String key : MinioConnection.keys()) {
                if (config.containsKey(key)) {
                    cfg.violation(key, cfg.display(key, cfg.optional(key)), "is a setting of an s3:// warehouse; "
                            + "warehouse '" + config.get(WAREHOUSE) + "' is not one");
                }
            }
        }
        if (catalog == Catalog.JDBC && catalogUri == null && warehouse != null && s3.isEmpty()) {
            catalogUri = "jdbc:sqlite:" + Path.of(warehouse, CATALOG_FILE);
        }
        String catalogName = name(cfg, CATALOG_NAME, "emulator");
        String namespace = name(cfg, NAMESPACE, "emulator");
        String table = cfg.optional(TABLE);
        if (table != null && !NAME.matcher(table).matches()) {
            cfg.violation(TABLE, table, "expected a table name: letters, digits and '_', not starting with a digit");
        }
        List<Transform> partitionBy = transforms(cfg);
        Duration commitInterval = cfg.duration(COMMIT_INTERVAL, DEFAULT_COMMIT_INTERVAL);
        if (commitInterval.isZero() || commitInterval.isNegative()) {
            cfg.violation(COMMIT_INTERVAL, config.get(COMMIT_INTERVAL), "expected a positive duration, e.g. 10s");
        }
        long targetFileSize = cfg.bytes(TARGET_FILE_SIZE, DEFAULT_TARGET_FILE_SIZE, 1024L * 1024,
                16L * 1024 * 1024 * 1024);
        int formatVersion = cfg.integer(FORMAT_VERSION, 2, 1, 3);
        for (String key : cfg.unusedKeys()) {
            cfg.violation(key, config.get(key), "is not a setting of the 'iceberg' sink (known: "
                    + String.join(", ", KNOWN) + ")" + (key.equals(RESUME) ? "; resume is the emulation's setting "
                    + "(resume=true, run --id ID --resume), not the sink's" : ""));
            cfg.optional(key);
        }
        cfg.validate();
        return new IcebergSettings(catalog, catalogUri, warehouse, catalogName, namespace, table, partitionBy,
                commitInterval, targetFileSize, formatVersion, s3);
    }

    /** Checks an {@code s3://bucket/prefix} warehouse and its connection settings; returns it without a final /. */
    private static String s3Warehouse(SinkConfig cfg, String warehouse, Catalog catalog, String catalogUri) {
        Matcher m = S3_WAREHOUSE.matcher(warehouse);
        if (!m.matches()) {
            cfg.violation(WAREHOUSE, warehouse, "expected s3://bucket or s3://bucket/prefix");
            return null;
        }
        MinioConnection.check(cfg);
        if (catalog == Catalog.JDBC && catalogUri == null) {
            cfg.violation(CATALOG_URI, null, "is required with an s3:// warehouse: the catalog's JDBC URL, e.g. "
                    + "jdbc:sqlite:/data/catalog.db (a local SQLite file) or jdbc:postgresql://host:5432/iceberg");
        }
        return warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    }

    /** @return the {@link MinioFileIO} properties of the connection settings given */
    private static Map<String, String> s3Properties(Map<String, String> config) {
        Map<String, String> properties = new TreeMap<>();
        for (String key : MinioConnection.keys()) {
            String value = config.get(key);
            if (value != null) {
                properties.put(switch (key) {
                    case ENDPOINT -> MinioFileIO.ENDPOINT;
                    case ACCESS_KEY -> MinioFileIO.ACCESS_KEY;
                    case SECRET_KEY -> MinioFileIO.SECRET_KEY;
                    case REGION -> MinioFileIO.REGION;
                    default -> MinioFileIO.MINIO_PREFIX + key;
                }, value);
            }
        }
        return Map.copyOf(properties);
    }

    /** @return whether the warehouse is on S3 */
    public boolean onS3() {
        return !s3.isEmpty();
    }

    /** @return the settings, the secret key masked */
    @Override
    public String toString() {
        return "IcebergSettings[catalog=" + catalog + ", catalog_uri=" + catalogUri + ", warehouse=" + warehouse
                + ", catalog_name=" + catalogName + ", namespace=" + namespace + ", table=" + table
                + ", partition_by=" + partitionBy + ", commit_interval=" + commitInterval + ", target_file_size="
                + targetFileSize + ", format_version=" + formatVersion
                + (onS3() ? ", endpoint=" + s3.get(MinioFileIO.ENDPOINT) : "") + "]";
    }

    private static String name(SinkConfig cfg, String key, String defaultValue) {
        String value = cfg.string(key, defaultValue);
        if (!NAME.matcher(value).matches()) {
            cfg.violation(key, value, "expected a name: letters, digits and '_', not starting with a digit");
        }
        return value;
    }

    private static List<Transform> transforms(SinkConfig cfg) {
        String text = cfg.optional(PARTITION_BY);
        List<Transform> transforms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return transforms;
        }
        // split at the commas outside parentheses
        int depth = 0;
        int start = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        for (String part : parts) {
            Matcher m = TRANSFORM.matcher(part);
            if (!m.matches()) {
                cfg.violation(PARTITION_BY, text, "'" + part.trim() + "' is not a partition transform; expected "
                        + "identity(col), year(col), month(col), day(col), hour(col), bucket(n, col), "
                        + "truncate(n, col) or a column name, comma-separated");
            } else if (m.group(1) != null) {
                transforms.add(new Transform(m.group(1), 0, m.group(2)));
            } else if (m.group(3) != null) {
                int width = Integer.parseInt(m.group(4));
                if (width < 1) {
                    cfg.violation(PARTITION_BY, text, m.group(3) + " needs a width of at least 1");
                }
                transforms.add(new Transform(m.group(3), width, m.group(5)));
            } else {
                transforms.add(new Transform("identity", 0, m.group(6)));
            }
        }
        return transforms;
    }

    /**
     * @return the partition spec of the transforms over {@code schema}
     * @throws InvalidSettingException naming {@code partition_by} when a column is missing or a transform does not
     *     apply to its type
     */
    public PartitionSpec spec(Schema schema) {
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
        for (Transform transform : partitionBy) {
            if (schema.findField(transform.column()) == null || schema.findField(transform.column()).type()
                    .isNestedType() || !schema.columns().contains(schema.findField(transform.column()))) {
                throw new InvalidSettingException(PARTITION_BY, String.valueOf(partitionBy), "column '"
                        + transform.column() + "' is not a top-level column of the table (columns: "
                        + schema.columns().stream().map(f -> f.name()).toList() + ")");
            }
            try {
                // Iceberg checks a transform against its source type when the spec is built: one at a time, so
                // that the message names the transform that does not apply
                PartitionSpec.Builder single = PartitionSpec.builderFor(schema);
                transform.addTo(single);
                single.build();
            } catch (RuntimeException e) {
                throw new InvalidSettingException(PARTITION_BY, String.valueOf(partitionBy), transform + " does "
                        + "not apply to column '" + transform.column() + "' of type "
                        + schema.findField(transform.column()).type() + ": " + e.getMessage());
            }
            transform.addTo(spec);
        }
        return spec.build();
    }
}
