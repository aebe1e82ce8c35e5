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
 * A JUnit 5 extension that runs one {@link EmbeddedKafka} per test class: started before the first test of the class,
 * closed after the last. Nested test classes share their enclosing class's broker.
 *
 * <p>Register it on a static field to configure the broker and reach it from tests:
 *
 * <pre>{@code
 * class OrdersIT {
 *     @RegisterExtension
 *     static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 *
 *     @Test
 *     void publishesOrders() {
 *         String servers = KAFKA.bootstrapServers();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>or declaratively, receiving the broker as a parameter of test methods, lifecycle methods or the constructor:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class OrdersIT {
 *     @Test
 *     void publishesOrders(EmbeddedKafka kafka) {
 *         String servers = kafka.bootstrapServers();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each test class that registers the extension gets a fresh broker, also when several classes share one
 * extension instance (a {@code static final} field of a common holder, say); to share one broker across classes,
 * start an {@link EmbeddedKafka} yourself. Registering the extension on an instance (non-static) field is rejected,
 * because JUnit then creates no class-level lifecycle for it.
 */
public final class EmbeddedKafkaExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
    private final ClassScope<EmbeddedKafka> scope;

    /**
     * An extension with a broker of default settings ({@link EmbeddedKafka#builder()}). This is the constructor JUnit
     * uses for {@code @ExtendWith(EmbeddedKafkaExtension.class)}.
     */
    public EmbeddedKafkaExtension() {
        this(EmbeddedKafka.builder());
    }

    /**
     * An extension with a broker configured by {@code builder}, e.g.
     * {@code new EmbeddedKafkaExtension(EmbeddedKafka.builder().brokerProperty("auto.create.topics.enable", false))}.
     *
     * @param builder the broker's configuration; copied here, and a fresh broker is started from it for each test
     *     class
     */
    public EmbeddedKafkaExtension(EmbeddedKafka.Builder builder) {
        EmbeddedKafka.Builder settings = Objects.requireNonNull(builder, "builder").copy();
        this.scope = new ClassScope<>("EmbeddedKafkaExtension", settings::start, EmbeddedKafka::close);
    }

    /**
     * @return the running broker
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedKafka kafka() {
        EmbeddedKafka kafka = scope.server();
        if (kafka == null) {
            throw new IllegalStateException("EmbeddedKafkaExtension: the broker runs only while its test class runs");
        }
        return kafka;
    }

    /**
     * @return the broker's {@code host:port} list
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    /**
     * Starts the broker for the outermost test class that registers this extension.
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
     * Closes the broker after the test class that started it (not after its nested classes).
     *
     * @param context the test class's context
     */
    @Override
    public void afterAll(ExtensionContext context) {
        scope.afterAll(context);
    }

    /**
     * @return whether the parameter is of type {@link EmbeddedKafka}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafka.class;
    }

    /**
     * @return the running broker; started here when a constructor parameter is resolved before the class callbacks
     *     run ({@code @TestInstance(PER_CLASS)})
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return scope.resolve(extensionContext);
    }

    @Override
    public String toString() {
        EmbeddedKafka kafka = scope.server();
        return "EmbeddedKafkaExtension[" + (kafka == null ? "not running" : kafka) + "]";
    }
}
