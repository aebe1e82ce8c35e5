package dev.dataemulator.core.spi;

import dev.dataemulator.core.EmulatedRecord;

/**
 * A destination for emulated records: a Kafka topic, an S3 bucket, memory.
 *
 * <p>One instance is shared by all workers of an emulation (and may be shared by several emulations), so every
 * method must be thread-safe. The runner calls {@link #setupResource(String)} once before the first record,
 * {@link #produce(String, String, EmulatedRecord)} for every record, {@link #flush()} once at the end and
 * {@link #close()} when it created the instance itself.
 *
 * <p><b>Delivery accounting.</b> A sink takes ownership of a record when {@code produce} returns normally and must
 * then report its outcome exactly once through {@link EmulatedRecord#tracker()}: {@link DeliveryTracker#delivered}
 * when it is durable, {@link DeliveryTracker#failed} when it never will be. Reports may arrive asynchronously (Kafka
 * callbacks, finished uploads) and in bulk (one report for a whole object). When {@code produce} throws, the sink
 * did not take the record and the runner counts it as failed itself. A failure that makes further production
 * pointless (bad credentials, missing authorization) is reported with {@link DeliveryTracker#abort(Throwable)},
 * which fails the emulation fast.
 */
public interface SyncProducer extends AutoCloseable {

    /**
     * Makes sure {@code resource} (topic, bucket) exists, creating it when missing. Idempotent, tolerant of a
     * concurrent creator, and bounded in time: an unreachable server fails with a {@link dev.dataemulator.core.SinkException}
     * instead of hanging.
     *
     * @param resource the topic or bucket name
     */
    void setupResource(String resource);

    /**
     * Hands one record to the sink. May block for back-pressure (a full buffer) but never drops a record.
     *
     * @param resource the topic or bucket, already set up
     * @param key the record key (domain specific, e.g. the transaction id)
     * @param record the record; its JSON encoding is {@link EmulatedRecord#json()}
     */
    void produce(String resource, String key, EmulatedRecord record);

    /**
     * Blocks until every record handed over so far is durable or reported failed.
     */
    void flush();

    /**
     * Flushes what is buffered and releases resources; bounded in time. Records that cannot be delivered before the
     * bound are reported failed. Idempotent.
     */
    @Override
    void close();

    /**
     * Where the labels of damaged records go (the {@code faults} setting, unless {@code fault_labels=false}): the
     * runner sets this resource up after the records' and produces every label to it as a record of the domain
     * {@code <domain>_faults} without envelope, accounted like any record.
     *
     * @param resource the emulation's resource
     * @return by default {@code <resource>_faults}, a topic or table beside the records'; a sink whose resource is a
     *     container of objects (a bucket, a directory) returns {@code resource} itself, so that the labels are the
     *     objects of the domain {@code <domain>_faults} in it
     */
    default String labelResource(String resource) {
        return resource + "_faults";
    }

    /**
     * @return the name of the typed format this sink writes records in (e.g. {@code parquet}, {@code avro}), whose
     *     typed values hold neither a cut record nor a value of another type, so that the faults setting's
     *     {@code malformed} and {@code wrong_type} are refused at start; empty (the default) when the sink writes the
     *     records' text (JSON, CSV)
     */
    default java.util.Optional<String> typedFormat() {
        return java.util.Optional.empty();
    }

    /**
     * @return whether this sink keeps a resumable emulation's durable progress, so that {@code resume=true} may
     *     select it; {@code false} (the default) makes the runner refuse {@code resume=true} at start, naming the sink
     */
    default boolean resumable() {
        return false;
    }

    /**
     * The sink settings that decide what the sink writes where (an object's size or format, a transaction's size),
     * by key: they become part of a resumable emulation's settings ({@link ResumeRequest#settings()}, as
     * {@code sink_config.KEY}), so that a resume with other values is refused. Never connection settings or secrets.
     *
     * @return the settings; empty by default
     */
    default java.util.Map<String, String> resumeSettings() {
        return java.util.Map.of();
    }

    /**
     * Called once when a resumable emulation ({@code resume=true}) starts, after {@link #setupResource(String)} and
     * before any record: reads what the sink durably holds of emulation {@link ResumeRequest#emulationId()} in
     * {@link ResumeRequest#resource()}. When it holds nothing, the sink stores the request's settings durably and
     * returns {@link ResumePoint#fresh(ResumeRequest)}; otherwise it returns the settings it stored then and each
     * lane's next position. From then on, for the records of that emulation, the sink keeps each lane's progress
     * durable as it goes ({@link dev.dataemulator.core.EmulatedRecord#lane()}, {@code position()}): a resume must
     * find every record before a lane's next position, and, for a sink that claims exactly once, none after it.
     * The runner compares the settings (refusing a resume whose settings differ, before any record) and starts each
     * lane at its next position. Bounded in time, like {@link #setupResource(String)}.
     *
     * @param request the emulation, its lane count and its settings
     * @return what the sink holds
     * @throws UnsupportedOperationException when the sink is not {@link #resumable()} (the default)
     */
    default ResumePoint resume(ResumeRequest request) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no durable progress to resume from");
    }
}
