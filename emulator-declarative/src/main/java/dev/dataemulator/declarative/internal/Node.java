package dev.dataemulator.declarative.internal;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a definition as written: a map, a list or a scalar, with where it was written (source, line, column)
 * so that every problem can point at it. Made by {@link TreeReader} from YAML / JSON and by the Java builder (without
 * a position). Immutable once built.
 */
public final class Node {
    /** The shapes of nodes. */
    public enum Kind { MAP, LIST, STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    private final Kind kind;
    private final Object value;
    private final Map<String, Node> map;
    private final List<Node> list;
    private final Map<String, Location> keyLocations;
    private final Location location;

    /** Where a node was written; line and column from 1, or 0 when unknown (the Java builder). */
    public record Location(String source, int line, int column) {
        /** @return {@code source:line:column}, or the source alone when the position is unknown */
        @Override
        public String toString() {
            return line <= 0 ? source : source + ":" + line + ":" + column;
        }
    }

    private Node(Kind kind, Object value, Map<String, Node> map, List<Node> list, Map<String, Location> keyLocations,
            Location location) {
        this.kind = kind;
        this.value = value;
        this.map = map;
        this.list = list;
        this.keyLocations = keyLocations;
        this.location = location;
    }

    public static Node scalar(Object value, Location location) {
        if (value == null) {
            return new Node(Kind.NULL, null, null, null, null, location);
        }
        if (value instanceof String) {
            return new Node(Kind.STRING, value, null, null, null, location);
        }
        if (value instanceof Boolean) {
            return new Node(Kind.BOOLEAN, value, null, null, null, location);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new Node(Kind.INTEGER, ((Number) value).longValue(), null, null, null, location);
        }
        if (value instanceof Number) {
            return new Node(Kind.DECIMAL, new BigDecimal(value.toString()), null, null, null, location);
        }
        throw new IllegalArgumentException("not a scalar: " + value.getClass().getName());
    }

    public static Node map(Map<String, Node> entries, Map<String, Location> keyLocations, Location location) {
        return new Node(Kind.MAP, null, Collections.unmodifiableMap(new LinkedHashMap<>(entries)), null,
                Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations)), location);
    }

    public static Node list(List<Node> items, Location location) {
        return new Node(Kind.LIST, null, null, List.copyOf(items), null, location);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isNumber() {
        return kind == Kind.INTEGER || kind == Kind.DECIMAL;
    }

    public boolean isScalar() {
        return kind != Kind.MAP && kind != Kind.LIST;
    }

    /** @return the scalar value: String, Long, BigDecimal, Boolean or null */
    public Object value() {
        return value;
    }

    public Map<String, Node> entries() {
        return map == null ? Map.of() : map;
    }

    public Node get(String key) {
        return map == null ? null : map.get(key);
    }

    public List<Node> items() {
        return list == null ? List.of() : list;
    }

    public Location location() {
        return location;
    }

    /** @return where {@code key} was written in this map (the key itself), or this node's location */
    public Location keyLocation(String key) {
        Location at = keyLocations == null ? null : keyLocations.get(key);
        return at == null ? location : at;
    }

    /** @return the value as the user wrote it, for messages: scalars as text, maps and lists abridged */
    public String text() {
        switch (kind) {
            case NULL:
                return null;
            case DECIMAL:
                return ((BigDecimal) value).toPlainString();
            case MAP:
                return abridge(map.toString());
            case LIST:
                return abridge(list.toString());
            default:
                return String.valueOf(value);
        }
    }

    private static String abridge(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    @Override
    public String toString() {
        switch (kind) {
            case MAP:
                return map.toString();
            case LIST:
                return list.toString();
            case NULL:
                return "null";
            default:
                return text();
        }
    }
}
