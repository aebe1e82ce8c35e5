package dev.dataemulator.testkit;

import dev.dataemulator.testkit.internal.ClassScope;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one {@link EmbeddedPostgres} per test class: started before the first test of the class,
 * closed after the last. Nested test classes share their enclosing class's server.
 *
 * <p>Register it on a static field to configure the server and reach it from tests:
 *
 * <pre>{@code
 * class OrdersIT {
 *     @RegisterExtension
 *     static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension(EmbeddedPostgres.builder().credentials("app", "secret"));
 *
 *     @Test
 *     void stores() {
 *         String url = POSTGRES.server().jdbcUrl();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>or declaratively, receiving the server as a parameter of test methods, lifecycle methods or the constructor:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedPostgresExtension.class)
 * class OrdersIT {
 *     @Test
 *     void stores(EmbeddedPostgres postgres) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each test class that registers the extension gets a fresh server, also when several classes share one
 * extension instance (a {@code static final} field of a common holder, say); to share one server across classes,
 * start an {@link EmbeddedPostgres} yourself. Registering the extension on an instance (non-static) field is rejected,
 * because JUnit then creates no class-level lifecycle for it.
 */
public final class EmbeddedPostgresExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
    private final ClassScope<EmbeddedPostgres> scope;

    /**
     * An extension with a server of default settings ({@link EmbeddedPostgres#builder()}). This is the constructor JUnit uses
     * for {@code @ExtendWith(EmbeddedPostgresExtension.class)}.
     */
    public EmbeddedPostgresExtension() {
        this(EmbeddedPostgres.builder());
    }

    /**
     * An extension with a server configured by {@code builder}, e.g.
     * {@code new EmbeddedPostgresExtension(EmbeddedPostgres.builder().credentials("app", "secret"))}.
     *
     * @param builder the server's settings; copied here, and a fresh server is started from it for each test class
     */
    public EmbeddedPostgresExtension(EmbeddedPostgres.Builder builder) {
        EmbeddedPostgres.Builder settings = Objects.requireNonNull(builder, "builder").copy();
        this.scope = new ClassScope<>("EmbeddedPostgresExtension", settings::start, EmbeddedPostgres::close);
    }

    /**
     * @return the running server
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedPostgres server() {
        EmbeddedPostgres server = scope.server();
        if (server == null) {
            throw new IllegalStateException("EmbeddedPostgresExtension: the server runs only while its test class runs");
        }
        return server;
    }

    /**
     * Starts the server for the outermost test class that registers this extension.
     *
     * @param context the test class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        scope.beforeAll(context);
    }

    /**
     * Checks that the extension has a class-level lifecycle.
     *
     * @param context the test's context
     * @throws ExtensionConfigurationException when it was registered on an instance field
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        scope.beforeEach(context);
    }

    /**
     * Closes the server after the test class that started it (not after its nested classes).
     *
     * @param context the test class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        scope.afterAll(context);
    }

    /**
     * @return whether the parameter is of type {@link EmbeddedPostgres}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedPostgres.class;
    }

    /**
     * @return the running server; started here when a constructor parameter is resolved before the class callbacks
     *     run ({@code @TestInstance(PER_CLASS)})
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return scope.resolve(extensionContext);
    }

    @Override
    public String toString() {
        EmbeddedPostgres server = scope.server();
        return "EmbeddedPostgresExtension[" + (server == null ? "not running" : server) + "]";
    }
}
