package dev.dataemulator.examples.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.RateCurve;
import dev.dataemulator.core.WorkerStatus;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** The JSON the service answers: an emulation, a list of them, an error. Stateless. */
final class JsonViews {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonViews() {
    }

    static Router.Response json(int status, JsonNode body) {
        try {
            return new Router.Response(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An emulation: id, status, the settings it runs with (request field names, {@code seed} the one in use),
     * resource, live stats, and once ended {@code stop_reason}; with workers, per-worker status and the error.
     *
     * @param statusOverride the status to show instead of the emulation's ({@code STOPPING}), or {@code null}
     * @param serverSettings the server's settings by sink: left out of the echoed {@code sink_config}, which shows
     *     what the request gave, secrets masked ({@code minio}'s {@code format_type}, {@code sync_type} and
     *     {@code max_chunk_size} are top-level fields, as in the original service)
     */
    static ObjectNode emulation(Emulation emulation, boolean withWorkers, String statusOverride,
            Map<String, Map<String, String>> serverSettings) {
        EmulationSpec spec = emulation.spec();
        EmulationReport report = emulation.report();
        ObjectNode node = JSON.createObjectNode();
        node.put("id", emulation.id());
        node.put("status", statusOverride != null ? statusOverride : report.status().name());
        report.stopped().ifPresent(reason -> node.put("stop_reason", reason.name()));
        node.put("emulator_sync", spec.sinkName().orElse("instance"));
        node.put("emulation_domain", spec.domain());
        node.put("resource", spec.targetResource());
        node.put("threads", spec.threads());
        spec.duration().ifPresent(d -> node.put("timeout", d.toMillis() / 1000.0));
        String counts = spec.toSettings().get("max_records");
        if (counts != null && counts.contains("=")) {
            node.put("max_records", counts);
        } else {
            spec.maxRecords().ifPresent(n -> node.put("max_records", n));
        }
        spec.ratePerSecond().ifPresent(rate -> node.put("rate", rate));
        node.put("seed", report.seed());
        if (spec.resume()) {
            node.put("resume", true);
        }
        node.put("resumable", EmulatorService.resumable(emulation));
        eventTime(spec, node);
        String sink = spec.sinkName().orElse("");
        Map<String, String> server = serverSettings.getOrDefault(sink, Map.of());
        ObjectNode sinkConfig = JSON.createObjectNode();
        spec.sinkConfig().forEach((key, value) -> {
            if (EmulationRequest.S3_FIELDS.contains(key) && sink.equals("minio")) {
                // where the original service shows them
                node.put(key, value);
            } else if (!value.equals(server.get(key))) {
                sinkConfig.put(key, EmulationRequest.shown(key, sinkConfig.textNode(value)));
            }
        });
        if (!sinkConfig.isEmpty()) {
            node.set(EmulationRequest.SINK_CONFIG, sinkConfig);
        }
        EmulationStats stats = report.stats();
        ObjectNode statsNode = node.putObject("stats");
        statsNode.put("generated", stats.generated());
        statsNode.put("delivered", stats.delivered());
        statsNode.put("failed", stats.failed());
        statsNode.put("bytes", stats.bytes());
        statsNode.put("elapsed_seconds", stats.elapsed().toMillis() / 1000.0);
        statsNode.put("rate_per_second", Math.round(stats.ratePerSecond()));
        if (!report.domainReports().isEmpty()) {
            // a run of several domains: each domain's resource, outcome and counts
            ArrayNode domains = node.putArray("domains");
            for (EmulationReport domain : report.domainReports()) {
                ObjectNode d = domains.addObject();
                d.put("emulation_domain", domain.domain());
                d.put("resource", domain.resource());
                d.put("status", domain.status().name());
                domain.stopped().ifPresent(reason -> d.put("stop_reason", reason.name()));
                d.put("generated", domain.stats().generated());
                d.put("delivered", domain.stats().delivered());
                d.put("failed", domain.stats().failed());
            }
        }
        if (withWorkers) {
            ArrayNode workers = node.putArray("workers");
            for (WorkerStatus worker : report.workers()) {
                ObjectNode w = workers.addObject();
                w.put("name", worker.name());
                w.put("status", worker.state().name());
                w.put("records", worker.records());
                if (worker.error() != null) {
                    w.put("error", worker.error());
                }
            }
            report.failure().ifPresent(cause -> node.put("error", cause.toString()));
        }
        return node;
    }

    /**
     * The event-time fields as a request names them: {@code backfill_from}, {@code backfill_to}, {@code speed},
     * {@code hourly} (the weights normalised to a mean of 1), {@code late_fraction}, {@code late_max} (seconds);
     * only those that differ from live, flat and on time.
     */
    private static void eventTime(EmulationSpec spec, ObjectNode node) {
        EventTime time = spec.eventTime();
        time.from().ifPresent(from -> node.put("backfill_from", from.toString()));
        time.to().ifPresent(to -> node.put("backfill_to", to.toString()));
        if (time.mode() == EventTime.Mode.ACCELERATED) {
            node.put("speed", time.speed());
        }
        RateCurve curve = spec.rateCurve();
        if (!curve.isFlat()) {
            ArrayNode hourly = node.putArray("hourly");
            // a Monday, so that an hourly curve's 24 weights come out in order, local hour 0 first
            ZonedDateTime day = LocalDate.of(2024, 1, 1).atStartOfDay(curve.zone());
            for (int hour = 0; hour < 24; hour++) {
                hourly.add(curve.weightAt(day.plusHours(hour).toInstant().toEpochMilli()));
            }
        }
        if (spec.latenessFraction() > 0) {
            node.put("late_fraction", spec.latenessFraction());
            node.put("late_max", spec.latenessMax().toMillis() / 1000.0);
        }
    }

    static ArrayNode list(List<Emulation> emulations, Map<String, Map<String, String>> serverSettings) {
        ArrayNode array = JSON.createArrayNode();
        emulations.forEach(emulation -> array.add(emulation(emulation, false, null, serverSettings)));
        return array;
    }

    /** {@code {"error": message}}. */
    static ObjectNode error(String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        return node;
    }

    /**
     * A 400 naming every bad field: {@code {"error", "field", "value", "errors": [{"field", "value", "error"}]}};
     * {@code field} and {@code value} repeat the first of {@code errors}.
     */
    static ObjectNode badRequest(List<EmulationRequest.FieldError> errors) {
        EmulationRequest.FieldError first = errors.get(0);
        ObjectNode node = error(errors.size() == 1 ? first.message()
                : errors.size() + " invalid fields: " + String.join("; ",
                        errors.stream().map(EmulationRequest.FieldError::message).toList()));
        if (first.field() != null) {
            node.put("field", first.field());
            node.put("value", first.value());
        }
        ArrayNode list = node.putArray("errors");
        for (EmulationRequest.FieldError e : errors) {
            ObjectNode item = list.addObject();
            if (e.field() != null) {
                item.put("field", e.field());
                item.put("value", e.value());
            }
            item.put("error", e.message());
        }
        return node;
    }
}
