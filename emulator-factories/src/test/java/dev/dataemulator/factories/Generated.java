package dev.dataemulator.factories;

import dev.dataemulator.core.internal.MapFieldWriter;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.support.Seeding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Test helper: records straight from a factory, as ordered field maps, without JSON or the engine. */
final class Generated {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Generated() {
    }

    static DomainGenerator open(DomainProvider provider, long seed, Map<String, String> options) {
        return provider.open(new DomainContext(seed, CLOCK, options));
    }

    static List<Map<String, Object>> records(DomainGenerator generator, long seed, int count) {
        RecordFactory factory = generator.newFactory();
        List<Map<String, Object>> records = new ArrayList<>(count);
        for (long seq = 0; seq < count; seq++) {
            RecordData data = factory.create(seq, new SplittableRandom(Seeding.mix(seed * 31 + seq)));
            if (data == null) {
                break;
            }
            records.add(fields(data));
        }
        return records;
    }

    /** @return the record's fields as its JSON reads (see {@code EmulatedRecord#dataAsMap()}) */
    static Map<String, Object> fields(RecordData data) {
        return MapFieldWriter.toMap(data);
    }
}
