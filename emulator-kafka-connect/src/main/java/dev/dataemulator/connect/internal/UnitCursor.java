package dev.dataemulator.connect.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.support.Shards;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The next position's records, as a run of the shard at one thread hands them over: the record, then the
     * repeats ({@code duplicate} faults) that come after it, each followed by its label when {@code labels}.
     *
     * @param labels whether to put each damaged record's label (domain {@code <domain>_faults}) right after it
     * @return the records, empty when the unit is done (limit reached or domain exhausted)
     */
    public List<EmulatedRecord> nextGroup(boolean labels) {
        if (done()) {
            return List.of();
        }
        long seq = Shards.seq(shards, unit.shard(), position);
        EmulatedRecord record = seq < 0 ? null : stream.record(seq);
        if (record == null) {
            position = end;
            return List.of();
        }
        List<EmulatedRecord> made = new ArrayList<>(1);
        made.add(record);
        made.addAll(stream.repeatsAfter(position, shards, unit.shard(), end));
        position++;
        if (!labels || !stream.damages()) {
            return made;
        }
        List<EmulatedRecord> group = new ArrayList<>(made.size() * 2);
        for (EmulatedRecord one : made) {
            group.add(one);
            EmulatedRecord label = stream.label(one);
            if (label != null) {
                group.add(label);
            }
        }
        return group;
    }

    /** @return the sequence number of the record a group before the unit's next one holds, to resume at it */
    public long groupSeq() {
        long seq = Shards.seq(shards, unit.shard(), position - 1);
        return seq < 0 ? Long.MAX_VALUE : seq;
    }
}
