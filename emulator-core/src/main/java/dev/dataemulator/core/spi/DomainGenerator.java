package dev.dataemulator.core.spi;

/**
 * The per-emulation state of a domain, shared by all workers. Thread-safe.
 */
public interface DomainGenerator {

    /**
     * @return a new factory for one worker thread; factories are not shared between threads
     */
    RecordFactory newFactory();

    /**
     * @return the number of distinct records the domain can make (e.g. 9000 user profiles for the default user id
     *     space), or {@link Long#MAX_VALUE} when unbounded
     */
    default long capacity() {
        return Long.MAX_VALUE;
    }

    /**
     * The typed shape of every record this generator makes, known before the first record. Formats that need types
     * (CSV columns, Parquet, Avro, Connect {@code Struct}s, Spark) read it; records must match it exactly (same
     * fields, order, types; null only where the field is nullable).
     *
     * @return the schema, or empty when the domain declares none (then only schema-free formats can use it)
     */
    default java.util.Optional<RecordSchema> schema() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the records carry their own event times ({@link RecordFactory#eventMillis(long)}), as the changes of an
     * entity lifecycle do. The runner then takes each record's event time from the domain instead of the rate:
     * a virtual clock needs no rate, a backfill ends at the first record at or after its end, an accelerated clock
     * paces by the records' times, and live a record is made when the clock reaches its event time. Lateness does
     * not apply.
     *
     * @return false by default
     */
    default boolean timed() {
        return false;
    }

    /**
     * @return whether the records are whole messages of a layout of their own (Debezium change events) that the
     *     envelope ({@code EmulationSpec#envelope()}) never wraps; false by default
     */
    default boolean unwrapped() {
        return false;
    }

    /**
     * How the {@code orphan} fault makes a value of a field that resolves to no parent record.
     *
     * @param field a top-level field of the {@link #schema() schema}
     * @return the maker of absent values when the field is a reference to another domain; empty by default (no
     *     field is a reference)
     * @throws IllegalArgumentException when the field is a reference whose parent values leave no value provably
     *     absent, saying why
     */
    default java.util.Optional<OrphanValues> orphans(String field) {
        return java.util.Optional.empty();
    }
}
