package dev.dataemulator.core.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a domain is prepared with.
 *
 * @param seed the emulation seed; everything a domain generates must derive from it (and the record's sequence number)
 * @param clock the record clock, for "now"-relative timestamps: read while a {@link RecordFactory} makes a record
 *     (on the calling thread) it tells that record's event time ({@link dev.dataemulator.core.EmulatedRecord#eventTime()}:
 *     the emulation clock live, the virtual clock in backfill and accelerated modes); read anywhere else (e.g. in
 *     {@link DomainProvider#open}) it tells the emulation clock. Domains read it per record and never cache "now"
 *     across records, so their time fields follow the record's event time
 * @param options domain options from the spec ({@code EmulationSpec.Builder#domainOption}); unknown keys should be
 *     rejected with {@link dev.dataemulator.core.InvalidSettingException}
 */
public record DomainContext(long seed, Clock clock, Map<String, String> options) {
    public DomainContext {
        Objects.requireNonNull(clock, "clock");
        options = Map.copyOf(options);
    }
}
