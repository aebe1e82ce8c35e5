package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.testing.CounterDomain;
import org.junit.jupiter.api.Test;

class DomainRegistryTest {

    @Test
    void discoversProvidersListedInMetaInfServices() {
        assertThat(DomainRegistry.discover().domains()).contains("counter");
    }

    @Test
    void domainsIterateInAlphabeticalOrder() {
        DomainRegistry registry = DomainRegistry.of(new CounterDomain("zulu", null), new CounterDomain("alpha", null),
                new CounterDomain("mike", null), new CounterDomain("echo", null), new CounterDomain("kilo", null),
                new CounterDomain("bravo", null), new CounterDomain("yankee", null), new CounterDomain("delta", null));
        assertThat(registry.domains()).containsExactly("alpha", "bravo", "delta", "echo", "kilo", "mike", "yankee",
                "zulu");
        assertThatThrownBy(() -> registry.domains().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownDomainListsTheKnownOnes() {
        DomainRegistry registry = DomainRegistry.of(new CounterDomain(), new CounterDomain("other", null));
        assertThatThrownBy(() -> registry.provider("transactionz"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("Unknown domain 'transactionz' (known: [counter, other])");
    }

    @Test
    void schemaOfAnUnknownDomainListsTheKnownOnes() {
        DomainRegistry registry = DomainRegistry.of(new CounterDomain());
        assertThatThrownBy(() -> registry.schema("shipment"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("Unknown domain 'shipment' (known: [counter])");
        assertThat(registry.schema("counter")).isEqualTo(CounterDomain.SCHEMA);
    }

    @Test
    void schemaOfADomainThatDeclaresNoneIsAnExplicitError() {
        dev.dataemulator.core.spi.DomainProvider schemaless = new dev.dataemulator.core.spi.DomainProvider() {
            @Override
            public String name() {
                return "loose";
            }

            @Override
            public dev.dataemulator.core.spi.DomainGenerator open(dev.dataemulator.core.spi.DomainContext context) {
                return () -> (seq, random) -> null;
            }
        };
        assertThatThrownBy(() -> DomainRegistry.of(schemaless).schema("loose"))
                .isInstanceOf(EmulatorException.class)
                .hasMessageStartingWith("Domain 'loose' declares no schema");
    }

    @Test
    void emptyRegistryPointsAtTheFactoriesArtifact() {
        assertThatThrownBy(() -> DomainRegistry.builder().build().provider("transaction"))
                .hasMessageContaining("add dev.dataemulator:emulator-factories to the class path");
    }

    @Test
    void domainWithoutResourceMappingGoesToTheDefaultTopic() {
        DomainRegistry registry = DomainRegistry.of(new CounterDomain("other", null));
        assertThat(registry.resourceFor("other")).isEqualTo("default_topic");
        assertThat(registry.hasOwnResource("other")).isFalse();
        assertThat(registry.toBuilder().resource("other", "others").build().hasOwnResource("other")).isTrue();
        assertThat(DomainRegistry.of(new CounterDomain()).hasOwnResource("counter")).isTrue();
    }

    @Test
    void explicitMappingOverridesTheProviderDefault() {
        DomainRegistry registry = DomainRegistry.builder().register(new CounterDomain())
                .resource("counter", "mine").defaultResource("fallback").register(new CounterDomain("x", null))
                .build();
        assertThat(registry.resourceFor("counter")).isEqualTo("mine");
        assertThat(registry.resourceFor("x")).isEqualTo("fallback");
    }

    @Test
    void duplicateNamesAreRejectedQuotingBothClasses() {
        assertThatThrownBy(() -> DomainRegistry.of(new CounterDomain(), new CounterDomain()))
                .isInstanceOf(EmulatorException.class)
                .hasMessageContaining("Duplicate DomainProvider name 'counter'")
                .hasMessageContaining(CounterDomain.class.getName() + " and " + CounterDomain.class.getName());
    }
}
