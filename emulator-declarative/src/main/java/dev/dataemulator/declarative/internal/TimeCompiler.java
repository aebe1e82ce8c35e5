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
        Params p = new Params(params, at, path, problems, type == FieldType.DATE ? List.of("between", "now", "after")
                : List.of("between", "now", "after", "hours", "weekdays"));
        int given = (p.has("between") ? 1 : 0) + (p.has("now") ? 1 : 0) + (p.has("after") ? 1 : 0);
        if (given != 1) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "exactly one of 'between: [from, to]', 'now: {offset, jitter}' or 'after: {field, min, max}'",
                    null);
            return null;
        }
        TimeWindow window = window(p);
        if (!p.ok()) {
            return null;
        }
        if (window != null && p.has("now")) {
            problems.bad(p.get(p.has("hours") ? "hours" : "weekdays"), p.path(p.has("hours") ? "hours" : "weekdays"),
                    "hours and weekdays with between or after (a 'now' timestamp follows the clock)");
            return null;
        }
        if (p.has("after")) {
            return after(name, p, seedPath, at, type, window);
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
            Fields.BetweenField field = new Fields.BetweenField(name, seedPath, path, at, type, from, to);
            field.window = window;
            return field;
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

    private static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** @return the daily window of {@code hours} and {@code weekdays}, null without them or after a problem */
    private TimeWindow window(Params p) {
        if (!p.has("hours") && !p.has("weekdays")) {
            return null;
        }
        int fromHour = 0;
        int toHour = 24;
        Node hours = p.get("hours");
        if (hours != null) {
            List<Node> items = hours.isList() ? hours.items() : List.of();
            if (items.size() != 2 || items.get(0).kind() != Node.Kind.INTEGER
                    || items.get(1).kind() != Node.Kind.INTEGER || (Long) items.get(0).value() < 0
                    || (Long) items.get(0).value() >= (Long) items.get(1).value() || (Long) items.get(1).value() > 24) {
                problems.bad(hours, p.path("hours"), "[from, to]: whole hours with 0 <= from < to <= 24 (UTC, to "
                        + "exclusive), e.g. [9, 17]");
                return null;
            }
            fromHour = (int) (long) (Long) items.get(0).value();
            toHour = (int) (long) (Long) items.get(1).value();
        }
        int mask = 0x7f;
        Node weekdays = p.get("weekdays");
        if (weekdays != null) {
            if (!weekdays.isList() || weekdays.items().isEmpty()) {
                problems.bad(weekdays, p.path("weekdays"), "a non-empty list of days: " + String.join(", ", WEEKDAYS));
                return null;
            }
            mask = 0;
            for (int i = 0; i < weekdays.items().size(); i++) {
                Node day = weekdays.items().get(i);
                String text = day.kind() == Node.Kind.STRING ? ((String) day.value()).strip().toLowerCase(
                        java.util.Locale.ROOT) : day.text();
                int index = WEEKDAYS.indexOf(text);
                if (index < 0) {
                    problems.add(day.location(), p.path("weekdays") + "[" + i + "]", day.text(), "a day: one of "
                            + String.join(", ", WEEKDAYS), Problems.suggest(text, WEEKDAYS));
                    return null;
                }
                mask |= 1 << index;
            }
        }
        return new TimeWindow(fromHour, toHour, mask);
    }

    /** Reads {@code after: {field, min (0), max (min)}}; the field is resolved with the record's other fields. */
    private Field after(String name, Params p, String seedPath, Node.Location at, FieldType type, TimeWindow window) {
        Params after = new Params(p.get("after"), p.get("after").location(), p.path("after"), problems,
                List.of("field", "min", "max"));
        String field = after.string("field", null);
        if (field == null && !after.has("field")) {
            after.missing("field", "the date or timestamp field of the record this one comes after");
        }
        Long min = duration(after, "min", 0L);
        Long max = min == null ? null : duration(after, "max", min);
        if (field == null || min == null || max == null || !after.ok()) {
            return null;
        }
        if (max < min) {
            problems.bad(after.get("max"), after.path("max"), "at least min (" + after.get("min").text() + ")");
            return null;
        }
        if (type == FieldType.DATE) {
            for (String key : List.of("min", "max")) {
                Long value = key.equals("min") ? min : max;
                if (after.has(key) && value % TimeWindow.DAY != 0) {
                    problems.bad(after.get(key), after.path(key), "whole days for a date, e.g. 30d");
                    return null;
                }
            }
        }
        return new Fields.AfterField(name, seedPath, p.path, at, type, field, min, max, window);
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
