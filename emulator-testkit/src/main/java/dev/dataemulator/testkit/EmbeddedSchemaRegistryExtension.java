package dev.dataemulator.testkit;

import java.util.Objects;

/**
 * A JUnit 5 extension that runs one {@link EmbeddedSchemaRegistry} per test class: started before the first test of
 * the class, killed after the last. Nested test classes share their enclosing class's registry.
 *
 * <pre>{@code
 * class AvroIT {
 *     @RegisterExtension
 *     static final EmbeddedSchemaRegistryExtension REGISTRY = new EmbeddedSchemaRegistryExtension();
 *
 *     @Test
 *     void registers() {
 *         String url = REGISTRY.url(); // http://127.0.0.1:PORT/apis/ccompat/v7
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>or with {@code @ExtendWith(EmbeddedSchemaRegistryExtension.class)}, receiving the registry as a parameter. A test
 * may {@link EmbeddedSchemaRegistry#kill() kill} it mid-class; later tests of the class then find it dead. Registering
 * the extension on an instance field is rejected.
 */
public final class EmbeddedSchemaRegistryExtension extends ServerExtension<EmbeddedSchemaRegistry> {

    /** An extension with a registry of default settings. */
    public EmbeddedSchemaRegistryExtension() {
        this(EmbeddedSchemaRegistry.builder());
    }

    /**
     * @param builder the registry's settings; copied here, and a fresh registry is started from it for each test class
     */
    public EmbeddedSchemaRegistryExtension(EmbeddedSchemaRegistry.Builder builder) {
        super(EmbeddedSchemaRegistry.class, "registry", Objects.requireNonNull(builder, "builder").copy()::start,
                EmbeddedSchemaRegistry::close);
    }

    /**
     * @return the registry of the running test class
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedSchemaRegistry registry() {
        return running();
    }

    /** @return the registry's Confluent-compatible API URL */
    public String url() {
        return registry().url();
    }
}
