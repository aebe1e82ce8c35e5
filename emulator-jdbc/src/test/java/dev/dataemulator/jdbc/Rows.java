package dev.dataemulator.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a table back in the shape of {@code EmulatedRecord.dataAsMap()}: integers as {@code Long}, decimals as
 * {@code BigDecimal}, timestamps as ISO-8601 instants, dates as {@code yyyy-MM-dd}, UUIDs as text, JSON as lists and
 * maps; through plain JDBC, independently of the sink.
 */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    static List<Map<String, Object>> read(String url, String user, String password, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return read(connection, sql);
        }
    }

    static List<Map<String, Object>> read(Connection connection, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), value(rs, i, meta.getColumnTypeName(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Object value(ResultSet rs, int column, String typeName) throws Exception {
        String type = typeName.toLowerCase(Locale.ROOT);
        if (rs.getObject(column) == null) {
            return null;
        }
        if (type.contains("timestamp")) {
            return rs.getObject(column, OffsetDateTime.class).toInstant().toString();
        }
        if (type.equals("date")) {
            return rs.getObject(column, LocalDate.class).toString();
        }
        if (type.startsWith("json")) {
            return JSON.readValue(rs.getString(column), Object.class);
        }
        Object value = rs.getObject(column);
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (type.equals("uuid")) {
            return value.toString();
        }
        return value;
    }
}
