package dev.dataemulator.spark.internal;

import org.apache.spark.sql.connector.read.streaming.Offset;

/** A stream position: the seq of the next record; its JSON form is the number. */
final class SeqOffset extends Offset {
    private final long seq;

    SeqOffset(long seq) {
        this.seq = seq;
    }

    static SeqOffset parse(String json) {
        try {
            return new SeqOffset(Long.parseLong(json.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an emulator offset (a record seq): " + json, e);
        }
    }

    long seq() {
        return seq;
    }

    @Override
    public String json() {
        return Long.toString(seq);
    }
}
