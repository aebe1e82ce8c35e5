package dev.dataemulator.core.spi;

import dev.dataemulator.core.EmulatedRecord;
import java.io.IOException;

/**
 * Writes the records of one object. Not thread-safe: the sink guards each object with a lock or gives it to one
 * thread. Memory held is bounded by the format (a Parquet row group, an Avro block), never by the object's length.
 */
public interface ObjectWriter {

    /**
     * Appends a record of the object's domain.
     *
     * @param record the record
     * @throws IllegalArgumentException when the record does not fit the object (other columns, a value that does not
     *     match its schema); the object stays usable
     * @throws IOException when the output fails; the object is then broken
     */
    void add(EmulatedRecord record) throws IOException;

    /** @return records written so far */
    long records();

    /**
     * @return a measure of the object's uncompressed size so far in bytes, buffered data included (text formats: the
     *     bytes written; Avro: the encoded records; Parquet: the records' plain-encoded values); sinks compare it with
     *     {@code max_chunk_size}, and report each record's share as its encoded size
     *     ({@link DeliveryTracker#encoded(long)})
     */
    long bytes();

    /**
     * Writes what completes the object (a JSON bracket, a Parquet footer, the last Avro block). Idempotent; the
     * output stream stays open.
     *
     * @throws IOException when the output fails
     */
    void finish() throws IOException;
}
