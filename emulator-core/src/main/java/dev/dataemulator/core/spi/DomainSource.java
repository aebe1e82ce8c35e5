package dev.dataemulator.core.spi;

import java.util.List;

/**
 * A source of {@link DomainProvider}s that are not classes of their own, such as domain definition files on the
 * class path. {@link dev.dataemulator.core.DomainRegistry.Builder#discover(ClassLoader)} finds sources with
 * {@link java.util.ServiceLoader} (listed in {@code META-INF/services/dev.dataemulator.core.spi.DomainSource}) and
 * registers every provider they return next to the {@code DomainProvider}s found directly; duplicate names are
 * rejected as for any provider.
 *
 * <p>Implementations are cheap classes with a public no-argument constructor. {@link #providers(ClassLoader)} is
 * called once per discovery, on the discovering thread.
 */
public interface DomainSource {

    /**
     * @param loader the class loader discovery runs on; look resources up through it
     * @return the providers of this source, possibly none
     * @throws dev.dataemulator.core.InvalidSettingException when a definition the source found is invalid (a broken
     *     definition on the class path is an error, never skipped silently)
     */
    List<DomainProvider> providers(ClassLoader loader);
}
