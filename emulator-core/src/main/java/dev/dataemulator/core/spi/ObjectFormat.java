package dev.dataemulator.core.spi;

import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.core.EmulatedRecord;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A configured object format: how the records of one object (file) are laid out. Made by
 * {@link FormatProvider#configure(SinkConfig)}; immutable and thread-safe, while each {@link ObjectWriter} it opens
 * belongs to one object and one thread at a time.
 */
public interface ObjectFormat {

    /** @return the format's name, e.g. {@code parquet} */
    String name();

    /** @return the file extension without the dot, e.g. {@code parquet} */
    String extension();

    /** @return the MIME type of an object */
    String contentType();

    /**
     * @return whether the format compresses its own content (Parquet, Avro); the sinks' whole-object {@code gzip}
     *     setting is then rejected
     */
    default boolean compressesItself() {
        return false;
    }

    /**
     * @return whether {@link ObjectWriter#add} does the encoding work (columnar and binary formats, whose records are
     *     not encoded ahead by {@link #prepare}); in chunked mode the sinks then give each producing thread its own
     *     open objects, so that threads encode in parallel instead of queueing on one object
     */
    default boolean encodesInWriter() {
        return false;
    }

    /**
     * Does the part of a record's encoding that needs no object, on the producing thread before the sink takes the
     * lock of the object the record goes to, so that producing threads encode in parallel; {@link ObjectWriter#add}
     * then only appends. The JSON formats encode {@link EmulatedRecord#json()} here. Does nothing by default.
     *
     * @param record a record about to be added
     * @throws RuntimeException when the record cannot be encoded; the sink reports it as not taken
     */
    default void prepare(EmulatedRecord record) {
        // nothing to do ahead
    }

    /**
     * @return the format of objects holding a single record ({@code sync_type: single}); by default this one
     *     ({@code json} answers a plain JSON document rather than a one-element array)
     */
    default ObjectFormat forSingleRecords() {
        return this;
    }

    /**
     * Opens a new object.
     *
     * @param out where the object's bytes go; not closed by the writer
     * @param first the object's first record, not yet written: it tells the domain, its
     *     {@link EmulatedRecord#schema() schema} and whether records carry the envelope
     * @return a writer for this object
     * @throws dev.dataemulator.core.InvalidSettingException when the format cannot write such records (e.g. a
     *     typed format for a domain without a schema), naming {@code format_type}
     * @throws IOException when the output fails
     */
    ObjectWriter open(OutputStream out, EmulatedRecord first) throws IOException;
}
