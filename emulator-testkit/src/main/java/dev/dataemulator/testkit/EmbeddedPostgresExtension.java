package dev.dataemulator.testkit;

import java.util.Objects;

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
public final class EmbeddedPostgresExtension extends ServerExtension<EmbeddedPostgres> {

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
        super(EmbeddedPostgres.class, "server", Objects.requireNonNull(builder, "builder").copy()::start,
                EmbeddedPostgres::close);
    }

    /**
     * @return the running server
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedPostgres server() {
        return running();
    }
}
