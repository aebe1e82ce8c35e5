package dev.dataemulator.declarative;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.internal.DeclarativeProvider;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The oracle of a lifecycle domain's change stream: the table as it stands at an instant.
 *
 * <pre>{@code
 * DomainProvider accounts = DeclarativeDomains.load(Path.of("accounts.yaml")).get(0);
 * DomainProvider table = Snapshots.at(accounts, Instant.parse("2026-03-01T00:00:00Z"));
 * DomainRegistry registry = DomainRegistry.builder().register(table).build();
 * EmulationRunner.run(EmulationSpec.builder().registry(registry).domain("accounts").seed(7)
 *         .sink("file", Map.of("directory", "out", "format_type", "parquet")).build());
 * }</pre>
 *
 * {@code domain} is any {@link LifecycleDomain}: a declarative domain with a {@code lifecycle}, or a Java domain built
 * on {@link EntityLifecycle} such as {@code user-profile} with the domain option {@code lifecycle=true}. The snapshot
 * is an ordinary domain of the same name (and resource): run it with the same seed as the change stream
 * to any sink and format. Its records are every entity alive at the instant (created at or before it, and not
 * deleted by then), in entity order, each with its latest version's fields and {@code __version}; folding the change
 * stream by key (create and update set the row, delete removes it) up to the same instant gives exactly these rows.
 * Every record's event time is the instant. Nothing is remembered per entity: each entity's latest version is
 * recomputed from (seed, domain, entity). The snapshot accepts the change stream's domain options (they do not change
 * it). Thread-safe.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * @param domain a domain with a lifecycle
     * @param at the instant, inclusive: changes at {@code at} are in the table
     * @return the domain whose records are the table at {@code at}
     * @throws InvalidSettingException ({@code domain}) when the domain has no lifecycle
     */
    public static DomainProvider at(DomainProvider domain, Instant at) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(at, "at");
        if (!(domain instanceof LifecycleDomain lifecycle)
                || domain instanceof DeclarativeProvider declarative && !declarative.hasLifecycle()) {
            throw new InvalidSettingException("domain", domain.name(), "a declarative domain with a lifecycle, "
                    + "or user-profile with the domain option lifecycle=true (only the "
                    + "entities of a lifecycle have a table state at an instant)");
        }
        return new SnapshotProvider(lifecycle, at);
    }

    /** The snapshot of a lifecycle domain at an instant, as a domain of its own. */
    private static final class SnapshotProvider implements DomainProvider {
        private final LifecycleDomain changes;
        private final Instant at;

        SnapshotProvider(LifecycleDomain changes, Instant at) {
            this.changes = changes;
            this.at = at;
        }

        @Override
        public String name() {
            return changes.name();
        }

        @Override
        public Optional<String> defaultResource() {
            return changes.defaultResource();
        }

        @Override
        public boolean timed(Map<String, String> options) {
            return true;
        }

        @Override
        public DomainGenerator open(DomainContext context) {
            return changes.openSnapshot(context, at);
        }

        @Override
        public String toString() {
            return "Snapshot[" + changes.name() + " at " + at + "]";
        }
    }
}
