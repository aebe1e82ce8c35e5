package dev.dataemulator.declarative;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.support.Seeding;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: records of a provider as maps with typed values, made the way the runner makes them. */
final class Records {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final Path EXAMPLES = Path.of("..", "emulator-examples", "src", "main", "resources", "domains");

    private Records() {
    }

    /** @return the first {@code count} records of a domain 'd' of the given field lines, for {@code seed} */
    static List<Map<String, Object>> ofFields(long seed, int count, String... fields) {
        StringBuilder yaml = new StringBuilder("version: 1\ndomains:\n  d:\n    fields:\n");
        for (String field : fields) {
            yaml.append("      ").append(field).append('\n');
        }
        return maps(DeclarativeDomains.parse(yaml.toString()).get(0), seed, count);
    }

    static DomainProvider provider(List<DomainProvider> providers, String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static DomainGenerator open(DomainProvider provider, long seed) {
        return provider.open(new DomainContext(seed, CLOCK, Map.of()));
    }

    /** @return record seq of the factory, the way the runner calls it, or null when exhausted */
    static RecordData create(RecordFactory factory, String domain, long seed, long seq) {
        return factory.create(seq, Seeding.forRecord(Seeding.derive(seed, domain), seq));
    }

    static List<Map<String, Object>> maps(DomainProvider provider, long seed, int count) {
        RecordFactory factory = open(provider, seed).newFactory();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            RecordData data = create(factory, provider.name(), seed, seq);
            if (data == null) {
                break;
            }
            out.add(toMap(data));
        }
        return out;
    }

    static Map<String, Object> toMap(RecordData data) {
        MapWriter writer = new MapWriter();
        data.writeFields(writer);
        return writer.root;
    }

    /** Collects fields with typed values: BigDecimal, Instant, LocalDate, List, Map. */
    static final class MapWriter implements FieldWriter {
        final Map<String, Object> root = new LinkedHashMap<>();
        private final Deque<Object> stack = new ArrayDeque<>(List.of(root));

        @SuppressWarnings("unchecked")
        private void put(String name, Object value) {
            Object top = stack.peek();
            if (top instanceof List) {
                ((List<Object>) top).add(value);
            } else {
                ((Map<String, Object>) top).put(name, value);
            }
        }

        @Override
        public void string(String name, String value) {
            put(name, value);
        }

        @Override
        public void integer(String name, long value) {
            put(name, value);
        }

        @Override
        public void floating(String name, double value) {
            put(name, value);
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            put(name, BigDecimal.valueOf(unscaled, scale));
        }

        @Override
        public void timestamp(String name, long epochMicros) {
            put(name, Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                    Math.floorMod(epochMicros, 1_000_000L) * 1000));
        }

        @Override
        public void date(String name, int epochDay) {
            put(name, LocalDate.ofEpochDay(epochDay));
        }

        @Override
        public void beginList(String name) {
            List<Object> list = new ArrayList<>();
            put(name, list);
            stack.push(list);
        }

        @Override
        public void endList() {
            stack.pop();
        }

        @Override
        public void bool(String name, boolean value) {
            put(name, value);
        }

        @Override
        public void nullValue(String name) {
            put(name, null);
        }

        @Override
        public void beginObject(String name) {
            Map<String, Object> child = new LinkedHashMap<>();
            put(name, child);
            stack.push(child);
        }

        @Override
        public void endObject() {
            stack.pop();
        }
    }
}
