package dev.dataemulator.core;

import dev.dataemulator.core.internal.ProviderLoader;
import dev.dataemulator.core.spi.DomainProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The domains an emulation can run and the resource (topic or bucket) each writes to. Immutable and thread-safe;
 * an instance, never global state.
 *
 * <p>A domain's resource is, in order: an explicit {@link Builder#resource(String, String) mapping}, the provider's
 * {@link DomainProvider#defaultResource() default} ({@code transaction → transactions},
 * {@code user-profile → user-profiles}, {@code device-log → device-logs} for the bundled domains), or the registry's
 * {@link Builder#defaultResource(String) default resource}, {@value #DEFAULT_RESOURCE}.
 */
public final class DomainRegistry {
    /** Where a domain without a mapping writes, as in the Python service this library replaces. */
    public static final String DEFAULT_RESOURCE = "default_topic";

    private final Map<String, DomainProvider> providers;
    private final Map<String, String> resources;
    private final String defaultResource;

    private DomainRegistry(Builder builder) {
        this.providers = Map.copyOf(builder.providers);
        this.resources = Map.copyOf(builder.resources);
        this.defaultResource = builder.defaultResource;
    }

    /**
     * @return a registry of every {@link DomainProvider} found with {@link java.util.ServiceLoader}
     * @throws EmulatorException when two providers share a name
     */
    public static DomainRegistry discover() {
        return builder().discover().build();
    }

    /**
     * @return a registry of exactly the given providers, without discovery
     */
    public static DomainRegistry of(DomainProvider... providers) {
        Builder builder = builder();
        for (DomainProvider provider : providers) {
            builder.register(provider);
        }
        return builder.build();
    }

    /** @return an empty builder; call {@link Builder#discover()} to add the providers on the class path */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the registered domain names, sorted (iteration order is alphabetical); unmodifiable */
    public Set<String> domains() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(providers.keySet()));
    }

    /** @return whether {@code domain} is registered */
    public boolean contains(String domain) {
        return domain != null && providers.containsKey(domain);
    }

    /**
     * @return the provider of {@code domain}
     * @throws ProviderNotFoundException listing the known domains when it is not registered
     */
    public DomainProvider provider(String domain) {
        DomainProvider provider = domain == null ? null : providers.get(domain);
        if (provider == null) {
            throw new ProviderNotFoundException(unknownDomainMessage(domain));
        }
        return provider;
    }

    /**
     * @return the topic or bucket {@code domain} writes to
     * @throws ProviderNotFoundException when the domain is not registered
     */
    public String resourceFor(String domain) {
        DomainProvider provider = provider(domain);
        String mapped = resources.get(domain);
        if (mapped != null) {
            return mapped;
        }
        return provider.defaultResource().orElse(defaultResource);
    }

    /**
     * The typed schema of {@code domain}'s records with its default options (a domain whose fields depend on options
     * declares its schema per emulation through {@link dev.dataemulator.core.spi.DomainGenerator#schema()}).
     *
     * @return the domain's schema
     * @throws ProviderNotFoundException listing the known domains when it is not registered
     * @throws EmulatorException when the domain declares no schema
     */
    public dev.dataemulator.core.spi.RecordSchema schema(String domain) {
        DomainProvider provider = provider(domain);
        dev.dataemulator.core.spi.DomainGenerator generator = provider.open(
                new dev.dataemulator.core.spi.DomainContext(0L, java.time.Clock.systemUTC(), Map.of()));
        return generator.schema().orElseThrow(() -> new EmulatorException(
                "Domain '" + domain + "' declares no schema (" + provider.getClass().getName()
                        + " does not implement DomainGenerator.schema())"));
    }

    /**
     * The version of {@code domain}'s schema in force at an event time, with the schema drift of the {@code faults}
     * setting ({@code faults.drift.*}, docs/FAULTS.md): the domain's schema before the drift's {@code at}, the new
     * version from it on.
     *
     * @param domain the domain
     * @param faults the entries of the faults setting after {@code faults.} (e.g. {@code drift.at},
     *     {@code drift.drop}); when empty, the domain's own ({@link DomainProvider#faults()})
     * @param at the event time
     * @return the schema of the domain's records at {@code at}
     * @throws ProviderNotFoundException listing the known domains when it is not registered
     * @throws EmulatorException when the domain declares no schema
     * @throws InvalidSettingException naming the entry when the faults or the drift are not valid for the domain
     */
    public dev.dataemulator.core.spi.RecordSchema schema(String domain, Map<String, String> faults,
            java.time.Instant at) {
        dev.dataemulator.core.spi.RecordSchema schema = schema(domain);
        dev.dataemulator.core.internal.Faults parsed = dev.dataemulator.core.internal.Faults.parse(
                faults.isEmpty() ? provider(domain).faults() : faults);
        if (parsed == null || parsed.drift() == null || at.isBefore(parsed.drift().at())) {
            return schema;
        }
        dev.dataemulator.core.spi.DomainContext context = new dev.dataemulator.core.spi.DomainContext(0L,
                java.time.Clock.systemUTC(), Map.of());
        return parsed.drift().newSchema(domain, provider(domain).open(context), context);
    }

    /**
     * @return whether {@code domain} has a resource of its own (a mapping or its provider's default); a domain
     *     without one writes to {@link #defaultResource()}
     * @throws ProviderNotFoundException when the domain is not registered
     */
    public boolean hasOwnResource(String domain) {
        return resources.containsKey(domain) || provider(domain).defaultResource().isPresent();
    }

    /** @return the resource of domains without a mapping */
    public String defaultResource() {
        return defaultResource;
    }

    String unknownDomainMessage(String domain) {
        String known = domains().toString();
        return "Unknown domain '" + domain + "' (known: " + known + ")"
                + (providers.isEmpty() ? "; add dev.dataemulator:emulator-factories to the class path" : "");
    }

    /** @return a builder holding this registry's providers and mappings */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.providers.putAll(providers);
        builder.resources.putAll(resources);
        builder.defaultResource = defaultResource;
        return builder;
    }

    @Override
    public String toString() {
        return "DomainRegistry" + domains();
    }

    /** Builds a {@link DomainRegistry}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, DomainProvider> providers = new LinkedHashMap<>();
        private final Map<String, String> resources = new LinkedHashMap<>();
        private String defaultResource = DEFAULT_RESOURCE;

        private Builder() {
        }

        /** Adds every provider found with {@link java.util.ServiceLoader} on the context class loader. */
        public Builder discover() {
            return discover(ProviderLoader.defaultLoader(DomainRegistry.class));
        }

        /**
         * Adds every provider found with {@link java.util.ServiceLoader} on {@code loader}: each
         * {@link DomainProvider}, then the providers of each {@link dev.dataemulator.core.spi.DomainSource} (such as
         * the definition files {@code emulator-declarative} finds under {@code META-INF/emulator/domains/}).
         */
        public Builder discover(ClassLoader loader) {
            ProviderLoader.load(DomainProvider.class, DomainProvider::name, loader).values().forEach(this::register);
            for (dev.dataemulator.core.spi.DomainSource source : ProviderLoader.load(
                    dev.dataemulator.core.spi.DomainSource.class, s -> s.getClass().getName(), loader).values()) {
                source.providers(loader).forEach(this::register);
            }
            return this;
        }

        /**
         * @throws EmulatorException when a provider of the same name is already registered
         */
        public Builder register(DomainProvider provider) {
            ProviderLoader.put(providers, Objects.requireNonNull(provider, "provider"), DomainProvider::name, DomainProvider.class);
            return this;
        }

        /** Maps {@code domain} to a topic or bucket, overriding the provider's default. */
        public Builder resource(String domain, String resource) {
            resources.put(Objects.requireNonNull(domain, "domain"), requireText("resource", resource));
            return this;
        }

        /** Sets the resource of domains without a mapping (default {@value DomainRegistry#DEFAULT_RESOURCE}). */
        public Builder defaultResource(String resource) {
            this.defaultResource = requireText("defaultResource", resource);
            return this;
        }

        public DomainRegistry build() {
            return new DomainRegistry(this);
        }

        private static String requireText(String setting, String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidSettingException(setting, value, "must not be blank");
            }
            return value;
        }
    }
}
