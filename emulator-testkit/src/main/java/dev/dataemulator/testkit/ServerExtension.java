package dev.dataemulator.testkit;

import dev.dataemulator.testkit.internal.ClassScope;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the testkit's JUnit 5 extensions share: one server of type {@code S} per test class (through
 * {@link ClassScope}), resolved as a parameter of that type, and a typed accessor that fails outside the class's
 * lifecycle. Each public extension adds only its constructors and its server's accessors.
 *
 * @param <S> the server type
 */
abstract class ServerExtension<S> implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        ParameterResolver {
    private final Class<S> type;
    private final String noun;
    private final ClassScope<S> scope;

    /**
     * @param type the server type, resolved as a parameter
     * @param noun what the server is called in messages ("server", "broker", "registry")
     * @param start starts a fresh server for a test class
     * @param close closes it after the class
     */
    ServerExtension(Class<S> type, String noun, Supplier<S> start, Consumer<S> close) {
        this.type = type;
        this.noun = noun;
        this.scope = new ClassScope<>(getClass().getSimpleName(), start, close);
    }

    /**
     * @return the server of the running test class
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    final S running() {
        S server = scope.server();
        if (server == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": the " + noun
                    + " runs only while its test class runs");
        }
        return server;
    }

    /**
     * Starts the server for the outermost test class that registers this extension.
     *
     * @param context the test class's context
     */
    @Override
    public final void beforeAll(ExtensionContext context) {
        scope.beforeAll(context);
    }

    /**
     * Checks that the extension has a class-level lifecycle.
     *
     * @param context the test's context
     * @throws ExtensionConfigurationException when it was registered on an instance field
     */
    @Override
    public final void beforeEach(ExtensionContext context) {
        scope.beforeEach(context);
    }

    /**
     * Closes the server after the test class that started it (not after its nested classes).
     *
     * @param context the test class's context
     */
    @Override
    public final void afterAll(ExtensionContext context) {
        scope.afterAll(context);
    }

    /** @return whether the parameter is of the server's type */
    @Override
    public final boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == type;
    }

    /**
     * @return the running server; started here when a constructor parameter is resolved before the class callbacks
     *     run ({@code @TestInstance(PER_CLASS)})
     */
    @Override
    public final Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return scope.resolve(extensionContext);
    }

    @Override
    public final String toString() {
        S server = scope.server();
        return getClass().getSimpleName() + "[" + (server == null ? "not running" : server) + "]";
    }
}
