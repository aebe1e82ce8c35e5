package dev.dataemulator.core;

import dev.dataemulator.core.internal.DefaultEmulation;
import dev.dataemulator.core.internal.Drift;
import dev.dataemulator.core.internal.EventTimeline;
import dev.dataemulator.core.internal.Faults;
import dev.dataemulator.core.internal.RecordClock;
import dev.dataemulator.core.internal.RecordMaker;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.Lanes;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.support.Shards;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deterministic records in memory, without a sink or threads: for unit tests and for checking what an emulation
 * wrote. Records are made by the same code path as the runner's workers, so
 * {@code Fixtures.of("transaction").seed(7).records(100)} equals records 0..99 of any emulation with seed 7 (and the
 * same clock, id and envelope setting), whatever its thread count. With {@link #fault(String, String) faults}, record
 * {@code seq} is damaged exactly as the runner damages it, and {@link Stream#repeatsAfter} gives the repeats
 * ({@code duplicate}) where a run at one thread hands them over.
 *
 * <pre>{@code
 * List<EmulatedRecord> records = Fixtures.of("transaction").seed(42).records(1_000);
 * }</pre>
 */
public final class Fixtures {
    private static final DeliveryTracker NO_TRACKING = DeliveryTracker.none();

    private final String domain;
    private long seed;
    private Clock clock = Clock.systemUTC();
    private boolean envelope = true;
    private String emulationId = "fixture";
    private DomainRegistry registry;
    private final Map<String, String> options = new LinkedHashMap<>();
    private EventTime eventTime = EventTime.live();
    private RateCurve rateCurve = RateCurve.flat();
    private double ratePerSecond;
    private double lateFraction;
    private Duration lateMax = Duration.ZERO;
    private final Map<String, String> faults = new LinkedHashMap<>();

    private Fixtures(String domain) {
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /** @return fixtures of {@code domain}, seed 0, system clock, envelope on, emulation id {@code fixture} */
    public static Fixtures of(String domain) {
        return new Fixtures(domain);
    }

    /** @return fixtures that reproduce the records of an emulation started from {@code spec} with {@code id} */
    public static Fixtures like(EmulationSpec spec, String emulationId, long seed) {
        Fixtures fixtures = of(spec.domain()).seed(seed).clock(spec.clock()).envelope(spec.envelope())
                .emulationId(emulationId).registry(spec.registry()).eventTime(spec.eventTime())
                .rateCurve(spec.rateCurve()).lateness(spec.latenessFraction(), spec.latenessMax());
        spec.ratePerSecond().ifPresent(fixtures::ratePerSecond);
        spec.domainOptions().forEach(fixtures::option);
        spec.faults().forEach(fixtures::fault);
        return fixtures;
    }

    public Fixtures seed(long seed) {
        this.seed = seed;
        return this;
    }

    public Fixtures clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public Fixtures envelope(boolean envelope) {
        this.envelope = envelope;
        return this;
    }

    public Fixtures emulationId(String emulationId) {
        this.emulationId = Objects.requireNonNull(emulationId, "emulationId");
        return this;
    }

    public Fixtures registry(DomainRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /**
     * Event times as in {@link EmulationSpec.Builder#eventTime(EventTime)}; a virtual clock also needs
     * {@link #ratePerSecond(double)}. Default live (the fixture's clock).
     */
    public Fixtures eventTime(EventTime eventTime) {
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        return this;
    }

    /** The rate curve, as in {@link EmulationSpec.Builder#rateCurve(RateCurve)}; default flat. */
    public Fixtures rateCurve(RateCurve rateCurve) {
        this.rateCurve = Objects.requireNonNull(rateCurve, "rateCurve");
        return this;
    }

    /** The average rate in records per event second of a virtual clock, as {@link EmulationSpec#ratePerSecond()}. */
    public Fixtures ratePerSecond(double ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
        return this;
    }

    /** Late records, as in {@link EmulationSpec.Builder#lateness(double, Duration)}; default none. */
    public Fixtures lateness(double fraction, Duration max) {
        this.lateFraction = fraction;
        this.lateMax = max;
        return this;
    }

    /**
     * One entry of the faults setting, as in {@link EmulationSpec.Builder#fault(String, String)}: e.g.
     * {@code fault("null.rate", "0.1")}; without any, the domain's own faults apply, as in a run.
     */
    public Fixtures fault(String key, String value) {
        faults.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public Fixtures option(String key, String value) {
        options.put(key, value);
        return this;
    }

    /** @return records 0..count-1 (fewer when the domain is exhausted first) */
    public List<EmulatedRecord> records(int count) {
        return records(0, count);
    }

    /** @return records {@code from..from+count-1} (fewer when the domain is exhausted first) */
    public List<EmulatedRecord> records(long from, int count) {
        if (count < 0 || from < 0) {
            throw new InvalidSettingException("count", count, "from and count must not be negative");
        }
        Stream stream = stream();
        List<EmulatedRecord> records = new ArrayList<>(count);
        for (long seq = from; seq < from + count; seq++) {
            EmulatedRecord record = stream.record(seq);
            if (record == null) {
                break;
            }
            records.add(record);
        }
        return records;
    }

    /**
     * Opens the domain once and makes records on demand, by sequence number: for callers that make many records
     * over time (a Kafka Connect task, a long test), so the domain's shared state is built only once.
     *
     * @return a stream of this fixture's records; not thread-safe, one per thread
     */
    public Stream stream() {
        DomainRegistry domains = registry != null ? registry : DomainRegistry.discover();
        EmulationSpec.Builder settings = EmulationSpec.builder().registry(domains).domain(domain)
                .sink(new MemorySyncProducer()).clock(clock).eventTime(eventTime)
                .rateCurve(rateCurve);
        options.forEach(settings::domainOption);
        faults.forEach(settings::fault);
        boolean timed = domains.provider(domain).timed(options);
        if (ratePerSecond != 0 || (eventTime.isVirtual() && !timed) || !rateCurve.isFlat()) {
            settings.ratePerSecond(ratePerSecond);
        }
        if (lateFraction != 0) {
            settings.lateness(lateFraction, lateMax);
        }
        // the spec's checks are the fixture's: the same settings are valid for both
        RecordClock recordClock = new RecordClock(clock);
        DomainContext context = new DomainContext(seed, recordClock, options);
        DomainGenerator generator = domains.provider(domain).open(context);
        EmulationSpec spec = settings.build();
        EventTimeline timeline = DefaultEmulation.timeline(spec, seed, generator.timed());
        Faults damage = DefaultEmulation.faults(spec);
        Drift.Bound drift = DefaultEmulation.bind(damage, spec, generator, context);
        return new Stream(new RecordMaker(emulationId, domain, seed, envelope, recordClock, timeline, generator,
                NO_TRACKING, damage, drift), Math.min(generator.capacity(), timeline.recordCount()),
                timeline.isTimed() ? timeline.endMillis() : Long.MAX_VALUE);
    }

    /**
     * A record of a payload of your choosing, for testing a sink without a domain:
     * {@code Fixtures.record(data).domain("trip").seq(3).tracker(tracker).build()}.
     *
     * @param data the payload
     * @return a builder of one record: emulation id and domain {@code fixture}, seq and timestamp 0, no envelope, JSON
     *     encoded from the data when first asked for, no schema, a tracker that records nothing
     */
    public static RecordBuilder record(RecordData data) {
        return new RecordBuilder(data);
    }

    /**
     * A copy of a record with some of its parts changed, e.g. {@code Fixtures.record(record).tracker(mine).build()}
     * to count its deliveries.
     *
     * @param record the record to copy
     * @return a builder that starts from every part of {@code record}
     */
    public static RecordBuilder record(EmulatedRecord record) {
        return new RecordBuilder(record.data()).emulationId(record.emulationId())
                .domain(record.domain()).seq(record.seq()).timestamp(record.timestamp())
                .eventTimeMillis(record.eventTimeMillis()).envelope(record.envelope()).json(record.json())
                .tracker(record.tracker()).schema(record.schema().orElse(null));
    }

    /** Builds one record; see {@link Fixtures#record(RecordData)}. Not thread-safe. */
    public static final class RecordBuilder {
        private final RecordData data;
        private String emulationId = "fixture";
        private String domain = "fixture";
        private long seq;
        private long timestamp;
        private Long eventTimeMillis;
        private boolean envelope;
        private byte[] json;
        private DeliveryTracker tracker = NO_TRACKING;
        private RecordSchema schema;
        private int lane;
        private Long position;

        private RecordBuilder(RecordData data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        /** @return this builder, with the id of the emulation that made the record */
        public RecordBuilder emulationId(String emulationId) {
            this.emulationId = Objects.requireNonNull(emulationId, "emulationId");
            return this;
        }

        /** @return this builder, with the record's domain name */
        public RecordBuilder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /** @return this builder, with the record's sequence number */
        public RecordBuilder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /**
         * @return this builder, with the worker lane that made the record and its position in the emulation's stream
         *     (default lane 0 at the position of the seq), for testing a sink's resume
         */
        public RecordBuilder lane(int lane, long position) {
            this.lane = lane;
            this.position = position;
            return this;
        }

        /** @return this builder, with the envelope timestamp in epoch seconds (the event time too, unless set) */
        public RecordBuilder timestamp(long epochSeconds) {
            this.timestamp = epochSeconds;
            return this;
        }

        /** @return this builder, with the record's event time in epoch millis; default the timestamp's */
        public RecordBuilder eventTimeMillis(long eventTimeMillis) {
            this.eventTimeMillis = eventTimeMillis;
            return this;
        }

        /** @return this builder, with whether the record's JSON is the envelope or the data alone */
        public RecordBuilder envelope(boolean envelope) {
            this.envelope = envelope;
            return this;
        }

        /**
         * @param json the record's JSON as a sink sends it (UTF-8), kept as given; {@code null} to encode the data
         *     when first asked for
         * @return this builder
         */
        public RecordBuilder json(byte[] json) {
            this.json = json;
            return this;
        }

        /** @return this builder, with where the sink reports the record's outcome */
        public RecordBuilder tracker(DeliveryTracker tracker) {
            this.tracker = Objects.requireNonNull(tracker, "tracker");
            return this;
        }

        /** @return this builder, with the schema of the record's domain, {@code null} for none (the default) */
        public RecordBuilder schema(RecordSchema schema) {
            this.schema = schema;
            return this;
        }

        /** @return the record */
        public EmulatedRecord build() {
            long eventTime = eventTimeMillis != null ? eventTimeMillis : timestamp * 1000L;
            return new EmulatedRecord(emulationId, domain, seq, timestamp, eventTime, envelope, data, json, tracker,
                    schema, null, lane, position != null ? position : seq);
        }
    }

    /** Records of one domain by sequence number. Not thread-safe. */
    public static final class Stream {
        private final RecordMaker maker;
        private final long capacity;
        /** The end of a timed domain's backfill: its records from then on are not made. */
        private final long endMillis;

        private Stream(RecordMaker maker, long capacity, long endMillis) {
            this.maker = maker;
            this.capacity = capacity;
            this.endMillis = endMillis;
        }

        /**
         * @param seq the sequence number, from 0
         * @return record {@code seq}, or {@code null} when the domain has no such record (exhausted)
         */
        public EmulatedRecord record(long seq) {
            if (seq < 0 || seq >= capacity) {
                return null;
            }
            if (endMillis != Long.MAX_VALUE) {
                long planned = maker.plannedMillis(seq);
                if (planned != Long.MAX_VALUE && planned >= endMillis) {
                    return null;
                }
            }
            return maker.make(seq);
        }

        /**
         * The repeats ({@code duplicate} faults) a run at one thread hands over right after the record at
         * {@code position}, in its order: each is a copy of an earlier record of the same block of
         * {@link Lanes#BLOCK} positions, labelled {@code duplicate}.
         *
         * @param position a position in the run's (or shard's) sequence, from 0
         * @param shards the shard count (1 without shards)
         * @param shard the shard's index
         * @param limit the run's (or shard's) count of positions, {@link Long#MAX_VALUE} when unlimited
         * @return the repeats, empty without the faults setting
         */
        public List<EmulatedRecord> repeatsAfter(long position, int shards, int shard, long limit) {
            if (!maker.damages()) {
                return List.of();
            }
            long blockStart = position - position % Lanes.BLOCK;
            long blockEnd = Math.min(limit, blockStart + Lanes.BLOCK);
            List<EmulatedRecord> repeats = new ArrayList<>(0);
            for (long from = Math.max(blockStart, position - Faults.REPEAT_WINDOW); from <= position; from++) {
                long seq = Shards.seq(shards, shard, from);
                if (seq >= 0 && maker.repeatDue(seq, from, blockEnd) == position) {
                    EmulatedRecord original = maker.make(seq, from);
                    if (original != null) {
                        repeats.add(maker.duplicate(original, blockEnd));
                    }
                }
            }
            return repeats;
        }

        /**
         * @param record a record of this stream (or a repeat)
         * @return its label (a record of the domain {@code <domain>_faults}, see docs/FAULTS.md), or {@code null} for
         *     a clean record
         */
        public EmulatedRecord label(EmulatedRecord record) {
            return maker.label(record);
        }

        /**
         * Refuses the faults that values of {@code format} cannot hold, as a sink's typed format does: all but
         * {@code duplicate} when {@code typed}, else {@code malformed} (a structured value, not encoded text).
         *
         * @param format what the values are, named in the error (e.g. {@code Kafka Connect Struct values})
         * @param typed whether the values are typed
         * @throws InvalidSettingException naming the {@code faults.KEY} that the format cannot hold
         */
        public void checkFormat(String format, boolean typed) {
            maker.checkFormat(format, typed);
        }

        /** @return the schema of {@link #label labels}: emulation_id, seq, key, kind, field, original */
        public RecordSchema labelSchema() {
            return RecordMaker.labelSchema();
        }

        /** @return whether the faults setting has a schema drift, so that records change shape from an event time */
        public boolean drifts() {
            return maker.drifts();
        }

        /** @return whether the faults setting damages or repeats records, so that there are labels */
        public boolean damages() {
            return maker.damages();
        }

        /** @return how many records the domain can make, {@link Long#MAX_VALUE} when unbounded */
        public long capacity() {
            return capacity;
        }
    }
}
