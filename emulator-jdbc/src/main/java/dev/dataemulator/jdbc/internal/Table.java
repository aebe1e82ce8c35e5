package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.jdbc.internal.JdbcSettings.WriteMode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One table the sink writes: its columns (the schema's top-level fields; in {@code changes} mode all but
 * {@code __op}), its key column, its DDL and the statements that fill it. Made from the first record of a resource,
 * which carries the schema. Thread-safe: immutable but for per-thread readers.
 */
final class Table {
    static final String OP = "__op";
    static final String VERSION = "__version";

    final String name;
    final Dialect dialect;
    final WriteMode mode;
    final List<RecordSchema.Field> fields;
    /** Which of {@link #fields} are columns. */
    final boolean[] columns;
    final List<RecordSchema.Field> columnFields;
    /** Index in {@link #fields} of the key, {@code __op}, {@code __version}; -1 when none. */
    final int key;
    final int op;
    final int version;
    /** Whether the table gets a primary key on {@link #key}. */
    final boolean primaryKey;
    private final String quoted;
    private final ThreadLocal<RowValues> readers;
    private final ThreadLocal<CopyLine> copyLines;

    private Table(String name, Dialect dialect, WriteMode mode, List<RecordSchema.Field> fields, int key,
            boolean primaryKey) {
        this.name = name;
        this.dialect = dialect;
        this.mode = mode;
        this.fields = fields;
        this.key = key;
        this.op = indexOf(fields, OP);
        this.version = indexOf(fields, VERSION);
        this.primaryKey = primaryKey;
        this.columns = new boolean[fields.size()];
        List<RecordSchema.Field> shown = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            columns[i] = !(mode == WriteMode.CHANGES && i == op);
            if (columns[i]) {
                shown.add(fields.get(i));
            }
        }
        this.columnFields = List.copyOf(shown);
        this.quoted = dialect.quote(name);
        this.readers = ThreadLocal.withInitial(() -> new RowValues(fields));
        this.copyLines = ThreadLocal.withInitial(() -> new CopyLine(fields.size()));
    }

    /**
     * @throws SinkException when the records cannot make this table in this mode (no schema, no key, no change
     *     fields); the message says what is missing and what to set
     */
    static Table resolve(JdbcSettings settings, String resource, EmulatedRecord first) {
        String name = settings.table() != null ? settings.table() : resource;
        RecordSchema schema = first.schema().orElseThrow(() -> new SinkException("The 'jdbc' sink makes table '"
                + name + "' from the domain's schema, and domain '" + first.domain() + "' declares none "
                + "(DomainGenerator.schema())"));
        List<RecordSchema.Field> fields = schema.fields();
        WriteMode mode = settings.mode();
        if (mode == WriteMode.CHANGES) {
            for (String needed : List.of(OP, VERSION)) {
                if (indexOf(fields, needed) < 0) {
                    throw new SinkException("write_mode=changes applies a change stream, whose records carry '"
                            + OP + "' and '" + VERSION + "' (a domain with a lifecycle, change_format=row); "
                            + "domain '" + first.domain() + "' has no '" + needed + "' (fields: "
                            + fields.stream().map(RecordSchema.Field::name).toList() + ")");
                }
            }
        }
        int key = -1;
        if (settings.keyColumn() != null) {
            key = indexOf(fields, settings.keyColumn());
            if (key < 0 || !isScalar(fields.get(key).type())) {
                throw new SinkException("key_column '" + settings.keyColumn() + "' is not a top-level scalar field "
                        + "of domain '" + first.domain() + "' (fields: "
                        + fields.stream().map(RecordSchema.Field::name).toList() + ")");
            }
        } else if (mode != WriteMode.INSERT) {
            key = inferKey(fields, first);
            if (key < 0) {
                throw new SinkException("write_mode=" + mode.name().toLowerCase(java.util.Locale.ROOT)
                        + " writes by the record key, and no field of domain '" + first.domain() + "' holds it "
                        + "(key '" + first.key() + "'); set key_column to the column that identifies a row");
            }
        }
        return new Table(name, settings.dialect(), mode, fields, key, key >= 0);
    }

    /** @return the first top-level scalar field whose value reads as the record's key, or -1 */
    private static int inferKey(List<RecordSchema.Field> fields, EmulatedRecord first) {
        Object[] values = new RowValues(fields).read(first.data());
        for (int i = 0; i < fields.size(); i++) {
            String fieldName = fields.get(i).name();
            if (isScalar(fields.get(i).type()) && !fieldName.equals(OP) && !fieldName.equals(VERSION)
                    && values[i] != null && String.valueOf(values[i]).equals(first.key())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isScalar(FieldType type) {
        return type.kind() != FieldType.Kind.STRUCT && type.kind() != FieldType.Kind.LIST;
    }

    private static int indexOf(List<RecordSchema.Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the record's values, one per field (not only columns); called on worker threads */
    Object[] read(EmulatedRecord record) {
        sameVersion(record);
        return readers.get().read(record.data());
    }

    /** @return the record's COPY text line (every field a column: {@code insert} mode); called on worker threads */
    byte[] copyLine(EmulatedRecord record) {
        sameVersion(record);
        return copyLines.get().encode(record.data());
    }

    /** Refuses a record of another version of the schema (a schema drift): the table is not evolved yet. */
    private void sameVersion(EmulatedRecord record) {
        List<RecordSchema.Field> version = record.schema().map(RecordSchema::fields).orElse(null);
        if (version != fields && !fields.equals(version)) {
            throw new SinkException("The 'jdbc' sink does not evolve table '" + name + "' at a schema drift "
                    + "(faults.drift): record " + record.seq() + " of domain '" + record.domain() + "' has another "
                    + "version of the schema than the table's");
        }
    }

    /** @return the key value of a row, for deduplication in a batch */
    Object keyOf(Object[] values) {
        return values[key];
    }

    /** @return the change's operation: 'c', 'u' or 'd' */
    char opOf(Object[] values) {
        Object value = values[op];
        String text = value == null ? "" : value.toString();
        if (text.length() != 1 || "cud".indexOf(text.charAt(0)) < 0) {
            throw new SinkException("A change of table '" + name + "' has " + OP + " '" + value
                    + "'; expected c, u or d");
        }
        return text.charAt(0);
    }

    /** @return the change's version */
    long versionOf(Object[] values) {
        Object value = values[version];
        if (!(value instanceof Number)) {
            throw new SinkException("A change of table '" + name + "' has " + VERSION + " '" + value
                    + "'; expected a number");
        }
        return ((Number) value).longValue();
    }

    String createSql() {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(quoted).append(" (");
        for (int i = 0; i < columnFields.size(); i++) {
            RecordSchema.Field field = columnFields.get(i);
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(field.name())).append(' ')
                    .append(dialect.baseType(field.type())).append(field.nullable() ? "" : " NOT NULL");
        }
        if (primaryKey) {
            sql.append(", PRIMARY KEY (").append(dialect.quote(fields.get(key).name())).append(')');
        }
        return sql.append(')').toString();
    }

    String dropSql() {
        return "DROP TABLE IF EXISTS " + quoted;
    }

    String copySql() {
        return "COPY " + quoted + " (" + columnList() + ") FROM STDIN";
    }

    String insertSql() {
        return insertSql(1);
    }

    /** @return an insert of {@code rows} rows in one statement */
    String insertSql(int rows) {
        String row = "(" + placeholders() + ")";
        return "INSERT INTO " + quoted + " (" + columnList() + ") VALUES " + String.join(", ",
                java.util.Collections.nCopies(rows, row));
    }

    String upsertSql() {
        return upsertSql(1);
    }

    /**
     * @return an insert of {@code rows} rows that replaces the row of each key; in {@code changes} mode only by a
     *     newer version
     */
    String upsertSql(int rows) {
        String keyName = dialect.quote(fields.get(key).name());
        List<String> updates = new ArrayList<>();
        for (RecordSchema.Field field : columnFields) {
            if (!field.name().equals(fields.get(key).name())) {
                String column = dialect.quote(field.name());
                updates.add(column + " = EXCLUDED." + column);
            }
        }
        StringBuilder sql = new StringBuilder(insertSql(rows)).append(" ON CONFLICT (").append(keyName).append(')');
        if (updates.isEmpty()) {
            return sql.append(" DO NOTHING").toString();
        }
        sql.append(" DO UPDATE SET ").append(String.join(", ", updates));
        if (mode == WriteMode.CHANGES) {
            String current = dialect == Dialect.POSTGRESQL ? quoted + "." : "";
            sql.append(" WHERE ").append(current).append(dialect.quote(VERSION)).append(" < EXCLUDED.")
                    .append(dialect.quote(VERSION));
        }
        return sql.toString();
    }

    /** @return a delete of the row of a key older than the delete's version: parameters key, version */
    String deleteSql() {
        return "DELETE FROM " + quoted + " WHERE " + dialect.quote(fields.get(key).name()) + " = ? AND "
                + dialect.quote(VERSION) + " < ?";
    }

    /** Binds a row's column values to the statement's parameters 1..n. */
    void bindColumns(PreparedStatement statement, Object[] values) throws SQLException {
        bindColumns(statement, values, 0);
    }

    /** Binds a row's column values to the parameters after {@code offset}, for a row of a multi-row statement. */
    void bindColumns(PreparedStatement statement, Object[] values, int offset) throws SQLException {
        int parameter = offset + 1;
        for (int i = 0; i < fields.size(); i++) {
            if (columns[i]) {
                bind(statement, parameter++, fields.get(i).type(), values[i]);
            }
        }
    }

    /** Binds the key and version of a delete. */
    void bindDelete(PreparedStatement statement, Object[] values) throws SQLException {
        bind(statement, 1, fields.get(key).type(), values[key]);
        statement.setLong(2, versionOf(values));
    }

    private void bind(PreparedStatement statement, int parameter, FieldType type, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(parameter, Types.NULL);
        } else if (value instanceof Instant) {
            statement.setObject(parameter, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        } else if (value instanceof String && dialect == Dialect.POSTGRESQL
                && (type.kind() == FieldType.Kind.UUID || dialect.isJson(type))) {
            statement.setObject(parameter, value, Types.OTHER);
        } else if (value instanceof String && type.kind() == FieldType.Kind.UUID) {
            statement.setObject(parameter, java.util.UUID.fromString((String) value));
        } else if (value instanceof Long && type.kind() == FieldType.Kind.INT) {
            statement.setInt(parameter, Math.toIntExact((Long) value));
        } else if (value instanceof BigDecimal) {
            statement.setBigDecimal(parameter, (BigDecimal) value);
        } else {
            statement.setObject(parameter, value);
        }
    }

    /** @return whether the table exists */
    boolean exists(Connection connection) throws SQLException {
        return !existingColumns(connection).isEmpty();
    }

    /**
     * @return every way the existing table does not fit the columns this sink writes: missing columns, types that
     *     cannot hold the values, NOT NULL columns the records may leave null or do not write, a key that is not the
     *     primary key where upserts need one; empty when it fits
     */
    List<String> misfits(Connection connection) throws SQLException {
        Map<String, Column> existing = existingColumns(connection);
        List<String> misfits = new ArrayList<>();
        for (RecordSchema.Field field : columnFields) {
            Column column = existing.remove(field.name());
            if (column == null) {
                misfits.add("column '" + field.name() + "' is missing (needs " + dialect.baseType(field.type())
                        + ")");
                continue;
            }
            if (!dialect.acceptedTypes(field.type()).contains(Dialect.normalise(column.type))) {
                misfits.add("column '" + field.name() + "' is " + column.type + ", which cannot hold "
                        + field.type() + " (expected " + dialect.baseType(field.type()) + ")");
            }
            if (field.nullable() && !column.nullable) {
                misfits.add("column '" + field.name() + "' is NOT NULL, and the records may leave it null");
            }
        }
        for (Column extra : existing.values()) {
            if (!extra.nullable && !extra.hasDefault) {
                misfits.add("column '" + extra.name + "' is NOT NULL without a default, and the records do not "
                        + "write it");
            }
        }
        if (mode != WriteMode.INSERT && key >= 0 && misfits.isEmpty()) {
            List<String> primary = primaryKey(connection);
            String keyName = fields.get(key).name();
            if (!primary.equals(List.of(keyName))) {
                misfits.add("write_mode=" + mode.name().toLowerCase(java.util.Locale.ROOT) + " needs column '"
                        + keyName + "' as the primary key, and the table's primary key is " + (primary.isEmpty()
                        ? "missing" : primary));
            }
        }
        return misfits;
    }

    private Map<String, Column> existingColumns(Connection connection) throws SQLException {
        String[] parts = name.split("\\.", 2);
        String schemaName = parts.length == 2 ? parts[0] : connection.getSchema();
        String tableName = parts.length == 2 ? parts[1] : parts[0];
        Map<String, Column> columnsFound = new LinkedHashMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                if (!tableName.equals(rs.getString("TABLE_NAME"))
                        || schemaName != null && !schemaName.equals(rs.getString("TABLE_SCHEM"))) {
                    continue; // '_' is a pattern wildcard
                }
                String column = rs.getString("COLUMN_NAME");
                columnsFound.put(column, new Column(column, rs.getString("TYPE_NAME"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rs.getString("COLUMN_DEF") != null));
            }
        }
        return columnsFound;
    }

    private List<String> primaryKey(Connection connection) throws SQLException {
        String[] parts = name.split("\\.", 2);
        String schemaName = parts.length == 2 ? parts[0] : connection.getSchema();
        String tableName = parts.length == 2 ? parts[1] : parts[0];
        Map<Integer, String> keyColumns = new java.util.TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, schemaName, tableName)) {
            while (rs.next()) {
                if (tableName.equals(rs.getString("TABLE_NAME"))) {
                    keyColumns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
        }
        return List.copyOf(keyColumns.values());
    }

    private String columnList() {
        return columnFields.stream().map(field -> dialect.quote(field.name())).collect(Collectors.joining(", "));
    }

    private String placeholders() {
        return columnFields.stream().map(field -> "?").collect(Collectors.joining(", "));
    }

    private record Column(String name, String type, boolean nullable, boolean hasDefault) {
        Column {
            Objects.requireNonNull(name);
        }
    }
}
