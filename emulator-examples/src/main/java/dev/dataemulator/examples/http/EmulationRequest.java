package dev.dataemulator.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.support.SinkConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /emulator} turned into an {@link EmulationSpec}, checking every field at once: unknown
 * fields, types, {@code emulator_sync}, S3 fields on another sink, {@code sink_config} (the sink's own settings, as
 * the command line's {@code -c}), and what the spec itself rejects (domain, threads, ...), each reported under the
 * request's field name. Stateless.
 */
final class EmulationRequest {
    /** The fields a request may carry. */
    static final Set<String> FIELDS = Set.of("emulator_sync", "emulation_domain", "timeout", "format_type",
            "sync_type", "max_chunk_size", "threads", "max_records", "rate", "seed", "backfill_from", "backfill_to",
            "speed", "hourly", "late_fraction", "late_max", "sink_config", "faults", "fault_labels", "id",
            "resume");
    /** The field holding the sink's own settings as a JSON object. */
    static final String SINK_CONFIG = "sink_config";
    /** The fields of the {@code minio} sink only. */
    static final List<String> S3_FIELDS = List.of("format_type", "sync_type", "max_chunk_size");
    /** Default {@code timeout}, in seconds. */
    static final double DEFAULT_TIMEOUT_SECONDS = 60;
    /** Default {@code threads}. */
    static final int DEFAULT_THREADS = 5;

    /** The request's names for the settings of the table; a setting's first name is the one errors use. */
    static final SettingAliases ALIASES = SettingAliases.of(aliases());

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("emulation_domain", "domain");
        aliases.put("emulator_sync", "sink");
        aliases.put("timeout", "duration");
        aliases.put("threads", "threads");
        aliases.put("max_records", "max_records");
        aliases.put("rate", "rate_per_second");
        aliases.put("seed", "seed");
        aliases.put("backfill_from", "event_time");
        aliases.put("backfill_to", "event_time");
        aliases.put("speed", "event_time");
        aliases.put("hourly", "rate_curve");
        aliases.put("late_fraction", "lateness");
        aliases.put("late_max", "lateness");
        aliases.put("faults", "faults");
        aliases.put("fault_labels", "fault_labels");
        aliases.put("id", "id");
        aliases.put("resume", "resume");
        return aliases;
    }

    /** One bad field: its name (or {@code null} for the body as a whole), the value as sent and what is wrong. */
    record FieldError(String field, String value, String message) {
    }

    /** The request is invalid; {@link #errors()} lists every bad field. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super(errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }

    private EmulationRequest() {
    }

    /**
     * @param body the request body
     * @param sinks the sink settings each {@code emulator_sync} value uses (the server's, under the request's
     *     {@code sink_config})
     * @param registry the domains requests can name (the discovered ones and those posted to {@code /domains})
     * @return the spec
     * @throws Invalid listing every bad field
     */
    static EmulationSpec toSpec(JsonNode body, Map<String, Map<String, String>> sinks,
            dev.dataemulator.core.DomainRegistry registry) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of(new FieldError(null, null, "body must be a JSON object")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, body.get(name).toString(),
                        "unknown field '" + name + "' (known: " + new TreeSet<>(FIELDS) + ")"));
            }
        }
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(registry);
        String sink = text(body, "emulator_sync", true, errors);
        Map<String, String> config = new LinkedHashMap<>();
        if (sink != null) {
            Map<String, String> base = sinks.get(sink);
            if (base == null) {
                errors.add(new FieldError("emulator_sync", sink,
                        "emulator_sync must be one of " + new TreeSet<>(sinks.keySet())));
            } else {
                config.putAll(base);
            }
        }
        for (String field : S3_FIELDS) {
            if (body.has(field)) {
                if (!"minio".equals(sink)) {
                    errors.add(new FieldError(field, body.get(field).asText(), field
                            + " applies to the minio sink only; other sinks take their settings in sink_config"));
                } else {
                    config.put(field, body.get(field).asText());
                }
            }
        }
        sinkConfig(body, sink, config, errors);
        if (sink != null && sinks.containsKey(sink)) {
            builder.sink(sink, config);
        }
        String domain = body.path("emulation_domain").isArray() ? joined(body, "emulation_domain", errors)
                : text(body, "emulation_domain", true, errors);
        List<InvalidSettingException.Violation> problems = new ArrayList<>();
        if (domain != null) {
            ALIASES.set(builder, "emulation_domain", domain, problems);
        }
        ALIASES.set(builder, "threads", scalar(body, "threads", String.valueOf(DEFAULT_THREADS), errors), problems);
        ALIASES.set(builder, "timeout", scalar(body, "timeout", SettingText.number(DEFAULT_TIMEOUT_SECONDS), errors),
                problems);
        ALIASES.set(builder, "max_records", body.path("max_records").isObject() ? counts(body, errors)
                : scalar(body, "max_records", null, errors), problems);
        for (String field : List.of("rate", "seed")) {
            ALIASES.set(builder, field, scalar(body, field, null, errors), problems);
        }
        ALIASES.set(builder, "id", text(body, "id", false, errors), problems);
        JsonNode resume = body.get("resume");
        if (resume != null && !resume.isNull()) {
            if (resume.isBoolean()) {
                ALIASES.set(builder, "resume", resume.asText(), problems);
            } else {
                errors.add(new FieldError("resume", resume.toString(), "resume must be true or false"));
            }
        }
        eventTime(body, builder, errors, problems);
        faults(body, builder, errors, problems);
        JsonNode faultLabels = body.get("fault_labels");
        if (faultLabels != null && !faultLabels.isNull()) {
            // true or false, as JSON or text; anything else is refused by the setting's parser, named so
            ALIASES.set(builder, "fault_labels", faultLabels.isValueNode() ? faultLabels.asText()
                    : faultLabels.toString(), problems);
        }
        EmulationSpec spec = null;
        try {
            spec = ALIASES.build(builder, problems);
        } catch (InvalidSettingException e) {
            for (InvalidSettingException.Violation v : e.violations()) {
                // a field already reported (missing, wrong type) is not reported twice
                if (errors.stream().noneMatch(known -> v.setting().equals(known.field()))) {
                    errors.add(new FieldError(v.setting(), v.value(), e.violations().size() == 1 ? e.getMessage()
                            : "Invalid setting " + v));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return spec;
    }

    /**
     * Event time fields, with the CLI's meaning, as the one event-time setting's text: {@code backfill_from} +
     * {@code backfill_to} (ISO-8601 instants) a backfill; {@code backfill_from} (or now) + {@code speed} an
     * accelerated clock; {@code hourly} 24 weights; {@code late_fraction} + {@code late_max} (seconds) late records.
     */
    private static void eventTime(JsonNode body, EmulationSpec.Builder builder, List<FieldError> errors,
            List<InvalidSettingException.Violation> problems) {
        String from = text(body, "backfill_from", false, errors);
        String to = text(body, "backfill_to", false, errors);
        String speed = scalar(body, "speed", null, errors);
        if (speed != null) {
            if (to != null) {
                errors.add(new FieldError("backfill_to", to, "an accelerated clock (speed) has no end"));
            } else {
                ALIASES.set(builder, "speed", (from == null ? Instant.now().toString() : from) + "..x" + speed,
                        problems);
            }
        } else if (from != null && to != null) {
            ALIASES.set(builder, "backfill_to", from + ".." + to, problems);
        } else if (from != null || to != null) {
            errors.add(new FieldError(from == null ? "backfill_from" : "backfill_to", from == null ? to : from,
                    "a backfill needs both backfill_from and backfill_to (or speed for an accelerated clock)"));
        }
        JsonNode hourly = body.get("hourly");
        if (hourly != null && !hourly.isNull()) {
            if (!hourly.isArray()) {
                errors.add(new FieldError("hourly", hourly.toString(), "hourly must be an array of 24 numbers"));
            } else {
                List<String> weights = new ArrayList<>();
                hourly.forEach(weight -> weights.add(weight.asText()));
                ALIASES.set(builder, "hourly", String.join(",", weights), problems);
            }
        }
        // 0 is a valid share (no late records); a share above 0 needs late_max
        String lateFraction = scalar(body, "late_fraction", null, errors);
        String lateMax = scalar(body, "late_max", null, errors);
        if (lateFraction != null && (lateMax != null || !isZero(lateFraction))) {
            ALIASES.set(builder, "late_fraction", lateFraction + ":" + (lateMax == null ? "0" : lateMax), problems);
        } else if (lateMax != null && lateFraction == null) {
            errors.add(new FieldError("late_max", body.get("late_max").toString(),
                    "late_max needs late_fraction, the share of records that arrive late"));
        }
    }

    /**
     * The {@code faults} object in the pinned form of docs/FAULTS.md, as the declarative {@code faults:} map:
     * {@code {"duplicate": 0.01, "null": {"rate": 0.005, "fields": ["amount"]}}}; each kind becomes the entries
     * {@code faults.KIND} or {@code faults.KIND.rate} and {@code faults.KIND.fields} of the one setting, whose checks
     * name them so.
     */
    private static void faults(JsonNode body, EmulationSpec.Builder builder, List<FieldError> errors,
            List<InvalidSettingException.Violation> problems) {
        JsonNode faults = body.get("faults");
        if (faults == null || faults.isNull()) {
            return;
        }
        if (!faults.isObject()) {
            errors.add(new FieldError("faults", faults.toString(), "faults must be a JSON object such as "
                    + "{\"duplicate\": 0.01, \"null\": {\"rate\": 0.005, \"fields\": [\"amount\"]}}"));
            return;
        }
        for (Map.Entry<String, JsonNode> kind : faults.properties()) {
            String name = "faults." + kind.getKey();
            JsonNode value = kind.getValue();
            if (value.isValueNode()) {
                ALIASES.set(builder, name, value.asText(), problems);
            } else if (value.isObject()) {
                for (Map.Entry<String, JsonNode> part : value.properties()) {
                    JsonNode partValue = part.getValue();
                    List<String> items = new ArrayList<>();
                    if (partValue.isArray()) {
                        partValue.forEach(item -> items.add(item.asText()));
                    } else {
                        items.add(partValue.asText());
                    }
                    ALIASES.set(builder, name + "." + part.getKey(), String.join(",", items), problems);
                }
            } else {
                errors.add(new FieldError(name, value.toString(), name
                        + " must be a rate or an object {\"rate\": RATE, \"fields\": [...]}"));
            }
        }
    }

    /**
     * Puts the request's {@code sink_config} into {@code config}, over the server's settings: an object of strings,
     * numbers or booleans, each passed as text, as {@code -c key=value} passes it; a key also given as a top-level
     * field is reported.
     */
    private static void sinkConfig(JsonNode body, String sink, Map<String, String> config, List<FieldError> errors) {
        JsonNode settings = body.get(SINK_CONFIG);
        if (settings == null || settings.isNull()) {
            return;
        }
        if (!settings.isObject()) {
            errors.add(new FieldError(SINK_CONFIG, shown(SINK_CONFIG, settings), SINK_CONFIG
                    + " must be a JSON object of the sink's settings, e.g. {\"path\": \"/data/out\", "
                    + "\"format_type\": \"csv\"}"));
            return;
        }
        for (Map.Entry<String, JsonNode> setting : settings.properties()) {
            String key = setting.getKey();
            JsonNode value = setting.getValue();
            String field = SINK_CONFIG + "." + key;
            if (!value.isValueNode() || value.isNull()) {
                errors.add(new FieldError(field, shown(key, value), field + " must be a string, number or boolean"));
            } else if (body.has(key) && S3_FIELDS.contains(key)) {
                errors.add(new FieldError(field, shown(key, value), key + " is given twice: as a field and in "
                        + SINK_CONFIG + "; keep one"));
            } else {
                config.put(key, value.asText());
            }
        }
    }

    /** @return the value as the answer may show it: secrets (passwords, keys, JAAS settings) masked */
    static String shown(String key, JsonNode value) {
        return SECRETS.isSecret(key) ? SECRETS.display(key, value.toString()) : value.isTextual() ? value.asText()
                : value.toString();
    }

    /** Only its notion of a secret key is used. */
    private static final SinkConfig SECRETS = new SinkConfig(SINK_CONFIG, Map.of(), List.of());

    private static boolean isZero(String number) {
        try {
            return Double.parseDouble(number) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Maps a spec setting name to the request field it came from. */
    static String fieldOf(String setting) {
        return ALIASES.doorName(setting);
    }

    /**
     * @return the field's value as text for the settings table (a JSON number or string), {@code otherwise} when
     *     absent; a value of another type is reported
     */
    /** @return the array of names {@code field} holds as the comma-separated text of the setting */
    private static String joined(JsonNode body, String field, List<FieldError> errors) {
        List<String> names = new ArrayList<>();
        for (JsonNode name : body.get(field)) {
            if (!name.isTextual()) {
                errors.add(new FieldError(field, body.get(field).toString(), field + " must be a string or an "
                        + "array of strings"));
                return null;
            }
            names.add(name.asText());
        }
        return String.join(",", names);
    }

    /** @return {@code max_records} given as an object of counts by domain, as the setting's DOMAIN=N text */
    private static String counts(JsonNode body, List<FieldError> errors) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : body.get("max_records").properties()) {
            if (!entry.getValue().isNumber() && !entry.getValue().isTextual()) {
                errors.add(new FieldError("max_records", body.get("max_records").toString(),
                        "max_records must be a number, DOMAIN=N text or an object of numbers by domain"));
                return null;
            }
            entries.add(entry.getKey() + "=" + entry.getValue().asText());
        }
        return String.join(",", entries);
    }

    private static String scalar(JsonNode body, String field, String otherwise, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.isNumber() && !node.isTextual()) {
            errors.add(new FieldError(field, node.toString(), field + " must be a number"));
            return null;
        }
        return node.asText();
    }

    private static String text(JsonNode body, String field, boolean required, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, null, field + " is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, node.toString(), field + " must be a string"));
            return null;
        }
        return node.asText();
    }
}
