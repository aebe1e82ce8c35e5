package dev.dataemulator.declarative.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a domain's {@code faults:} map into the entries of the {@code faults} setting (docs/FAULTS.md): a kind
 * without fields takes a rate ({@code duplicate: 0.01}), a kind with fields a map
 * ({@code null: {rate: 0.005, fields: [amount, currency]}}). Shapes, kinds and rates are checked here, each problem
 * at its line and column; the fields are checked against the domain's schema when an emulation starts. A
 * {@code drift:} map becomes the {@code drift.*} entries.
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
        kinds.add("drift");
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
            } else if (kind.equals("drift")) {
                drift(value, kindPath, problems, entries);
            } else {
                problems.add(node.keyLocation(kind), kindPath, kind, "a fault kind: " + String.join(", ", kinds),
                        Problems.suggest(kind, kinds));
            }
        }
        return entries;
    }

    /**
     * Reads {@code drift: {at, add: {FIELD: GENERATOR}, drop: [FIELD], rename: {OLD: NEW}}} into the entries
     * {@code drift.at}, {@code drift.add.FIELD} (the generator as JSON), {@code drift.drop} and
     * {@code drift.rename.OLD}. The fields are checked against the domain's schema when an emulation starts.
     */
    private static void drift(Node node, String path, Problems problems, Map<String, String> entries) {
        if (!node.isMap() || node.get("at") == null) {
            problems.bad(node, path, "a map {at: INSTANT, add: {FIELD: GENERATOR}, drop: [FIELD], rename: {OLD: NEW}}");
            return;
        }
        List<String> parts = List.of("at", "add", "drop", "rename");
        for (Map.Entry<String, Node> entry : node.entries().entrySet()) {
            String part = entry.getKey();
            String partPath = path + "." + part;
            Node value = entry.getValue();
            switch (part) {
                case "at":
                    if (value.kind() == Node.Kind.STRING && instant(value.text())) {
                        entries.put("drift.at", value.text());
                    } else {
                        problems.bad(value, partPath, "an ISO-8601 instant, e.g. \"2026-01-15T00:00:00Z\"");
                    }
                    break;
                case "add":
                    if (!value.isMap() || value.entries().isEmpty()) {
                        problems.bad(value, partPath, "a map of added field names to field definitions, e.g. "
                                + "{channel: {one_of: [web, app]}}");
                        break;
                    }
                    value.entries().forEach((field, generator) -> entries.put("drift.add." + field, json(generator)));
                    break;
                case "drop":
                    fields(value, partPath, problems).ifPresent(fields -> entries.put("drift.drop", fields));
                    break;
                case "rename":
                    if (!value.isMap() || value.entries().isEmpty() || value.entries().values().stream()
                            .anyMatch(to -> to.kind() != Node.Kind.STRING || to.text().isBlank())) {
                        problems.bad(value, partPath, "a map of old field names to new ones, e.g. "
                                + "{amount: amount_eur}");
                        break;
                    }
                    value.entries().forEach((from, to) -> entries.put("drift.rename." + from, to.text()));
                    break;
                default:
                    problems.add(node.keyLocation(part), partPath, part, "a part of the drift: "
                            + String.join(", ", parts), Problems.suggest(part, parts));
            }
        }
    }

    private static boolean instant(String text) {
        try {
            java.time.Instant.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** @return the node as JSON text, the form the {@code faults.drift.add.FIELD} entries take */
    static String json(Node node) {
        StringBuilder out = new StringBuilder();
        json(node, out);
        return out.toString();
    }

    private static void json(Node node, StringBuilder out) {
        switch (node.kind()) {
            case MAP:
                out.append('{');
                String separator = "";
                for (Map.Entry<String, Node> entry : node.entries().entrySet()) {
                    out.append(separator).append('"')
                            .append(JsonStringEncoder.getInstance().quoteAsString(entry.getKey())).append("\":");
                    json(entry.getValue(), out);
                    separator = ",";
                }
                out.append('}');
                break;
            case LIST:
                out.append('[');
                for (int i = 0; i < node.items().size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    json(node.items().get(i), out);
                }
                out.append(']');
                break;
            case STRING:
                out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(node.text())).append('"');
                break;
            case NULL:
                out.append("null");
                break;
            default:
                out.append(node.text());
        }
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
