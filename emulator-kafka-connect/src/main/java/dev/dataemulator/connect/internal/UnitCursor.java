package dev.dataemulator.connect.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.support.Shards;

/**
 * Reads one unit's records in order from its domain's stream: position {@code p} is the domain's record
 * {@link Shards#seq(int, int, long) p * shards + shard}, up to the shard's share of {@code max.records} and of the
 * domain's capacity. Not thread-safe.
 */
public final class UnitCursor {
    private final Unit unit;
    private final int shards;
    private final Fixtures.Stream stream;
    private final long end;
    private long position;

    /**
     * @param unit the unit
     * @param shards the shard count
     * @param stream the domain's record stream, shared by the domain's units in a task
     * @param maxRecords records per domain across all shards, 0 for unlimited
     * @param position the position to start at (from the stored offset)
     */
    public UnitCursor(Unit unit, int shards, Fixtures.Stream stream, long maxRecords, long position) {
        this.unit = unit;
        this.shards = shards;
        this.stream = stream;
        long limit = maxRecords > 0 ? Math.min(maxRecords, stream.capacity()) : stream.capacity();
        this.end = Shards.count(shards, unit.shard(), limit);
        this.position = position;
    }

    /** @return the unit */
    public Unit unit() {
        return unit;
    }

    /** @return whether the unit has written all its records */
    public boolean done() {
        return position >= end;
    }

    /** @return the sequence number of the next record, the value stored as the unit's offset after a record */
    public long nextSeq() {
        long seq = Shards.seq(shards, unit.shard(), position);
        return seq < 0 ? Long.MAX_VALUE : seq;
    }

    /** @return the next record, or {@code null} when the unit is done (limit reached or domain exhausted) */
    public EmulatedRecord next() {
        if (done()) {
            return null;
        }
        long seq = Shards.seq(shards, unit.shard(), position);
        EmulatedRecord record = seq < 0 ? null : stream.record(seq);
        if (record == null) {
            position = end;
            return null;
        }
        position++;
        return record;
    }
}
