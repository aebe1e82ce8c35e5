package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.Seeding;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.time.Clock;

/**
 * Makes record {@code seq} of a domain stream: seeds its random source from (seed, domain, seq), asks the factory
 * for the data and encodes it once. The one path shared by the runner's workers and by fixtures, so both make the
 * same records. Not thread-safe: one per worker.
 */
public final class RecordMaker {
    private final String emulationId;
    private final String domain;
    private final long domainSeed;
    private final boolean envelope;
    private final Clock clock;
    private final RecordFactory factory;
    private final DeliveryTracker tracker;
    private final RecordSchema schema;
    private final JsonEncoder encoder = new JsonEncoder();

    public RecordMaker(String emulationId, String domain, long seed, boolean envelope, Clock clock,
            DomainGenerator generator, DeliveryTracker tracker) {
        this.emulationId = emulationId;
        this.domain = domain;
        this.domainSeed = Seeding.derive(seed, domain);
        this.envelope = envelope;
        this.clock = clock;
        this.factory = generator.newFactory();
        this.schema = generator.schema().orElse(null);
        this.tracker = tracker;
    }

    /** @return record {@code seq}, or {@code null} when the domain is exhausted */
    public EmulatedRecord make(long seq) {
        RecordData data = factory.create(seq, Seeding.forRecord(domainSeed, seq));
        if (data == null) {
            return null;
        }
        long timestamp = Math.floorDiv(clock.millis(), 1000L);
        byte[] json = encoder.encode(emulationId, timestamp, envelope, data);
        return new EmulatedRecord(emulationId, domain, seq, timestamp, envelope, data, json, tracker, schema);
    }
}
