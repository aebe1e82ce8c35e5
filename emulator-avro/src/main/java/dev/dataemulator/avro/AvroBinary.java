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
    private final Bytes bytes = new Bytes();
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);

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
        bytes.truncate(0);
        encode(record);
        bytes.writeTo(out);
    }

    /**
     * @param header bytes to put first, e.g. a wire format's magic byte and schema id
     * @return a new array: {@code header}, then the record's binary encoding
     * @throws IllegalArgumentException when the record does not fit the schema
     */
    public byte[] encode(EmulatedRecord record, byte[] header) {
        bytes.truncate(0);
        bytes.write(header, 0, header.length);
        encode(record);
        return bytes.copy();
    }

    private void encode(EmulatedRecord record) {
        if (record.envelope() != envelope) {
            throw new IllegalArgumentException("record " + record.seq() + (envelope ? " lacks" : " has")
                    + " the envelope, unlike the schema");
        }
        int start = bytes.size();
        if (stream != null) {
            try {
                stream.write(record, data, envelope, bytes);
                return;
            } catch (AvroStream.Unsupported e) {
                bytes.truncate(start);
            }
        }
        GenericRecord datum = records.build(record);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            bytes.truncate(start);
            throw new IllegalArgumentException("record " + record.seq() + " cannot be written as Avro: "
                    + e.getMessage(), e);
        }
    }
}
