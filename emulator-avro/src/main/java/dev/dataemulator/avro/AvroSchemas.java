package dev.dataemulator.avro;

import dev.dataemulator.core.spi.RecordSchema;
import org.apache.avro.Schema;

/**
 * A {@link RecordSchema} as an Avro {@link Schema}: the schema {@link RecordSchema#toAvroSchema(boolean)} exports (what
 * {@code emulator schema --format avro} prints), parsed. The one mapping of the project: Avro object files, Avro values
 * on Kafka and the exported schema are the same schema. STRING as {@code string}, UUID as {@code string (uuid)}, INT,
 * LONG, DOUBLE, BOOLEAN, DECIMAL(p,s) as {@code bytes (decimal)}, TIMESTAMP as {@code long (timestamp-micros)}, DATE
 * as {@code int (date)}, structs as nested records, lists as arrays; nullable fields as {@code ["null", T]} with a
 * null default.
 */
public final class AvroSchemas {
    /** Where the record names live. */
    public static final String NAMESPACE = "dev.dataemulator.records";
    /** The envelope's field holding the emulation id. */
    public static final String EMULATION_ID = "emulation_id";
    /** The envelope's field holding the record's timestamp, epoch seconds. */
    public static final String TIMESTAMP = "timestamp";
    /** The envelope's field holding the record's data. */
    public static final String DATA = "data";

    private AvroSchemas() {
    }

    /**
     * @param schema the record's schema
     * @param envelope whether records carry the envelope {@code {emulation_id, timestamp, data}}
     * @return the Avro schema
     */
    public static Schema schema(RecordSchema schema, boolean envelope) {
        return new Schema.Parser().parse(schema.toAvroSchema(envelope));
    }
}
