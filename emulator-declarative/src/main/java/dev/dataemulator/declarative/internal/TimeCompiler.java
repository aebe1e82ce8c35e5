package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.spi.FieldType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Compiles {@code date} and {@code timestamp} and reads the instants and durations of the format. Reports into the
 * compilation's {@link Problems}. Not thread-safe; one per compilation.
 */
final class TimeCompiler {
    private final Problems problems;

    TimeCompiler(Problems problems) {
        this.problems = problems;
    }

    Field time(String kind, String name, Node params, String path, String seedPath, Node.Location at) {
        FieldType type = kind.equals("date") ? FieldType.DATE : FieldType.TIMESTAMP;
        Params p = new Params(params, at, path, problems, List.of("between", "now"));
        if (p.has("between") == p.has("now")) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "exactly one of 'between: [from, to]' or 'now: {offset, jitter}'", null);
            return null;
        }
        if (!p.ok()) {
            return null;
        }
        if (p.has("between")) {
            Node between = p.get("between");
            if (!between.isList() || between.items().size() != 2) {
                problems.bad(between, p.path("between"), "a list of two " + (type == FieldType.DATE
                        ? "dates, e.g. [\"2020-01-01\", \"2025-12-31\"]"
                        : "instants or dates, e.g. [\"2024-01-01T00:00:00Z\", \"2024-12-31\"]"));
                return null;
            }
            Long from = instant(between.items().get(0), p.path("between") + "[0]", type, false);
            Long to = instant(between.items().get(1), p.path("between") + "[1]", type, true);
            if (from == null || to == null) {
                return null;
            }
            if (from > to) {
                problems.bad(between.items().get(1), p.path("between") + "[1]", "a bound not before the first ("
                        + between.items().get(0).text() + ")");
                return null;
            }
            return new Fields.BetweenField(name, seedPath, path, at, type, from, to);
        }
        Params now = new Params(p.get("now"), at, p.path("now"), problems, List.of("offset", "jitter"));
        Long offset = duration(now, "offset", 0L);
        Long jitter = duration(now, "jitter", 0L);
        if (jitter != null && jitter < 0) {
            problems.bad(now.get("jitter"), now.path("jitter"), "a non-negative duration");
            return null;
        }
        if (offset == null || jitter == null || !now.ok()) {
            return null;
        }
        return new Fields.NowField(name, seedPath, path, at, type, offset, jitter);
    }

    /** @return epoch days (dates) or epoch microseconds (timestamps); null after a problem */
    private Long instant(Node node, String path, FieldType type, boolean upper) {
        if (node.kind() != Node.Kind.STRING) {
            problems.bad(node, path, type == FieldType.DATE ? "an ISO date such as 2020-01-01"
                    : "an ISO instant such as 2024-01-01T00:00:00Z, or a date");
            return null;
        }
        String text = ((String) node.value()).strip();
        try {
            if (type == FieldType.DATE) {
                return LocalDate.parse(text).toEpochDay();
            }
            Instant instant;
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                instant = (upper ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
                long micros = instant.getEpochSecond() * 1_000_000L;
                return upper ? micros - 1 : micros;
            }
            try {
                instant = Instant.parse(text);
            } catch (DateTimeParseException e) {
                instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
        } catch (DateTimeParseException | ArithmeticException e) {
            problems.bad(node, path, type == FieldType.DATE ? "an ISO date such as 2020-01-01"
                    : "an ISO instant such as 2024-01-01T00:00:00Z, or a date such as 2024-01-01");
            return null;
        }
    }

    /** @return microseconds; null after a problem */
    Long duration(Params p, String key, Long otherwise) {
        return duration(p.get(key), p.path(key), otherwise);
    }

    /** @return microseconds, {@code otherwise} when {@code node} is null; null after a problem */
    Long duration(Node node, String path, Long otherwise) {
        if (node == null) {
            return otherwise;
        }
        String expected = "a duration such as 90s, -15m, 2h, 1d, 500ms or PT1H30M";
        if (node.kind() != Node.Kind.STRING) {
            problems.bad(node, path, expected);
            return null;
        }
        String text = ((String) node.value()).strip();
        try {
            Duration duration = SettingText.parseDuration(text);
            return Math.multiplyExact(duration.getSeconds(), 1_000_000L) + duration.getNano() / 1000;
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.bad(node, path, expected);
            return null;
        }
    }
}
