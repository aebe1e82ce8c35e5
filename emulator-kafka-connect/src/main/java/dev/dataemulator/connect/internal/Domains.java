package dev.dataemulator.connect.internal;

import dev.dataemulator.connect.EmulatorSourceConnectorConfig;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Opens domains for the connector with the settings' seed, clock, envelope, id and options. */
public final class Domains {
    private Domains() {
    }

    /**
     * The registry of the domains on the connector's own class path. Discovery goes through this class's loader
     * rather than the thread's context loader: under Connect's plugin isolation that is the plugin's loader, which
     * sees the bundled factories.
     *
     * @return a new registry of every domain provider found
     */
    public static DomainRegistry registry() {
        return DomainRegistry.builder().discover(Domains.class.getClassLoader()).build();
    }

    /**
     * @param definition a declarative domain definition (YAML or JSON), or null / blank for none
     * @return the discovered domains plus those of {@code definition}
     * @throws dev.dataemulator.core.InvalidSettingException with every problem of the definition
     * @throws dev.dataemulator.core.EmulatorException when a defined domain has the name of a discovered one
     */
    public static DomainRegistry registry(String definition) {
        return DeclarativeDomains.withDefinition(registry(), EmulatorSourceConnectorConfig.DOMAIN_DEFINITION_CONFIG,
                definition);
    }

    /**
     * @return the providers of a declarative domain definition (positions in problems name the setting)
     * @throws dev.dataemulator.core.InvalidSettingException with every problem of the definition
     */
    public static List<DomainProvider> definition(String definition) {
        return DeclarativeDomains.parse(EmulatorSourceConnectorConfig.DOMAIN_DEFINITION_CONFIG, definition);
    }

    /**
     * Opens {@code domain} once (building its shared state from the seed): every shard of the domain reads its
     * records from the returned stream by sequence number.
     *
     * @return the domain's record stream, with the faults.* entries; not thread-safe
     * @throws dev.dataemulator.core.EmulatorException when a domain option is invalid, or a fault is one the values
     *     cannot hold (any but duplicate in Struct values, malformed in any value)
     */
    public static Fixtures.Stream open(EmulatorSourceConnectorConfig config, DomainRegistry registry, String domain) {
        EmulationSpec spec = config.spec(domain);
        Fixtures.Stream stream = Fixtures.like(spec.toBuilder().registry(registry).build(), spec.id().orElseThrow(),
                spec.seed().orElseThrow()).stream();
        // a value is a structure the converter encodes, never cut text; a Struct holds only well-typed fields
        boolean typed = config.valueSchemasEnabled();
        stream.checkFormat(typed ? "Kafka Connect Struct values (" + EmulatorSourceConnectorConfig
                .VALUE_SCHEMAS_ENABLE_CONFIG + "=true)" : "Kafka Connect schemaless values", typed);
        return stream;
    }

    /** @return a clock fixed at {@code instant}, or the system UTC clock when it is {@code null} */
    public static Clock clock(Instant instant) {
        return instant == null ? Clock.systemUTC() : Clock.fixed(instant, ZoneOffset.UTC);
    }
}
