package dev.dataemulator.avro;

import dev.dataemulator.core.EmulatedRecord;
import java.io.ByteArrayOutputStream;
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
 * Records whose fields come in the schema's order and whose schema has no arrays are encoded as their fields are
 * written ({@link AvroStream}); the others through an Avro generic record ({@link AvroRecords}) and Avro's own
 * {@link GenericDatumWriter}, which also reports what does not fit. Both give the same bytes. Not thread-safe: one
 * per thread.
 */
public final class AvroBinary {
    private final Schema schema;
    private final Schema data;
    private final boolean envelope;
    private final AvroRecords records;
    private final GenericDatumWriter<GenericRecord> writer;
    private final AvroStream stream;
    private final Scratch scratch = new Scratch();
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(scratch, null);

    /**
     * @param schema the schema ({@link AvroSchemas#schema})
     * @param envelope whether records carry the envelope
     */
    public AvroBinary(Schema schema, boolean envelope) {
        this.schema = schema;
        this.envelope = envelope;
        this.data = envelope ? schema.getField(AvroSchemas.DATA).schema() : schema;
        this.records = new AvroRecords(schema, envelope);
        this.writer = new GenericDatumWriter<>(schema);
        this.stream = AvroStream.supports(schema) ? new AvroStream() : null;
    }

    /** @return the schema records are written with */
    public Schema schema() {
        return schema;
    }

    /**
     * Appends the record's binary encoding to {@code out}; a record that does not fit the schema leaves {@code out}
     * untouched.
     *
     * @throws IllegalArgumentException when the record does not fit the schema
     * @throws IOException when {@code out} fails
     */
    public void write(EmulatedRecord record, OutputStream out) throws IOException {
        if (record.envelope() != envelope) {
            throw new IllegalArgumentException("record " + record.seq() + (envelope ? " lacks" : " has")
                    + " the envelope, unlike the schema");
        }
        scratch.reset();
        boolean written = false;
        if (stream != null) {
            try {
                stream.write(record, data, envelope, encoder);
                written = true;
            } catch (AvroStream.Unsupported e) {
                scratch.reset();
            }
        }
        if (!written) {
            GenericRecord datum = records.build(record);
            try {
                writer.write(datum, encoder);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("record " + record.seq() + " cannot be written as Avro: "
                        + e.getMessage(), e);
            }
        }
        encoder.flush();
        scratch.writeTo(out);
    }

    /** A reusable buffer. */
    private static final class Scratch extends ByteArrayOutputStream {
        Scratch() {
            super(512);
        }
    }
}
