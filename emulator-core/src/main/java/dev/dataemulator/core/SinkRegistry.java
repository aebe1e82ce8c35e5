package dev.dataemulator.core;

import dev.dataemulator.core.internal.ProviderLoader;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sinks an emulation can write to, by name. Immutable and thread-safe; an instance, never global state.
 *
 * <pre>{@code
 * SinkRegistry sinks = SinkRegistry.builder().discover().register(new MySinkProvider()).build();
 * }</pre>
 */
public final class SinkRegistry {
    /**
     * Artifacts that bring the bundled sinks, for "missing sink" messages: a missing sink's provider is not on the
     * class path, so it cannot say where it lives; this table can.
     */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "kafka", "dev.dataemulator:emulator-kafka",
            "minio", "dev.dataemulator:emulator-minio",
            "file", "dev.dataemulator:emulator-file",
            "jdbc", "dev.dataemulator:emulator-jdbc",
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
        return builder().discover().build();
    }

    /**
     * @return a registry of exactly the given providers, without discovery
     * @throws EmulatorException when two providers share a name
     */
    public static SinkRegistry of(SinkProvider... providers) {
        Builder builder = builder();
        for (SinkProvider provider : providers) {
            builder.register(provider);
        }
        return builder.build();
    }

    /** @return an empty builder; call {@link Builder#discover()} to add the providers on the class path */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this registry's providers */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.providers.putAll(providers);
        return builder;
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

    /** Builds a {@link SinkRegistry}, e.g. the discovered sinks plus one of the application's. Not thread-safe. */
    public static final class Builder {
        private final Map<String, SinkProvider> providers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds every provider found with {@link java.util.ServiceLoader} on the context class loader.
         *
         * @throws EmulatorException when a provider's name is already registered
         */
        public Builder discover() {
            return discover(ProviderLoader.defaultLoader(SinkRegistry.class));
        }

        /**
         * Adds every provider found with {@link java.util.ServiceLoader} on {@code loader}.
         *
         * @throws EmulatorException when a provider's name is already registered
         */
        public Builder discover(ClassLoader loader) {
            ProviderLoader.load(SinkProvider.class, SinkProvider::name, loader).values().forEach(this::register);
            return this;
        }

        /**
         * Adds one provider.
         *
         * @throws EmulatorException when a provider of the same name is already registered (both classes named)
         */
        public Builder register(SinkProvider provider) {
            ProviderLoader.put(providers, Objects.requireNonNull(provider, "provider"), SinkProvider::name, SinkProvider.class);
            return this;
        }

        /** @return the registry */
        public SinkRegistry build() {
            return new SinkRegistry(providers);
        }
    }
}
