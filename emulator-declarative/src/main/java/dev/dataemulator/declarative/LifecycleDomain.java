package dev.dataemulator.declarative;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import java.time.Instant;

/**
 * A domain whose records can be the changes of entities with a lifecycle, and which then makes the table those
 * changes leave at an instant: a declarative domain with {@code lifecycle:}, or a Java domain built on
 * {@link EntityLifecycle} (such as the bundled {@code user-profile} with {@code lifecycle=true}).
 * {@link Snapshots#at(DomainProvider, Instant)} serves every such domain.
 */
public interface LifecycleDomain extends DomainProvider {
    /**
     * @param context the seed, clock and domain options, the same as the change stream's
     * @param at the instant, inclusive
     * @return the generator of every entity alive at {@code at}, in entity order, with its latest version's fields
     *     and {@code __version}; each record's event time is {@code at}
     * @throws dev.dataemulator.core.InvalidSettingException when the options make records without a lifecycle
     */
    DomainGenerator openSnapshot(DomainContext context, Instant at);
}
