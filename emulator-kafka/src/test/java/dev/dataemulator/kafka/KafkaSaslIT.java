package dev.dataemulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.testkit.EmbeddedKafka;
import dev.dataemulator.testkit.LocaleGuard;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The sink against a broker with a SASL_PLAINTEXT listener and the PLAIN mechanism (Kafka's test kit, users from its
 * JAAS file): right credentials deliver, wrong ones end the emulation fast with a clear error. Every test also checks
 * that no password (the right one, the wrong one, or a raw {@code sasl.jaas.config}) shows in the log output
 * (standard error, where slf4j-simple writes; the emulator's loggers at TRACE and the clients' at INFO while the
 * tests run), in exception messages and causes, or in {@code toString()} of the sink, spec and report.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSaslIT {
    private static final String USER = JaasUtils.KAFKA_PLAIN_ADMIN;
    private static final String PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
    private static final String WRONG_PASSWORD = "Wr0ng-Kafka-Pa55word-7c1e";
    private static final String LOG_LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final Map<String, Integer> RAISED = Map.of("dev.dataemulator", 0, "org.apache.kafka.clients", 20);

    private static KafkaClusterTestKit cluster;
    private static String previousJaasFile;

    private PrintStream originalErr;
    private ByteArrayOutputStream captured;
    private final Map<Object, Integer> previousLevels = new IdentityHashMap<>();
    private final List<Throwable> thrown = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();

    @BeforeAll
    static void startSaslBroker() throws Exception {
        previousJaasFile = System.getProperty("java.security.auth.login.config");
        // the broker upper-cases settings with the default locale (a Turkish one breaks it)
        try (LocaleGuard guard = LocaleGuard.forBroker()) {
            startCluster();
        }
    }

    private static void startCluster() throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build());
        EmbeddedKafka.DEFAULT_BROKER_PROPERTIES.forEach(builder::setConfigProp);
        // the kit's authorizer only lets its admin user in; the broker registers with the controller over the
        // PLAINTEXT controller listener, as ANONYMOUS
        builder.setConfigProp("super.users", "User:" + USER + ";User:ANONYMOUS");
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (previousJaasFile == null) {
                System.clearProperty("java.security.auth.login.config");
            } else {
                System.setProperty("java.security.auth.login.config", previousJaasFile);
            }
        }
    }

    @BeforeEach
    void captureLogs() throws Exception {
        RAISED.forEach((prefix, level) -> System.setProperty(LOG_LEVEL_PREFIX + prefix,
                level == 0 ? "trace" : "info"));
        for (Map.Entry<String, org.slf4j.Logger> entry : loggers().entrySet()) {
            for (Map.Entry<String, Integer> raised : RAISED.entrySet()) {
                if (entry.getKey().startsWith(raised.getKey())) {
                    Field level = levelField(entry.getValue());
                    previousLevels.put(entry.getValue(), level.getInt(entry.getValue()));
                    level.setInt(entry.getValue(), raised.getValue());
                }
            }
        }
        originalErr = System.err;
        captured = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                originalErr.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                originalErr.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void noSecretShowedAnywhere() throws Exception {
        System.setErr(originalErr);
        RAISED.keySet().forEach(prefix -> System.clearProperty(LOG_LEVEL_PREFIX + prefix));
        for (Map.Entry<Object, Integer> entry : previousLevels.entrySet()) {
            levelField(entry.getKey()).setInt(entry.getKey(), entry.getValue());
        }
        String logs;
        synchronized (captured) {
            logs = captured.toString(StandardCharsets.UTF_8);
        }
        assertThat(logs).as("log output was captured").isNotBlank();
        List<String> texts = new ArrayList<>(shown);
        texts.add(logs);
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> queue = new ArrayList<>(thrown);
        while (!queue.isEmpty()) {
            Throwable t = queue.remove(queue.size() - 1);
            if (t != null && seen.add(t)) {
                texts.add(t.toString());
                queue.add(t.getCause());
                queue.addAll(List.of(t.getSuppressed()));
            }
        }
        assertThat(texts).allSatisfy(text -> assertThat(text)
                .doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD));
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentMap<String, org.slf4j.Logger> loggers() throws Exception {
        Object factory = LoggerFactory.getILoggerFactory();
        Field map = factory.getClass().getDeclaredField("loggerMap");
        map.setAccessible(true);
        return (ConcurrentMap<String, org.slf4j.Logger>) map.get(factory);
    }

    private static Field levelField(Object logger) throws Exception {
        Field field = logger.getClass().getDeclaredField("currentLogLevel");
        field.setAccessible(true);
        return field;
    }

    private static Map<String, String> sinkConfig(String password, String... keyValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        if (password != null) {
            config.put("username", USER);
            config.put("password", password);
        }
        config.put("setup_timeout", "10s");
        config.put("close_timeout", "5s");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    private EmulationReport run(String topic, Map<String, String> config, long records) {
        EmulationSpec spec = EmulationSpec.builder()
                .domain("transaction")
                .resource(topic)
                .sink("kafka", config)
                .threads(3)
                .maxRecords(records)
                .build();
        EmulationReport report = EmulationRunner.run(spec);
        shown.add(spec.toString());
        shown.add(spec.sinkConfig().keySet().toString());
        shown.add(report.toString());
        report.failure().ifPresent(thrown::add);
        return report;
    }

    @Test
    void usernameAndPasswordDeliverEveryRecordOverSaslPlain() {
        EmulationReport report = run("sasl-ok", sinkConfig(PASSWORD), 500);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(500);
        List<String> seqs = seqs("sasl-ok");
        assertThat(seqs).hasSize(500);
        assertThat(new HashSet<>(seqs)).hasSize(500);
    }

    @Test
    void aRawJaasConfigDeliversToo() {
        EmulationReport report = run("sasl-jaas", sinkConfig(null, "sasl.jaas.config", jaas(PASSWORD)), 200);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(200);
        try (KafkaSyncProducer sink = KafkaSyncProducer.create(sinkConfig(null, "sasl.jaas.config",
                jaas(PASSWORD)))) {
            shown.add(sink.toString());
            assertThat(sink.toString()).contains("sasl.jaas.config=****");
        }
    }

    @Test
    void aWrongPasswordEndsTheEmulationFastWithAClearError() {
        long start = System.nanoTime();
        EmulationReport report = run("sasl-denied", sinkConfig(WRONG_PASSWORD), 1_000);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        // ends at the first refusal, not after the run's duration or a setup timeout (30 s); generous for a busy machine
        assertThat(elapsed).isLessThan(Duration.ofSeconds(25));
        assertThat(report.failure()).get().isInstanceOf(SinkException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("Kafka at '" + cluster.bootstrapServers() + "'", "topic 'sasl-denied'",
                                "SaslAuthenticationException", "check the credentials and security settings"))
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SaslAuthenticationException.class));
        assertThat(report.stats().generated()).isEqualTo(report.stats().delivered() + report.stats().failed());
    }

    @Test
    void aWrongPasswordInARawJaasConfigFailsEveryRecordAndAbortsOnce() {
        CountingTracker tracker = new CountingTracker();
        List<EmulatedRecord> records = Fixtures.of("transaction").records(20).stream().map(tracker::track).toList();
        KafkaSyncProducer sink = KafkaSyncProducer.create(sinkConfig(null, "sasl.jaas.config",
                jaas(WRONG_PASSWORD), "max.block.ms", "1000", "close_timeout", "1s"));
        long start = System.nanoTime();
        long refused = 0;
        try {
            for (EmulatedRecord record : records) {
                try {
                    sink.produce("sasl-raw-denied", record.key(), record);
                } catch (SinkException e) {
                    // refused synchronously: the sink reports nothing for it (the runner would count it)
                    thrown.add(e);
                    refused++;
                }
            }
            sink.flush();
        } finally {
            shown.add(sink.toString());
            sink.close();
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.err.println("20 records refused in " + elapsed.toMillis() + " ms");
        // bounded by max.block.ms (1 s) per record in the worst case, plus close_timeout
        assertThat(elapsed).isLessThan(Duration.ofSeconds(60));
        assertThat(tracker.delivered).hasValue(0);
        // each record either reported failed by the sink or refused by produce, never both, never neither
        assertThat(tracker.failed.get() + refused).isEqualTo(20);
        assertThat(tracker.failed).as("reported by the sink's callbacks").hasPositiveValue();
        assertThat(tracker.aborts).hasSize(1).first().isInstanceOf(SaslAuthenticationException.class);
        thrown.addAll(tracker.failures);
        thrown.addAll(tracker.aborts);
    }

    @Test
    void invalidCredentialSettingsMaskThePassword() {
        try {
            KafkaSyncProducer.create(sinkConfig(WRONG_PASSWORD, "sasl.jaas.config", jaas(PASSWORD))).close();
        } catch (InvalidSettingException e) {
            thrown.add(e);
            assertThat(e.getMessage()).contains("'username' = '" + USER + "': conflicts with 'sasl.jaas.config'");
            // a line on standard error so that the capture has something to scan
            System.err.println("invalid settings: " + e.getMessage());
            return;
        }
        throw new AssertionError("conflicting credentials were accepted");
    }

    private static List<String> seqs(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", cluster.bootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", jaas(PASSWORD));
        return TopicContents.seqHeaders(props, topic);
    }
}
