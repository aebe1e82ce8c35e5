package dev.dataemulator.declarative.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Set;

/** Reads the parameter map of one generator, reporting unknown keys and values of the wrong kind. */
final class Params {
    final Node node;
    final String path;
    final Problems problems;
    private final int before;
    private final Node.Location at;

    Params(Node node, Node.Location at, String path, Problems problems, Collection<String> allowed) {
        this.at = at;
        this.path = path;
        this.problems = problems;
        this.before = problems.size();
        if (node != null && node.kind() != Node.Kind.NULL && !node.isMap()) {
            problems.bad(node, path, "a map of parameters (" + (allowed.isEmpty() ? "none" : String.join(", ",
                    allowed)) + ")");
            this.node = null;
            return;
        }
        this.node = node != null && node.isMap() ? node : null;
        if (this.node != null) {
            for (String key : this.node.entries().keySet()) {
                if (!allowed.contains(key)) {
                    problems.add(this.node.keyLocation(key), path + "." + key, key,
                            allowed.isEmpty() ? "no parameters" : "one of the parameters " + String.join(", ", allowed),
                            Problems.suggest(key, allowed));
                }
            }
        }
    }

    /** @return whether no problem was reported since these parameters were opened */
    boolean ok() {
        return problems.size() == before;
    }

    boolean has(String key) {
        return node != null && node.get(key) != null;
    }

    Node get(String key) {
        return node == null ? null : node.get(key);
    }

    String path(String key) {
        return path + "." + key;
    }

    Long integer(String key, Long otherwise) {
        Node value = get(key);
        if (value == null) {
            return otherwise;
        }
        if (value.kind() == Node.Kind.INTEGER) {
            return (Long) value.value();
        }
        if (value.kind() == Node.Kind.DECIMAL) {
            BigDecimal decimal = (BigDecimal) value.value();
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException e) {
                // fall through to the problem
            }
        }
        problems.bad(value, path(key), "a whole number");
        return otherwise;
    }

    Double number(String key, Double otherwise) {
        Node value = get(key);
        if (value == null) {
            return otherwise;
        }
        if (value.kind() == Node.Kind.INTEGER) {
            return ((Long) value.value()).doubleValue();
        }
        if (value.kind() == Node.Kind.DECIMAL) {
            return ((BigDecimal) value.value()).doubleValue();
        }
        problems.bad(value, path(key), "a number");
        return otherwise;
    }

    String string(String key, String otherwise) {
        Node value = get(key);
        if (value == null) {
            return otherwise;
        }
        if (value.kind() == Node.Kind.STRING && !((String) value.value()).isBlank()) {
            return (String) value.value();
        }
        problems.bad(value, path(key), "a non-blank string");
        return otherwise;
    }

    String choice(String key, String otherwise, Set<String> choices) {
        String value = string(key, null);
        if (value == null) {
            return otherwise;
        }
        if (!choices.contains(value)) {
            problems.add(get(key).location(), path(key), value, "one of " + String.join(", ", choices),
                    Problems.suggest(value, choices));
            return otherwise;
        }
        return value;
    }

    /** Reports {@code key} as missing. */
    void missing(String key, String expected) {
        problems.add(node != null ? node.location() : at, path(key), null, expected, null);
    }
}
