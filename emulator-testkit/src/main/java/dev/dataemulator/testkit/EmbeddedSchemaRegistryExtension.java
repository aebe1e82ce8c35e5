package dev.dataemulator.testkit;

import dev.dataemulator.testkit.internal.ClassScope;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class EmbeddedSchemaRegistryExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
    private final ClassScope<EmbeddedSchemaRegistry> scope;

    /** An extension with a registry of default settings. */
    public EmbeddedSchemaRegistryExtension() {
        this(EmbeddedSchemaRegistry.builder());
    }

    /**
     * @param builder the registry's settings; copied here, and a fresh registry is started from it for each test class
     */
    public EmbeddedSchemaRegistryExtension(EmbeddedSchemaRegistry.Builder builder) {
        EmbeddedSchemaRegistry.Builder settings = Objects.requireNonNull(builder, "builder").copy();
        this.scope = new ClassScope<>("EmbeddedSchemaRegistryExtension", settings::start,
                EmbeddedSchemaRegistry::close);
    }

    /**
     * @return the registry of the running test class
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedSchemaRegistry registry() {
        EmbeddedSchemaRegistry registry = scope.server();
        if (registry == null) {
            throw new IllegalStateException("EmbeddedSchemaRegistryExtension: the registry runs only while its test "
                    + "class runs");
        }
        return registry;
    }

    /** @return the registry's Confluent-compatible API URL */
    public String url() {
        return registry().url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        scope.beforeEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.afterAll(context);
    }

    /** @return whether the parameter is of type {@link EmbeddedSchemaRegistry} */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedSchemaRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return scope.resolve(extensionContext);
    }

    @Override
    public String toString() {
        EmbeddedSchemaRegistry registry = scope.server();
        return "EmbeddedSchemaRegistryExtension[" + (registry == null ? "not running" : registry) + "]";
    }
}
