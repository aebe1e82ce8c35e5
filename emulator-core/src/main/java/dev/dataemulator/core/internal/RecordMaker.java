package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;

/**
 * Makes record {@code seq} of a domain stream: works out its event time ({@link EventTimeline}), seeds its random
 * source from (seed, domain, seq), asks the factory for the data while the {@link RecordClock} reads the event time,
 * and wraps it in a record that encodes its JSON when a sink first asks for it. The one path shared by the runner's workers and by fixtures, so both make the same records.
 * Not thread-safe: one per worker.
 */
public final class RecordMaker {
    private final String emulationId;
    private final String domain;
    private final long domainSeed;
    private final boolean envelope;
    private final RecordClock clock;
    private final EventTimeline.Cursor timeline;
    private final RecordFactory factory;
    private final DeliveryTracker tracker;
    private final RecordSchema schema;
    /** The domain tells each record's event time (a lifecycle's changes), instead of the timeline. */
    private final boolean timed;
    private long plannedSeq = -1;
    private long plannedMillis;

    /**
     * @param clock the clock the generator was opened with
     * @param timeline the event times
     */
    public RecordMaker(String emulationId, String domain, long seed, boolean envelope, RecordClock clock,
            EventTimeline timeline, DomainGenerator generator, DeliveryTracker tracker) {
        this.emulationId = emulationId;
        this.domain = domain;
        this.domainSeed = Seeding.derive(seed, domain);
        this.envelope = envelope && !generator.unwrapped();
        this.clock = clock;
        this.timeline = timeline.cursor();
        this.factory = generator.newFactory();
        this.schema = generator.schema().orElse(null);
        this.tracker = tracker;
        this.timed = generator.timed();
    }

    /** @return whether the domain tells each record's event time ({@link DomainGenerator#timed()}) */
    public boolean timed() {
        return timed;
    }

    /**
     * @param seq a record
     * @return its event time before lateness, epoch millis (what an accelerated clock paces by); remembered for the
     *     following {@link #make(long)} of the same record
     */
    public long plannedMillis(long seq) {
        if (seq != plannedSeq) {
            plannedMillis = timed ? factory.eventMillis(seq) : timeline.plannedMillis(seq);
            plannedSeq = seq;
        }
        return plannedMillis;
    }

    /** @return record {@code seq}, or {@code null} when the domain is exhausted */
    public EmulatedRecord make(long seq) {
        long eventMillis = timed ? plannedMillis(seq) : timeline.eventMillis(seq, plannedMillis(seq));
        plannedSeq = -1;
        long[] slot = clock.slot();
        RecordData data;
        slot[0] = eventMillis;
        try {
            data = factory.create(seq, Seeding.forRecord(domainSeed, seq));
        } finally {
            slot[0] = RecordClock.none();
        }
        if (data == null) {
            return null;
        }
        long timestamp = Math.floorDiv(eventMillis, 1000L);
        return RecordAccess.make(emulationId, domain, seq, timestamp, eventMillis, envelope, data, null, tracker,
                schema);
    }
}
