package dev.dataemulator.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.RateCurve;
import dev.dataemulator.core.support.SinkConfig;
import java.time.Duration;
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
            "speed", "hourly", "late_fraction", "late_max", "sink_config");
    /** The field holding the sink's own settings as a JSON object. */
    static final String SINK_CONFIG = "sink_config";
    /** The fields of the {@code minio} sink only. */
    static final List<String> S3_FIELDS = List.of("format_type", "sync_type", "max_chunk_size");
    /** Default {@code timeout}, in seconds. */
    static final double DEFAULT_TIMEOUT_SECONDS = 60;
    /** Default {@code threads}. */
    static final int DEFAULT_THREADS = 5;

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
        String domain = text(body, "emulation_domain", true, errors);
        if (domain != null) {
            builder.domain(domain);
        }
        Long threads = integer(body, "threads", errors);
        builder.threads(threads == null ? DEFAULT_THREADS : (int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, threads)));
        Double timeout = decimal(body, "timeout", errors);
        builder.duration(Duration.ofMillis(Math.round((timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout) * 1000)));
        Long maxRecords = integer(body, "max_records", errors);
        if (maxRecords != null) {
            builder.maxRecords(maxRecords);
        }
        Double rate = decimal(body, "rate", errors);
        if (rate != null) {
            builder.ratePerSecond(rate);
        }
        Long seed = integer(body, "seed", errors);
        if (seed != null) {
            builder.seed(seed);
        }
        eventTime(body, builder, errors);
        EmulationSpec spec = null;
        try {
            spec = builder.build();
        } catch (InvalidSettingException e) {
            for (InvalidSettingException.Violation v : e.violations()) {
                String field = fieldOf(v.setting());
                // a field already reported (missing, wrong type) is not reported twice
                if (errors.stream().noneMatch(known -> field.equals(known.field()))) {
                    errors.add(new FieldError(field, v.value(), e.violations().size() == 1 ? e.getMessage()
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
     * Event time fields, with the CLI's meaning: {@code backfill_from} + {@code backfill_to} (ISO-8601 instants) a
     * backfill; {@code backfill_from} (or now) + {@code speed} an accelerated clock; {@code hourly} 24 weights;
     * {@code late_fraction} + {@code late_max} (seconds) late records.
     */
    private static void eventTime(JsonNode body, EmulationSpec.Builder builder, List<FieldError> errors) {
        String from = text(body, "backfill_from", false, errors);
        String to = text(body, "backfill_to", false, errors);
        Double speed = decimal(body, "speed", errors);
        try {
            if (speed != null) {
                if (to != null) {
                    errors.add(new FieldError("backfill_to", to, "an accelerated clock (speed) has no end"));
                } else {
                    builder.eventTime(EventTime.accelerated(from == null ? Instant.now() : Instant.parse(from), speed));
                }
            } else if (from != null || to != null) {
                builder.eventTime(EventTime.backfill(from == null ? null : Instant.parse(from),
                        to == null ? null : Instant.parse(to)));
            }
        } catch (InvalidSettingException e) {
            errors.add(new FieldError(to != null ? "backfill_to" : "speed", e.violations().get(0).value(),
                    e.getMessage()));
        } catch (RuntimeException e) {
            errors.add(new FieldError("backfill_from", from + ".." + to,
                    "expected ISO-8601 instants, e.g. 2026-01-01T00:00:00Z"));
        }
        JsonNode hourly = body.get("hourly");
        if (hourly != null && !hourly.isNull()) {
            if (!hourly.isArray()) {
                errors.add(new FieldError("hourly", hourly.toString(), "hourly must be an array of 24 numbers"));
            } else {
                double[] weights = new double[hourly.size()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = hourly.get(i).asDouble(Double.NaN);
                }
                try {
                    builder.rateCurve(RateCurve.hourly(weights));
                } catch (InvalidSettingException e) {
                    errors.add(new FieldError("hourly", hourly.toString(), e.getMessage()));
                }
            }
        }
        // 0 is a valid share (no late records); the spec checks the range and asks for late_max when it is above 0
        Double lateFraction = number(body, "late_fraction", errors);
        Double lateMax = decimal(body, "late_max", errors);
        if (lateFraction != null) {
            builder.lateness(lateFraction, lateMax == null ? null : Duration.ofMillis(Math.round(lateMax * 1000)));
        } else if (lateMax != null && (body.get("late_fraction") == null || body.get("late_fraction").isNull())) {
            errors.add(new FieldError("late_max", body.get("late_max").toString(),
                    "late_max needs late_fraction, the share of records that arrive late"));
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
        for (Iterator<Map.Entry<String, JsonNode>> fields = settings.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> setting = fields.next();
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

    /** Maps a spec setting name to the request field it came from. */
    static String fieldOf(String setting) {
        return switch (setting) {
            case "domain" -> "emulation_domain";
            case "sink" -> "emulator_sync";
            case "duration" -> "timeout";
            case "maxRecords" -> "max_records";
            case "ratePerSecond" -> "rate";
            case "eventTime" -> "backfill_from";
            case "rateCurve" -> "hourly";
            case "lateness" -> "late_fraction";
            default -> setting;
        };
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

    private static Long integer(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(field, node.toString(), field + " must be an integer"));
            return null;
        }
        return node.asLong();
    }

    /** @return the field's value, or null when absent or not a number (reported) */
    private static Double number(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(field, node.toString(), field + " must be a number"));
            return null;
        }
        return node.asDouble();
    }

    /** @return the field's value, or null when absent, not a number or not positive (reported) */
    private static Double decimal(JsonNode body, String field, List<FieldError> errors) {
        Double value = number(body, field, errors);
        if (value == null) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!(value > 0) || !Double.isFinite(value)) {
            errors.add(new FieldError(field, node.toString(), field + " must be positive"));
            return null;
        }
        return value;
    }
}
