package dev.dataemulator.declarative.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a domain's {@code faults:} map into the entries of the {@code faults} setting (docs/FAULTS.md): a kind
 * without fields takes a rate ({@code duplicate: 0.01}), a kind with fields a map
 * ({@code null: {rate: 0.005, fields: [amount, currency]}}). Shapes, kinds and rates are checked here, each problem
 * at its line and column; the fields are checked against the domain's schema when an emulation starts.
 */
final class FaultsReader {
    private static final List<String> WITHOUT_FIELDS = List.of("duplicate", "malformed");
    private static final List<String> WITH_FIELDS = List.of("null", "out_of_range", "wrong_type", "orphan");

    private FaultsReader() {
    }

    /**
     * @param node the {@code faults:} node, or null when the domain has none
     * @param path its path, e.g. {@code domains.payments.faults}
     * @param problems where problems go
     * @return the entries, e.g. {@code duplicate=0.01}, {@code null.rate=0.005}, {@code null.fields=amount}
     */
    static Map<String, String> read(Node node, String path, Problems problems) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (node == null) {
            return entries;
        }
        if (!node.isMap()) {
            problems.bad(node, path, "a map of fault kinds (duplicate, null, out_of_range, wrong_type, malformed, "
                    + "orphan) to rates or {rate, fields}");
            return entries;
        }
        List<String> kinds = new ArrayList<>(WITHOUT_FIELDS);
        kinds.addAll(WITH_FIELDS);
        for (Map.Entry<String, Node> entry : node.entries().entrySet()) {
            String kind = entry.getKey();
            String kindPath = path + "." + kind;
            Node value = entry.getValue();
            if (WITHOUT_FIELDS.contains(kind)) {
                rate(value, kindPath, problems).ifPresent(rate -> entries.put(kind, rate));
            } else if (WITH_FIELDS.contains(kind)) {
                if (!value.isMap() || value.get("rate") == null || value.get("fields") == null
                        || value.entries().size() != 2) {
                    problems.bad(value, kindPath, "a map {rate: RATE, fields: [FIELD, ...]}");
                    continue;
                }
                rate(value.get("rate"), kindPath + ".rate", problems)
                        .ifPresent(rate -> entries.put(kind + ".rate", rate));
                fields(value.get("fields"), kindPath + ".fields", problems)
                        .ifPresent(fields -> entries.put(kind + ".fields", fields));
            } else {
                problems.add(node.keyLocation(kind), kindPath, kind, "a fault kind: " + String.join(", ", kinds),
                        Problems.suggest(kind, kinds));
            }
        }
        return entries;
    }

    private static java.util.Optional<String> rate(Node node, String path, Problems problems) {
        if (node.isNumber()) {
            double rate = ((Number) node.value()).doubleValue();
            if (rate >= 0 && rate <= 1) {
                return java.util.Optional.of(node.text());
            }
        }
        problems.bad(node, path, "a rate from 0 to 1, e.g. 0.01");
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> fields(Node node, String path, Problems problems) {
        List<String> names = new ArrayList<>();
        if (node.isList() && !node.items().isEmpty()) {
            for (Node item : node.items()) {
                if (item.kind() != Node.Kind.STRING || item.text().isBlank()) {
                    problems.bad(item, path, "a field name");
                    return java.util.Optional.empty();
                }
                names.add(item.text());
            }
            return java.util.Optional.of(String.join(",", names));
        }
        problems.bad(node, path, "a list of field names, e.g. [amount, currency]");
        return java.util.Optional.empty();
    }
}
