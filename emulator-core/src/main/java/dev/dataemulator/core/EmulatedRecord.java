package dev.dataemulator.core;

import dev.dataemulator.core.internal.JsonEncoder;
import dev.dataemulator.core.internal.MapFieldWriter;
import dev.dataemulator.core.internal.RecordAccess;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One emulated record as a sink receives it: who made it ({@link #emulationId()}, {@link #domain()},
 * {@link #seq()}), its payload ({@link #data()}), its JSON encoding ({@link #json()}) and where to report its
 * delivery ({@link #tracker()}). Immutable. The runner's records are encoded to JSON lazily, on the first call of
 * {@link #json()} (by a sink that sends JSON), so a sink writing another format (CSV, Parquet, Avro, Connect structs)
 * never pays for it; the encoding is then kept, and {@link #json()} returns that shared array, which must not be
 * modified. Thread-safe.
 */
public final class EmulatedRecord {
    private final String emulationId;
    private final String domain;
    private final long seq;
    private final long timestamp;
    private final long eventTimeMillis;
    private final boolean envelope;
    private final RecordData data;
    /** Null until first asked for when the record was made without it; racy but idempotent. */
    private volatile byte[] json;
    private final DeliveryTracker tracker;
    private final RecordSchema schema;
    private final String fault;
    private final int lane;
    private final long position;

    static {
        RecordAccess.install(EmulatedRecord::new);
    }

    /**
     * Made by the runner (through {@link RecordAccess}) and by {@link Fixtures}; sinks and tests receive instances
     * rather than build them.
     *
     * @param emulationId the emulation's id
     * @param domain the domain name
     * @param seq the record's sequence number in its domain
     * @param timestamp the envelope timestamp, epoch seconds
     * @param eventTimeMillis the record's event time, epoch millis ({@link #eventTime()})
     * @param envelope whether {@code json} is the envelope (see {@link #envelope()}) or {@code data} alone
     * @param data the payload
     * @param json the JSON encoding of the record (envelope or data), UTF-8, or {@code null} to encode it on the
     *     first call of {@link #json()}
     * @param tracker where the sink reports the outcome
     * @param schema the domain's schema ({@link dev.dataemulator.core.spi.DomainGenerator#schema()}), or {@code null}
     *     when it declares none
     * @param fault the label ({@link #fault()}), or {@code null} for a clean record
     * @param lane the worker lane that made it ({@link #lane()})
     * @param position its position in the emulation's stream ({@link #position()})
     */
    EmulatedRecord(String emulationId, String domain, long seq, long timestamp, long eventTimeMillis,
            boolean envelope, RecordData data, byte[] json, DeliveryTracker tracker, RecordSchema schema,
            String fault, int lane, long position) {
        this.fault = fault;
        this.lane = lane;
        this.position = position;
        this.schema = schema;
        this.eventTimeMillis = eventTimeMillis;
        this.emulationId = Objects.requireNonNull(emulationId, "emulationId");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.seq = seq;
        this.timestamp = timestamp;
        this.envelope = envelope;
        this.data = Objects.requireNonNull(data, "data");
        this.json = json;
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** @return the id of the emulation that made the record */
    public String emulationId() {
        return emulationId;
    }

    /** @return the domain name, e.g. {@code transaction} */
    public String domain() {
        return domain;
    }

    /** @return the record's sequence number in its domain; unique within an emulation */
    public long seq() {
        return seq;
    }

    /**
     * @return the worker lane that made the record, from 0 to the emulation's {@code threads} - 1: a lane makes its
     *     records in the order of their {@link #position()}, the same ones in every run with the same settings (see
     *     {@link dev.dataemulator.core.support.Lanes}), so a sink keeps a resumable emulation's progress per lane.
     *     0 for records made outside an emulation ({@link Fixtures})
     */
    public int lane() {
        return lane;
    }

    /**
     * @return the record's position in the emulation's stream: its {@link #seq()} without shards, else its index in
     *     the shard's records ({@link dev.dataemulator.core.support.Shards}); what a lane's progress counts in. A
     *     record the {@code faults} setting repeats has the position of the record it repeats. Outside an emulation
     *     ({@link Fixtures}), the seq
     */
    public long position() {
        return position;
    }

    /** @return the envelope timestamp, epoch seconds */
    public long timestamp() {
        return timestamp;
    }

    /**
     * @return the record's event time: the emulation clock when it was made (live), or the virtual clock's time for
     *     its sequence number (backfill, accelerated), moved earlier when the record is late; the envelope
     *     {@code timestamp} and the domain's time fields derive from it. See {@link EventTime}.
     */
    public Instant eventTime() {
        return Instant.ofEpochMilli(eventTimeMillis);
    }

    /** @return {@link #eventTime()} in epoch millis */
    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    /** @return whether {@link #json()} wraps the data in the envelope {@code {"emulation_id", "timestamp", "data"}} */
    public boolean envelope() {
        return envelope;
    }

    /** @return the record key, from the domain (e.g. the transaction id) */
    public String key() {
        return data.key();
    }

    /** @return the payload */
    public RecordData data() {
        return data;
    }

    /**
     * @return the schema of the record's domain (the same instance for every record of an emulation), or empty when
     *     the domain declares none
     */
    public Optional<RecordSchema> schema() {
        return Optional.ofNullable(schema);
    }

    /**
     * @return the payload as an ordered map of field names to values as its JSON reads: strings, {@code Long},
     *     {@code Double}, {@code BigDecimal} (decimals, with their scale), {@code Boolean}, nulls, timestamps and dates
     *     as ISO-8601 strings, lists as {@code List}s, nested objects as maps
     */
    public Map<String, Object> dataAsMap() {
        return MapFieldWriter.toMap(data);
    }

    /**
     * @return the UTF-8 JSON encoding (the envelope or the data alone, as {@link #envelope()} says), made on the first
     *     call when the record was made without it; shared, do not modify
     */
    public byte[] json() {
        byte[] encoded = json;
        if (encoded == null) {
            // two threads asking at once both encode the same immutable data to equal bytes; either array will do
            encoded = JsonEncoder.forCurrentThread().encode(emulationId, timestamp, envelope, data);
            json = encoded;
        }
        return encoded;
    }

    /** @return the JSON encoding as a string */
    public String jsonString() {
        return new String(json(), StandardCharsets.UTF_8);
    }

    /** @return where the sink reports this record's outcome */
    public DeliveryTracker tracker() {
        return tracker;
    }

    /**
     * @return the label of the fault the {@code faults} setting put into this record: {@code kind} (e.g.
     *     {@code duplicate}, {@code malformed}) or {@code kind:field} (e.g. {@code null:amount}); empty for a clean
     *     record. A {@code duplicate} repeats record {@link #seq()} unchanged, later on (at most 32 records after it).
     */
    public Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    /** @return the domain, seq and JSON; a record whose data cannot be encoded says why instead of throwing */
    @Override
    public String toString() {
        String text;
        try {
            text = jsonString();
        } catch (RuntimeException e) {
            text = "(not encodable: " + e.getMessage() + ")";
        }
        return "EmulatedRecord[" + domain + " #" + seq + " " + text + "]";
    }
}
