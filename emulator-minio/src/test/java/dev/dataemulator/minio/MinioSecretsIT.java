package dev.dataemulator.minio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.support.ObjectSink;
import dev.dataemulator.testkit.EmbeddedS3;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The secret key never shows: not in any log line (the emulator's loggers at TRACE while the tests run), not in an
 * exception message or cause, not in the {@code toString()} of the sink, the spec or the report; on the success path
 * and on the failure paths (refused credentials, bad settings).
 */
class MinioSecretsIT {
    private static final String SECRET = "S3cr3t-Key-0f-The-Server-4f2a";
    private static final String WRONG_SECRET = "Wr0ng-S3cr3t-Key-91bd";
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new ParcelDomain());

    private static EmbeddedS3 s3;
    private final CapturingAppender appender = new CapturingAppender();
    private final Map<String, Level> previousLevels = new HashMap<>();

    @BeforeAll
    static void startServer() {
        s3 = EmbeddedS3.builder().credentials("emulator-user", SECRET).start();
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : List.of("dev.dataemulator", "dev.dataemulator.core", "io.minio", "okhttp3")) {
            Logger logger = context.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
        appender.setContext(context);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private static Map<String, String> config(String secret) {
        Map<String, String> config = new HashMap<>();
        config.put("endpoint", s3.endpoint());
        config.put("access_key", s3.accessKey());
        config.put("secret_key", secret);
        config.put("max_chunk_size", "4KiB");
        config.put("connect_timeout", "2s");
        return config;
    }

    private static EmulationSpec spec(String bucket, Map<String, String> config) {
        return EmulationSpec.builder().registry(DOMAINS).domain(ParcelDomain.NAME).resource(bucket)
                .sink("minio", config).threads(2).maxRecords(300).build();
    }

    @Test
    void aSuccessfulRunNeverShowsTheSecret() {
        EmulationSpec spec = spec("secrets-ok", config(SECRET));
        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(300);
        try (ObjectSink sink = MinioStore.sink(config(SECRET))) {
            assertNoSecret(List.of(sink.toString(), spec.toString(), spec.sinkConfig().keySet().toString(),
                    report.toString()), List.of());
        }
        assertThat(appender.lines()).as("log lines were captured").isNotEmpty();
        assertNoSecret(appender.lines(), List.of());
    }

    @Test
    void refusedCredentialsFailTheRunWithoutShowingEitherSecret() {
        EmulationSpec spec = spec("secrets-denied", config(WRONG_SECRET));
        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.stats().generated()).isEqualTo(report.stats().delivered() + report.stats().failed());
        assertThat(report.failure()).get().satisfies(e -> assertThat(e.getMessage())
                .contains("refused the credentials of access key '" + s3.accessKey() + "'"));
        assertNoSecret(List.of(report.toString(), spec.toString()), List.of(report.failureCause()));
        assertThat(appender.lines()).anySatisfy(line -> assertThat(line).contains("secrets-denied"));
        assertNoSecret(appender.lines(), appender.throwables());
    }

    @Test
    void refusedCredentialsDuringUploadsAbortWithoutShowingTheSecret() {
        CountingTracker tracker = new CountingTracker();
        // the bucket exists: setup passes without a request that checks the secret, the uploads are refused
        try (ObjectSink good = MinioStore.sink(config(SECRET))) {
            good.setupResource("secrets-upload");
        }
        ObjectSink sink = MinioStore.sink(config(WRONG_SECRET));
        for (long seq = 0; seq < 40; seq++) {
            sink.produce("secrets-upload", "k", TestRecords.parcel("secret-run", seq, tracker));
        }
        sink.flush();
        sink.close();

        assertThat(tracker.failed.sum()).isEqualTo(40);
        assertThat(tracker.aborts).hasSize(1);
        List<Throwable> thrown = new ArrayList<>(tracker.failures);
        thrown.addAll(tracker.aborts);
        assertNoSecret(List.of(sink.toString()), thrown);
        assertNoSecret(appender.lines(), appender.throwables());
    }

    @Test
    void invalidSettingsNeverShowTheSecret() {
        Map<String, String> config = config(SECRET);
        config.put("sync_type", "streamed");
        config.put("secret_key_file", WRONG_SECRET);
        try {
            MinioStore.sink(config).close();
        } catch (InvalidSettingException e) {
            assertThat(e.getMessage()).contains("'sync_type' = 'streamed'", "'secret_key_file' = '****'");
            assertNoSecret(List.of(), List.of(e));
            return;
        }
        throw new AssertionError("invalid settings were accepted");
    }

    private static void assertNoSecret(List<String> texts, List<Throwable> throwables) {
        List<String> all = new ArrayList<>(texts);
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> queue = new ArrayList<>(throwables);
        while (!queue.isEmpty()) {
            Throwable t = queue.remove(queue.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t.toString());
            all.add(String.valueOf(t.getMessage()));
            all.add(String.valueOf(t.getLocalizedMessage()));
            queue.add(t.getCause());
            queue.addAll(List.of(t.getSuppressed()));
        }
        assertThat(all).allSatisfy(text -> assertThat(text).doesNotContain(SECRET).doesNotContain(WRONG_SECRET));
    }

    /** Keeps every formatted log line and every logged throwable's messages, from all loggers. */
    private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getClassName() + ": " + t.getMessage());
            }
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        List<Throwable> throwables() {
            return List.of();
        }
    }
}
