package dev.dataemulator.core.spi;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a domain is prepared with.
 *
 * @param seed the emulation seed; everything a domain generates must derive from it (and the record's sequence number)
 * @param clock the emulation clock, for "now"-relative timestamps
 * @param options domain options from the spec ({@code EmulationSpec.Builder#domainOption}); unknown keys should be
 *     rejected with {@link dev.dataemulator.core.InvalidSettingException}
 */
public record DomainContext(long seed, Clock clock, Map<String, String> options) {
    public DomainContext {
        Objects.requireNonNull(clock, "clock");
        options = Map.copyOf(options);
    }
}
