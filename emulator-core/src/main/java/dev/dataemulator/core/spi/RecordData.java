package dev.dataemulator.core.spi;

/**
 * The payload of one emulated record, written field by field so that encoders (JSON, CSV) need no intermediate
 * map. Implementations are immutable.
 */
public interface RecordData {

    /**
     * @return the record key (e.g. the transaction id or the user id)
     */
    String key();

    /**
     * Writes the fields in a stable order. Must write the same fields, in the same order, for every record of a
     * domain (null values included), so that CSV columns line up.
     *
     * @param out the destination
     */
    void writeFields(FieldWriter out);

    /**
     * @return whether this record deletes the entity its key names (a Debezium delete event): a sink that keeps the
     *     latest value per key, as a compacted Kafka topic does, follows it with a tombstone (the key, no value);
     *     false by default
     */
    default boolean deletesKey() {
        return false;
    }
}
