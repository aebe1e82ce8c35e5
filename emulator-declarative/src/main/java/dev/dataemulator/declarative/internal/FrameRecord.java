package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;

/** One record: its evaluated frame, written in declared order. Immutable. */
class FrameRecord implements RecordData {
    private final Struct root;
    private final Frame frame;
    private final String key;

    FrameRecord(Struct root, Frame frame, String key) {
        this.root = root;
        this.frame = frame;
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public void writeFields(FieldWriter out) {
        root.writeFields(out, frame);
    }
}
