package dev.dataemulator.avro;

import dev.dataemulator.core.EmulatedRecord;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes records in Avro's binary encoding (a datum alone: no container header, no schema), straight from their typed
 * fields: decimals as {@code bytes (decimal)}, timestamps as {@code long (timestamp-micros)}, dates as
 * {@code int (date)}. What Avro object files append to their blocks and what Kafka values carry after the schema id.
 * Not thread-safe: one per thread.
 */
public final class AvroBinary {
    private final Schema schema;
    private final AvroRecords records;
    private final GenericDatumWriter<GenericRecord> writer;
    private BinaryEncoder encoder;
    private OutputStream target;

    /**
     * @param schema the schema ({@link AvroSchemas#schema})
     * @param envelope whether records carry the envelope
     */
    public AvroBinary(Schema schema, boolean envelope) {
        this.schema = schema;
        this.records = new AvroRecords(schema, envelope);
        this.writer = new GenericDatumWriter<>(schema);
    }

    /** @return the schema records are written with */
    public Schema schema() {
        return schema;
    }

    /**
     * Appends the record's binary encoding to {@code out}; a record that does not fit the schema leaves {@code out}
     * untouched when the failure comes before the first byte, which checking each field before writing guarantees.
     *
     * @throws IllegalArgumentException when the record does not fit the schema
     * @throws IOException when {@code out} fails
     */
    public void write(EmulatedRecord record, OutputStream out) throws IOException {
        GenericRecord datum = records.build(record);
        if (out != target) {
            encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
            target = out;
        }
        try {
            writer.write(datum, encoder);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("record " + record.seq() + " cannot be written as Avro: "
                    + e.getMessage(), e);
        }
        encoder.flush();
    }
}
