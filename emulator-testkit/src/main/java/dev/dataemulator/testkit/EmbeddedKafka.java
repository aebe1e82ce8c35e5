package dev.dataemulator.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.dataemulator.testkit.internal.StdoutMute;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, one combined broker and controller) running in the current JVM, for
 * integration tests on machines without Docker. Built on Kafka's own test kit, so clients talk to the same broker code
 * as in production, over a loopback PLAINTEXT listener.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *     Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *     // produce, consume, administer ...
 * }
 * }</pre>
 *
 * <p>In JUnit 5 suites, {@link EmbeddedKafkaExtension} shares one broker per test class.
 *
 * <p><b>Broker settings.</b> A one-node cluster cannot satisfy Kafka's default replication of its internal topics, so
 * the defaults in {@link #DEFAULT_BROKER_PROPERTIES} set them to 1 (otherwise consumer groups and transactions never
 * work) and remove the initial consumer-group rebalance delay (tests would wait 3 s per group). Any broker setting
 * can be added or overridden with {@link Builder#brokerProperty(String, Object)}.
 *
 * <p><b>Logging.</b> The broker logs through SLF4J. Without a binding on the test class path it logs nothing; with one,
 * set {@code org.apache.kafka} and {@code kafka} to ERROR and {@code org.apache.kafka.common.config.AbstractConfig} to
 * WARN to keep test output readable.
 *
 * <p><b>Threading and lifecycle.</b> The same shape as {@link EmbeddedS3}: {@code builder()...build()} makes a server
 * that is not started, {@link #start()} starts it (or {@code builder()...start()} in one go), {@link #stop()} and
 * {@link #restart()} take it off the network and back for fault tests, {@link #close()} releases it for good.
 * Thread-safe. {@link #start()} and {@link #close()} are idempotent; a closed instance cannot be started again (its
 * data directories are deleted on close). Starting takes 2–5 s on a small machine and is bounded by
 * {@link Builder#startupTimeout(Duration)}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** How long {@link #start()} and {@link #restart()} wait for the broker by default: 60 seconds. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The broker settings applied unless overridden: replication factor 1 and min ISR 1 for the internal topics
     * (consumer offsets, transaction state, share-group state), fewer consumer-offset partitions (a faster first
     * group join), no initial rebalance delay, and a 3 s broker session (500 ms heartbeats) so that
     * {@link #restart()} after {@link #stop()} takes seconds rather than the default 9 s session expiry.
     */
    public static final Map<String, String> DEFAULT_BROKER_PROPERTIES = Collections.unmodifiableMap(defaults());

    private final Map<String, Object> brokerProperties;
    private final Duration startupTimeout;

    private KafkaClusterTestKit cluster;
    private String bootstrapServers;
    private boolean brokerStopped;
    private boolean closed;

    private EmbeddedKafka(Builder builder) {
        this.brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.brokerProperties));
        this.startupTimeout = builder.startupTimeout;
    }

    /**
     * @return a builder with the default broker settings and a 60 s startup timeout
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and waits until it accepts clients. Does nothing when it is already running.
     *
     * @return this broker, for chaining
     * @throws IllegalStateException when the broker was closed, did not start within the startup timeout or failed
     *     to start (the cause is attached)
     */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka was closed and cannot be started again");
        }
        if (cluster != null) {
            return this;
        }
        long startNanos = System.nanoTime();
        KafkaClusterTestKit kit;
        LocaleGuard guard = LocaleGuard.forBroker();
        try {
            try {
                KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        // the kit defaults to the newest metadata version, unstable features included
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .build());
                brokerProperties.forEach(builder::setConfigProp);
                kit = builder.build();
            } catch (Exception e) {
                throw new IllegalStateException("EmbeddedKafka could not be configured: " + e, e);
            }
            try {
                runBounded("start", () -> {
                    // Kafka's storage formatter prints its bootstrap metadata to System.out
                    StdoutMute.run(kit::format);
                    kit.startup();
                    kit.waitForReadyBrokers();
                    return null;
                }, startupTimeout);
            } catch (RuntimeException e) {
                closeQuietly(kit, e);
                throw e;
            }
        } finally {
            guard.close();
        }
        cluster = kit;
        bootstrapServers = kit.bootstrapServers();
        brokerStopped = false;
        System.getLogger(EmbeddedKafka.class.getName()).log(System.Logger.Level.DEBUG,
                "EmbeddedKafka started at {0} in {1} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    /**
     * @return whether the broker was started and not closed (it may be {@linkplain #stop() stopped})
     */
    public synchronized boolean isStarted() {
        return cluster != null;
    }

    /**
     * @return the {@code host:port} list clients connect to, e.g. {@code localhost:40123}; stays the same across
     *     {@link #stop()} and {@link #restart()}
     * @throws IllegalStateException when the broker is not started
     */
    public synchronized String bootstrapServers() {
        requireStarted();
        return bootstrapServers;
    }

    /**
     * @return client settings that reach this broker: {@code bootstrap.servers}; a new mutable map on each call, to
     *     which callers add their own settings
     * @throws IllegalStateException when the broker is not started
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * @return a new admin client connected to this broker; the caller closes it
     * @throws IllegalStateException when the broker is not started
     */
    public Admin createAdmin() {
        return Admin.create(clientProperties());
    }

    /**
     * Shuts the broker down while keeping its controller, data and port, so that clients see an unreachable broker
     * until {@link #restart()}: for tests of outages and recovery. Does nothing when it is already stopped.
     *
     * @throws IllegalStateException when the broker is not started, or did not stop within the startup timeout
     */
    public synchronized void stop() {
        requireStarted();
        if (brokerStopped) {
            return;
        }
        BrokerServer broker = broker();
        runBounded("stop the broker", () -> {
            broker.shutdown();
            broker.awaitShutdown();
            return null;
        }, startupTimeout);
        brokerStopped = true;
    }

    /**
     * Starts the broker again after {@link #stop()}, on the same port and with the same data, and waits until it
     * accepts clients. Does nothing when it is running.
     *
     * @throws IllegalStateException when the broker is not started, or did not come back within the startup timeout
     */
    public synchronized void restart() {
        requireStarted();
        if (!brokerStopped) {
            return;
        }
        BrokerServer broker = broker();
        KafkaClusterTestKit kit = cluster;
        LocaleGuard guard = LocaleGuard.forBroker();
        try {
            runBounded("restart the broker", () -> {
                broker.startup();
                kit.waitForReadyBrokers();
                return null;
            }, startupTimeout);
        } finally {
            guard.close();
        }
        brokerStopped = false;
    }

    /**
     * @return whether the broker is started and not {@link #stop() stopped}
     */
    public synchronized boolean isRunning() {
        return cluster != null && !brokerStopped;
    }

    /**
     * @return the broker settings this instance starts with (defaults plus overrides)
     */
    public Map<String, Object> brokerProperties() {
        return brokerProperties;
    }

    /**
     * @return how long starting and restarting may take
     */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /**
     * Stops the broker and deletes its data directories. Idempotent.
     *
     * @throws IllegalStateException when shutting down failed
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaClusterTestKit kit = cluster;
        cluster = null;
        if (kit != null) {
            try {
                kit.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("EmbeddedKafka did not shut down cleanly: " + e, e);
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedKafka[" + (closed ? "closed" : cluster == null ? "not started"
                : bootstrapServers + (brokerStopped ? ", broker stopped" : "")) + "]";
    }

    private void requireStarted() {
        if (cluster == null) {
            throw new IllegalStateException(closed ? "EmbeddedKafka is closed" : "EmbeddedKafka is not started; "
                    + "call start() first");
        }
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    /** The test kit's calls block without a bound of their own: run them on a helper thread and wait at most timeout. */
    private static void runBounded(String what, java.util.concurrent.Callable<Void> action, Duration timeout) {
        FutureTask<Void> task = new FutureTask<>(action);
        Thread thread = new Thread(task, "embedded-kafka-" + what.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
        try {
            await(task, timeout);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new IllegalStateException("EmbeddedKafka could not " + what + " within " + timeout
                    + " (increase the startup timeout on a slow machine)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("EmbeddedKafka could not " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for EmbeddedKafka to " + what, e);
        }
    }

    private static void await(Future<Void> future, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException {
        future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void closeQuietly(KafkaClusterTestKit kit, Throwable primary) {
        try {
            kit.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            primary.addSuppressed(e);
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // a restarted broker can only register again once the controller has expired its previous session
        props.put("broker.session.timeout.ms", "3000");
        props.put("broker.heartbeat.interval.ms", "500");
        return props;
    }

    /**
     * Configures an {@link EmbeddedKafka}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Object> brokerProperties = new LinkedHashMap<>(DEFAULT_BROKER_PROPERTIES);
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /** @return an independent copy, so that a builder kept for later starts is not changed by its caller */
        Builder copy() {
            Builder copy = new Builder();
            copy.brokerProperties.clear();
            copy.brokerProperties.putAll(brokerProperties);
            copy.startupTimeout = startupTimeout;
            return copy;
        }

        /**
         * Sets one broker setting, e.g. {@code auto.create.topics.enable=false}, replacing a default of the same name.
         *
         * @param key a Kafka broker setting
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String key, Object value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets several broker settings; see {@link #brokerProperty(String, Object)}.
         *
         * @param properties Kafka broker settings
         * @return this builder
         */
        public Builder brokerProperties(Map<String, ?> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * @param timeout how long {@link EmbeddedKafka#start()}, {@link EmbeddedKafka#stop()} and
         *     {@link EmbeddedKafka#restart()} may take; default 60 s, generous for a busy 2-core machine
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, was " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * @return a broker that is not started yet; later changes to this builder do not affect it
         */
        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }

        /**
         * Builds the broker and starts it: {@code build().start()}.
         *
         * @return the running broker, to be closed by the caller
         * @throws IllegalStateException when the broker does not start within the startup timeout
         */
        public EmbeddedKafka start() {
            return build().start();
        }
    }
}
