package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.List;

/** The compiled fields of one object: declared order for writing, dependency order for evaluation. Immutable. */
final class Struct {
    final Field[] fields;
    final Field[] evalOrder;
    final RecordSchema schema;

    Struct(List<Field> fields, List<Field> evalOrder, RecordSchema schema) {
        this.fields = fields.toArray(new Field[0]);
        this.evalOrder = evalOrder.toArray(new Field[0]);
        this.schema = schema;
    }

    Frame evaluate(Env env, long coord) {
        Frame frame = new Frame(fields.length);
        for (Field field : evalOrder) {
            field.evalOrNull(env, frame, field.slot, coord);
        }
        return frame;
    }

    void writeFields(FieldWriter out, Frame frame) {
        for (Field field : fields) {
            field.write(out, field.name, frame, field.slot);
        }
    }
}
