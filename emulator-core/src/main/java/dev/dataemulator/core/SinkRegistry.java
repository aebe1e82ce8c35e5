package dev.dataemulator.core;

import dev.dataemulator.core.internal.ProviderLoader;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sinks an emulation can write to, by name. Immutable and thread-safe; an instance, never global state.
 */
public final class SinkRegistry {
    /** Artifacts that bring the bundled sinks, for "missing sink" messages. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "kafka", "dev.dataemulator:emulator-kafka",
            "minio", "dev.dataemulator:emulator-minio",
            "memory", "dev.dataemulator:emulator-core",
            "stdout", "dev.dataemulator:emulator-core");

    private final Map<String, SinkProvider> providers;

    private SinkRegistry(Map<String, SinkProvider> providers) {
        this.providers = Map.copyOf(providers);
    }

    /**
     * @return a registry of every {@link SinkProvider} found with {@link java.util.ServiceLoader}
     * @throws EmulatorException when two providers share a name
     */
    public static SinkRegistry discover() {
        return new SinkRegistry(ProviderLoader.load(SinkProvider.class, SinkProvider::name,
                ProviderLoader.defaultLoader(SinkRegistry.class)));
    }

    /**
     * @return a registry of exactly the given providers, without discovery
     * @throws EmulatorException when two providers share a name
     */
    public static SinkRegistry of(SinkProvider... providers) {
        return new SinkRegistry(ProviderLoader.index(List.of(providers), SinkProvider::name, SinkProvider.class));
    }

    /** @return the registered sink names, sorted */
    public Set<String> names() {
        return new TreeSet<>(providers.keySet());
    }

    /** @return the provider named {@code name}, if registered */
    public Optional<SinkProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : providers.get(name));
    }

    /**
     * @return the provider named {@code name}
     * @throws ProviderNotFoundException naming what was found and the artifact to add
     */
    public SinkProvider provider(String name) {
        return find(name).orElseThrow(() -> new ProviderNotFoundException(missingMessage(name)));
    }

    /**
     * Builds a sink from its configuration.
     *
     * @throws ProviderNotFoundException when no sink has that name
     * @throws InvalidSettingException when the configuration is invalid
     */
    public SyncProducer create(String name, Map<String, String> config) {
        return provider(name).create(config);
    }

    String missingMessage(String name) {
        String artifact = KNOWN_ARTIFACTS.getOrDefault(name, "the artifact that provides it");
        return "No sink '" + name + "' (found: " + names() + "); add " + artifact + " to the class path";
    }

    @Override
    public String toString() {
        return "SinkRegistry" + names();
    }
}
