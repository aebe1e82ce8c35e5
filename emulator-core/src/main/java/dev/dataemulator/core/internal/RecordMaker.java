package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.spi.OrphanValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
    /** Null without the faults setting: then a record costs one null check more. */
    private final Faults faults;
    /** The makers of absent values of the {@code orphan} fields, by field; empty without. */
    private final Map<String, OrphanValues> orphans;
    /** Null without a schema drift. */
    private final Drift.Bound drift;
    /** Makes the fields the drift adds; null without. */
    private final RecordFactory adder;
    /** The domain tells each record's event time (a lifecycle's changes), instead of the timeline. */
    private final boolean timed;
    /** The lane this maker's records are made in; 0 outside an emulation. */
    private int lane;
    private long plannedSeq = -1;
    private long plannedMillis;

    /**
     * @param clock the clock the generator was opened with
     * @param timeline the event times
     * @param faults the faults to put into records, checked against the generator's schema; {@code null} for none
     * @param drift the schema drift, bound to the generator; {@code null} for none
     */
    public RecordMaker(String emulationId, String domain, long seed, boolean envelope, RecordClock clock,
            EventTimeline timeline, DomainGenerator generator, DeliveryTracker tracker, Faults faults,
            Drift.Bound drift) {
        this.faults = faults;
        this.orphans = faults == null ? Map.of() : faults.orphans(domain, generator);
        this.drift = drift;
        this.adder = drift == null ? null : drift.newAdder();
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

    /**
     * @param workerLane the lane whose records this maker makes ({@link EmulatedRecord#lane()})
     * @return this maker
     */
    public RecordMaker inLane(int workerLane) {
        this.lane = workerLane;
        return this;
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

    /** @return record {@code seq} at position {@code seq} (no shards), or {@code null} when the domain is exhausted */
    public EmulatedRecord make(long seq) {
        return make(seq, seq);
    }

    /**
     * @param seq the record's sequence number
     * @param position its position in the emulation's stream ({@link EmulatedRecord#position()})
     * @return record {@code seq}, or {@code null} when the domain is exhausted
     */
    public EmulatedRecord make(long seq, long position) {
        long eventMillis = timed ? plannedMillis(seq) : timeline.eventMillis(seq, plannedMillis(seq));
        plannedSeq = -1;
        long[] slot = clock.slot();
        RecordData data;
        RecordData added = null;
        boolean drifted = drift != null && eventMillis >= drift.atMillis();
        slot[0] = eventMillis;
        try {
            data = factory.create(seq, Seeding.forRecord(domainSeed, seq));
            if (data != null && drifted) {
                added = drift.added(adder, seq);
            }
        } finally {
            slot[0] = RecordClock.none();
        }
        if (data == null) {
            return null;
        }
        long timestamp = Math.floorDiv(eventMillis, 1000L);
        RecordSchema version = drifted ? drift.schema() : schema;
        Faults.Choice fault = faults == null ? null : faults.decide(domainSeed, seq);
        if (fault == null || fault.kind() == Faults.Kind.DUPLICATE) {
            return RecordAccess.make(emulationId, domain, seq, timestamp, eventMillis, envelope,
                    drifted ? new DriftedData(data, drift, added) : data, null, tracker, version, null, lane,
                    position);
        }
        byte[] json = null;
        if (fault.kind() == Faults.Kind.MALFORMED) {
            data = drifted ? new DriftedData(data, drift, added) : data;
            json = cut(JsonEncoder.forCurrentThread().encode(emulationId, timestamp, envelope, data));
        } else {
            // the fault names a field of the old version; the drift then renames or drops it like any other
            data = new FaultyData(data, fault, schema.field(fault.field()).orElseThrow().type(),
                    orphans.get(fault.field()), faults.orphanDraw(domainSeed, seq));
            data = drifted ? new DriftedData(data, drift, added) : data;
        }
        return RecordAccess.make(emulationId, domain, seq, timestamp, eventMillis, envelope, data, json, tracker,
                version, fault.label(), lane, position);
    }

    /**
     * @param record a record this maker made
     * @param blockEnd the end (exclusive) of the block of positions it was made in
     * @return its repeat, labelled {@code duplicate}, when the faults setting repeats it; otherwise {@code null}. The
     *     repeat comes later on: its {@link EmulatedRecord#position() position} is the one after which it is to be
     *     handed over, 1 to {@link Faults#REPEAT_WINDOW} after the record's (drawn from the seed, domain and seq),
     *     brought forward to the block's last, so that it waits for no other block and a lane's positions never go
     *     back
     */
    public EmulatedRecord duplicate(EmulatedRecord record, long blockEnd) {
        long due = repeatDue(record.seq(), record.position(), blockEnd);
        if (due < 0) {
            return null;
        }
        return RecordAccess.make(emulationId, domain, record.seq(), record.timestamp(), record.eventTimeMillis(),
                envelope, record.data(), null, tracker, record.schema().orElse(null),
                Faults.Kind.DUPLICATE.text(), record.lane(), due);
    }

    /**
     * @param seq a record
     * @param position its position
     * @param blockEnd the end (exclusive) of the block of positions it is made in
     * @return the position after which its repeat is handed over ({@link #duplicate}), or -1 when the faults setting
     *     does not repeat it; without making the record
     */
    public long repeatDue(long seq, long position, long blockEnd) {
        if (faults == null) {
            return -1;
        }
        Faults.Choice fault = faults.decide(domainSeed, seq);
        if (fault == null || fault.kind() != Faults.Kind.DUPLICATE) {
            return -1;
        }
        return Math.min(blockEnd - 1, position + faults.repeatGap(domainSeed, seq));
    }

    /**
     * Refuses the faults a format cannot hold, as {@link Faults#checkFormat} (typed) or {@link Faults#checkStructured}.
     *
     * @param format the format, named in the error
     * @param typed whether its values are typed (no null in a required field, no value of another type)
     */
    public void checkFormat(String format, boolean typed) {
        if (faults != null && typed) {
            faults.checkFormat(format);
        } else if (faults != null) {
            faults.checkStructured(format);
        }
    }

    /** @return the schema of labels ({@link #label}): emulation_id, seq, key, kind, field, original */
    public static RecordSchema labelSchema() {
        return FaultLabel.SCHEMA;
    }

    /** @return whether the faults setting has a schema drift */
    public boolean drifts() {
        return drift != null;
    }

    /** @return whether the faults setting damages or repeats records (not a drift alone) */
    public boolean damages() {
        return faults != null && faults.damages();
    }

    /**
     * @param record a damaged record this maker made (or its repeat)
     * @return its label, a record of the domain {@code <domain>_faults} without envelope whose JSON is
     *     {@code {"emulation_id", "seq", "key", "kind", "field", "original"}}; {@code null} for a clean record
     */
    public EmulatedRecord label(EmulatedRecord record) {
        String fault = record.fault().orElse(null);
        if (fault == null) {
            return null;
        }
        int colon = fault.indexOf(':');
        String kind = colon < 0 ? fault : fault.substring(0, colon);
        String field = colon < 0 ? null : fault.substring(colon + 1);
        // a damaged field is named as the first version names it: its clean value is under the drift, if any
        RecordData firstVersion = record.data() instanceof DriftedData drifted ? drifted.undrifted() : record.data();
        RecordData clean = firstVersion instanceof FaultyData faulty ? faulty.clean() : record.data();
        String original = field != null ? FaultLabel.valueJson(clean, field)
                : kind.equals(Faults.Kind.MALFORMED.text()) ? new String(JsonEncoder.forCurrentThread()
                        .encode(emulationId, record.timestamp(), envelope, clean), StandardCharsets.UTF_8)
                : null;
        FaultLabel label = new FaultLabel(emulationId, record.seq(), record.key(), kind, field, original);
        return RecordAccess.make(emulationId, domain + FaultLabel.SUFFIX, record.seq(), record.timestamp(),
                record.eventTimeMillis(), false, label, null, tracker, FaultLabel.SCHEMA, null, record.lane(),
                record.position());
    }

    /** @return the first half of a JSON text, cut on a character boundary: never valid JSON, still UTF-8 */
    private static byte[] cut(byte[] json) {
        int end = json.length / 2;
        while (end > 0 && (json[end] & 0xC0) == 0x80) {
            end--;
        }
        return java.util.Arrays.copyOf(json, Math.max(end, 1));
    }
}
