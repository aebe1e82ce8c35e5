package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.support.SinkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed settings of a {@code jdbc} sink. Immutable. The password is kept for connecting and never shown:
 * {@link #toString()} masks it, and the URL's own {@code password=} parameter too.
 *
 * @param url the JDBC URL
 * @param dialect the database, from the URL
 * @param user the user name, {@code null} when the URL or the driver decides
 * @param password the password, {@code null} when none
 * @param table the table, {@code null} for the resource's name
 * @param policy what to do with the table before the first row
 * @param batchSize the most rows in one transaction
 * @param mode how records become rows
 * @param keyColumn the column holding the record key, {@code null} to find it (upsert, changes) or to have none
 *     (insert)
 * @param retryTimeout how long a batch is retried after losing the connection
 * @param display the settings as given, secrets masked
 */
public record JdbcSettings(String url, Dialect dialect, String user, String password, String table,
        TablePolicy policy, int batchSize, WriteMode mode, String keyColumn, Duration retryTimeout, String display) {

    public static final String SINK = "jdbc";
    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String TABLE = "table";
    public static final String TABLE_POLICY = "table_policy";
    public static final String BATCH_SIZE = "batch_size";
    public static final String WRITE_MODE = "write_mode";
    public static final String KEY_COLUMN = "key_column";
    public static final String RETRY_TIMEOUT = "retry_timeout";

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofMinutes(2);

    private static final List<String> KNOWN = List.of(URL, USER, PASSWORD, TABLE, TABLE_POLICY, BATCH_SIZE,
            WRITE_MODE, KEY_COLUMN, RETRY_TIMEOUT);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]*");
    private static final Pattern TABLE_NAME = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    /** What happens to the table before the first row is written. */
    public enum TablePolicy {
        /** Create the table when it does not exist (the default). */
        CREATE,
        /** Drop the table when it exists, then create it. */
        DROP_AND_CREATE,
        /** The table must exist and its columns must fit the schema. */
        MANUAL
    }

    /** How records become rows. */
    public enum WriteMode {
        /** Append every record as a row (the default). */
        INSERT,
        /** Insert or replace the row of the record's key. */
        UPSERT,
        /** Apply a change stream: create, update and delete rows by key (records carry {@code __op}, {@code __version}). */
        CHANGES
    }

    /**
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    public static JdbcSettings parse(Map<String, String> config) {
        SinkConfig cfg = new SinkConfig(SINK, config, List.of(PASSWORD));
        String url = cfg.required(URL);
        Dialect dialect = url == null ? null : dialect(cfg, url);
        String user = cfg.optional(USER);
        String password = cfg.optional(PASSWORD);
        String table = cfg.optional(TABLE);
        if (table != null && !TABLE_NAME.matcher(table).matches()) {
            cfg.violation(TABLE, table, "expected a table name, optionally with its schema (orders, "
                    + "sales.orders): letters, digits, '_', '-', '$', not starting with a digit");
        }
        TablePolicy policy = cfg.choice(TABLE_POLICY, TablePolicy.class, TablePolicy.CREATE);
        int batchSize = cfg.integer(BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, 1_000_000);
        WriteMode mode = cfg.choice(WRITE_MODE, WriteMode.class, WriteMode.INSERT);
        String keyColumn = cfg.optional(KEY_COLUMN);
        if (keyColumn != null && !IDENTIFIER.matcher(keyColumn).matches()) {
            cfg.violation(KEY_COLUMN, keyColumn, "expected a column name (a top-level field of the domain)");
        }
        Duration retryTimeout = cfg.duration(RETRY_TIMEOUT, DEFAULT_RETRY_TIMEOUT);
        for (String key : cfg.unusedKeys()) {
            cfg.violation(key, config.get(key), "is not a setting of the 'jdbc' sink (known: " + String.join(", ",
                    KNOWN) + "); driver properties go in the URL, e.g. jdbc:postgresql://host/db?sslmode=require");
            cfg.optional(key);
        }
        cfg.validate();
        return new JdbcSettings(url, dialect, user, password, table, policy, batchSize, mode, keyColumn,
                retryTimeout, display(config, cfg));
    }

    /** @return the URL with the value of a {@code password=} parameter masked, for messages and logs */
    public static String maskUrl(String url) {
        return url == null ? null : URL_PASSWORD.matcher(url).replaceAll("$1****");
    }

    /** @return the driver properties: user and password when given */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** @return the settings as given, password masked */
    @Override
    public String toString() {
        return display;
    }

    private static Dialect dialect(SinkConfig cfg, String url) {
        String shown = maskUrl(url);
        Matcher matcher = Pattern.compile("jdbc:([A-Za-z0-9]+):.*", Pattern.DOTALL).matcher(url);
        if (!matcher.matches()) {
            cfg.violation(URL, shown, "expected a JDBC URL, e.g. jdbc:postgresql://localhost:5432/postgres or "
                    + "jdbc:duckdb:/tmp/emulator.duckdb");
            return null;
        }
        String name = matcher.group(1).toLowerCase(Locale.ROOT);
        Dialect dialect = Dialect.named(name);
        if (dialect == null) {
            cfg.violation(URL, shown, "names the database '" + name + "', which the 'jdbc' sink does not support "
                    + "(supported: " + Dialect.names() + ")");
            return null;
        }
        String problem = dialect.checkUrl(url);
        if (problem != null) {
            cfg.violation(URL, shown, problem);
            return null;
        }
        return dialect;
    }

    private static String display(Map<String, String> config, SinkConfig cfg) {
        StringBuilder out = new StringBuilder(SINK).append('{');
        String separator = "";
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String value = URL.equals(entry.getKey()) ? maskUrl(entry.getValue())
                    : cfg.display(entry.getKey(), entry.getValue());
            out.append(separator).append(entry.getKey()).append('=').append(value);
            separator = ", ";
        }
        return out.append('}').toString();
    }
}
