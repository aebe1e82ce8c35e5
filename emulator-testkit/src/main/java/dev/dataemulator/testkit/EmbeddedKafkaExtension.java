package dev.dataemulator.testkit;

import java.util.Objects;

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
public final class EmbeddedKafkaExtension extends ServerExtension<EmbeddedKafka> {

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
        super(EmbeddedKafka.class, "broker", Objects.requireNonNull(builder, "builder").copy()::start,
                EmbeddedKafka::close);
    }

    /**
     * @return the running broker
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public EmbeddedKafka kafka() {
        return running();
    }

    /**
     * @return the broker's {@code host:port} list
     * @throws IllegalStateException when called outside the test class's lifecycle
     */
    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }
}
