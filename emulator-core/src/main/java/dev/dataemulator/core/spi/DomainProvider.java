package dev.dataemulator.core.spi;

import java.util.Optional;

/**
 * A data domain such as {@code "transaction"}: its name, where its records go by default and how to make them.
 * Found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.dataemulator.core.spi.DomainProvider}); implementations are cheap classes with a
 * public no-argument constructor.
 */
public interface DomainProvider {

    /**
     * @return the stable domain name, e.g. {@code "transaction"}
     */
    String name();

    /**
     * @return the topic or bucket the domain writes to unless the registry or the spec says otherwise; empty to use
     *     the registry's default resource
     */
    default Optional<String> defaultResource() {
        return Optional.empty();
    }


    /**
     * Prepares the domain for one emulation: derives the state every worker shares (user id space, compromised
     * users, ...) from the context's seed. Called once per emulation.
     *
     * @param context seed, clock and domain options
     * @return a thread-safe generator that hands each worker its own factory
     * @throws dev.dataemulator.core.InvalidSettingException when a domain option is invalid
     */
    DomainGenerator open(DomainContext context);
}
