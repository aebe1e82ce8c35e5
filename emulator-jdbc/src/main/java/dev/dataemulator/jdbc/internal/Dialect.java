package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.spi.FieldType;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What differs between the databases the sink writes to: the URL, the column types of a schema and which errors are
 * worth a retry. The dialect follows the URL's {@code jdbc:<name>:} prefix.
 */
public enum Dialect {
    /** PostgreSQL through pgjdbc: COPY for appends, INSERT ... ON CONFLICT for keys. */
    POSTGRESQL("postgresql", "jsonb") {
        @Override
        String checkUrl(String url) {
            if (org.postgresql.Driver.parseURL(url, new Properties()) == null) {
                return "is not a PostgreSQL URL pgjdbc can read; expected jdbc:postgresql://host[:port]/database";
            }
            return null;
        }

        @Override
        String baseType(FieldType type) {
            switch (type.kind()) {
                case STRING: return "text";
                case INT: return "integer";
                case LONG: return "bigint";
                case DOUBLE: return "double precision";
                case DECIMAL: return "numeric(" + type.precision() + "," + type.scale() + ")";
                case BOOLEAN: return "boolean";
                case TIMESTAMP: return "timestamp with time zone";
                case DATE: return "date";
                case UUID: return "uuid";
                default: return json;
            }
        }

        @Override
        List<String> acceptedTypes(FieldType type) {
            switch (type.kind()) {
                case STRING: return List.of("text", "varchar", "bpchar", "character varying", "name");
                case INT: return List.of("int4", "int8", "numeric", "integer", "bigint");
                case LONG: return List.of("int8", "numeric", "bigint");
                case DOUBLE: return List.of("float8", "numeric", "double precision");
                case DECIMAL: return List.of("numeric");
                case BOOLEAN: return List.of("bool", "boolean");
                case TIMESTAMP: return List.of("timestamptz");
                case DATE: return List.of("date");
                case UUID: return List.of("uuid", "text", "varchar");
                default: return List.of("jsonb", "json");
            }
        }

        @Override
        boolean isTransient(SQLException e) {
            String state = e.getSQLState();
            if (state == null) {
                return e.getCause() instanceof java.io.IOException;
            }
            // connection exceptions; admin/crash shutdown and "starting up"; serialization failure and deadlock
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03") || state.equals("40001") || state.equals("40P01")
                    || state.equals("53300");
        }
    },
    /** DuckDB, embedded in this JVM through duckdb_jdbc: batched statements. */
    DUCKDB("duckdb", "JSON") {
        @Override
        String checkUrl(String url) {
            String path = url.substring("jdbc:duckdb:".length()).trim();
            if (path.isEmpty() || path.startsWith(":memory:")) {
                return "is an in-memory DuckDB database, which vanishes with the sink's connection; give a file, e.g."
                        + " jdbc:duckdb:/tmp/emulator.duckdb";
            }
            try {
                Class.forName("org.duckdb.DuckDBDriver");
            } catch (ClassNotFoundException e) {
                return "needs DuckDB's driver: add org.duckdb:duckdb_jdbc to the class path";
            }
            return null;
        }

        @Override
        String baseType(FieldType type) {
            switch (type.kind()) {
                case STRING: return "VARCHAR";
                case INT: return "INTEGER";
                case LONG: return "BIGINT";
                case DOUBLE: return "DOUBLE";
                case DECIMAL: return "DECIMAL(" + type.precision() + "," + type.scale() + ")";
                case BOOLEAN: return "BOOLEAN";
                case TIMESTAMP: return "TIMESTAMP WITH TIME ZONE";
                case DATE: return "DATE";
                case UUID: return "UUID";
                default: return json;
            }
        }

        @Override
        List<String> acceptedTypes(FieldType type) {
            switch (type.kind()) {
                case STRING: return List.of("varchar");
                case INT: return List.of("integer", "bigint", "hugeint", "decimal");
                case LONG: return List.of("bigint", "hugeint", "decimal");
                case DOUBLE: return List.of("double", "decimal");
                case DECIMAL: return List.of("decimal");
                case BOOLEAN: return List.of("boolean");
                case TIMESTAMP: return List.of("timestamp with time zone");
                case DATE: return List.of("date");
                case UUID: return List.of("uuid", "varchar");
                default: return List.of("json", "varchar");
            }
        }

        @Override
        boolean isTransient(SQLException e) {
            return false; // in-process: no connection to lose
        }
    };

    private final String urlName;
    final String json;

    Dialect(String urlName, String json) {
        this.urlName = urlName;
        this.json = json;
    }

    /** @return the dialect of {@code jdbc:<name>:} URLs, or {@code null} */
    static Dialect named(String name) {
        for (Dialect dialect : values()) {
            if (dialect.urlName.equals(name)) {
                return dialect;
            }
        }
        return null;
    }

    /** @return the supported names, for messages */
    static String names() {
        return Arrays.stream(values()).map(d -> d.urlName).collect(Collectors.joining(", "));
    }

    /** @return why the URL cannot be used, or {@code null} when it can */
    abstract String checkUrl(String url);

    /** @return the column type of a field type, without nullability */
    abstract String baseType(FieldType type);

    /**
     * @return the type names (lower case, without parameters, as {@code DatabaseMetaData.getColumns} reports them) a
     *     column of an existing table may have to hold values of {@code type}
     */
    abstract List<String> acceptedTypes(FieldType type);

    /** @return whether the failure is worth retrying on a new connection (a lost connection, a restarting server) */
    abstract boolean isTransient(SQLException e);

    /** @return whether the type is stored as JSON text */
    boolean isJson(FieldType type) {
        return type.kind() == FieldType.Kind.STRUCT || type.kind() == FieldType.Kind.LIST;
    }

    /** @return the identifier quoted ({@code "name"}), parts of a qualified name quoted apart */
    String quote(String identifier) {
        return Arrays.stream(identifier.split("\\.")).map(part -> '"' + part.replace("\"", "\"\"") + '"')
                .collect(Collectors.joining("."));
    }

    /** @return the lower-case type name without parameters, e.g. {@code decimal} for {@code DECIMAL(12,2)} */
    static String normalise(String typeName) {
        String lower = typeName.toLowerCase(Locale.ROOT).trim();
        int paren = lower.indexOf('(');
        return paren < 0 ? lower : lower.substring(0, paren).trim();
    }
}
