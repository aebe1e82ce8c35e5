package dev.dataemulator.testkit;

import java.util.Objects;

/**
 * A JUnit 5 extension that runs one {@link EmbeddedS3} per test class: started before the first test of the class,
 * closed after the last. Nested test classes share their enclosing class's server.
 *
 * <p>Register it on a static field to configure the server and reach it from tests:
 *
 * <pre>{@code
 * class UploadsIT {
 *     @RegisterExtension
 *     static final EmbeddedS3Extension S3 = new EmbeddedS3Extension(EmbeddedS3.builder().filesystemBackend(null));
 *
 *     @Test
 *     void uploads() {
 *         String endpoint = S3.server().endpoint();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>or declaratively, receiving the server as a parameter of test methods, lifecycle methods or the constructor:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedS3Extension.class)
 * class UploadsIT {
 *     @Test
 *     void uploads(EmbeddedS3 s3) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each test class that registers the extension gets a fresh server, also when several classes share one
 * extension instance (a {@code static final} field of a common holder, say); to share one server across classes,
 * start an {@link EmbeddedS3} yourself. Registering the extension on an instance (non-static) field is rejected,
 * because JUnit then creates no class-level lifecycle for it.
 */
public final class EmbeddedS3Extension extends ServerExtension<EmbeddedS3> {

    /**
     * An extension with a server of default settings ({@link EmbeddedS3#builder()}). This is the constructor JUnit uses
     * for {@code @ExtendWith(EmbeddedS3Extension.class)}.
     */
    public EmbeddedS3Extension() {
        this(EmbeddedS3.builder());
    }

    /**
     * An extension with a server configured by {@code builder}, e.g.
     * {@code new EmbeddedS3Extension(EmbeddedS3.builder().https(true))}.
     *
     * @param builder the server's settings; copied here, and a fresh server is started from it for each test class
     */
    public EmbeddedS3Extension(EmbeddedS3.Builder builder) {
        super(EmbeddedS3.class, "server", Objects.requireNonNull(builder, "builder").copy()::start,
                EmbeddedS3::close);
    }

    /**
     * @return the running server
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedS3 server() {
        return running();
    }
}
