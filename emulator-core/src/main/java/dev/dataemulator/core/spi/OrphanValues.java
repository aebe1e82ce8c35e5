package dev.dataemulator.core.spi;

/**
 * Makes values of a reference field that resolve to no parent record: the {@code orphan} fault. A domain whose schema
 * knows its references returns one from {@link DomainGenerator#orphans(String)}. Each value written must be of the
 * field's declared type and provably absent from the parent's values. Thread-safe.
 */
@FunctionalInterface
public interface OrphanValues {
    /**
     * Writes an absent value in place of the field's clean value.
     *
     * @param out where the record's fields go
     * @param name the field's name
     * @param draw a pure function of (seed, domain, seq): which of the absent values
     */
    void write(FieldWriter out, String name, long draw);
}
