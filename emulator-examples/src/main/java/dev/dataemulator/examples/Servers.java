package dev.dataemulator.examples;

import dev.dataemulator.testkit.EmbeddedKafka;
import dev.dataemulator.testkit.EmbeddedPostgres;
import dev.dataemulator.testkit.EmbeddedS3;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Kafka and S3 are: given by flags or environment variables, or started in-process (embedded) when allowed.
 * Closing stops what was started here.
 */
public final class Servers implements AutoCloseable {

    /** Command-line options naming the servers; each falls back to an environment variable. */
    public static final class Options {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
                defaultValue = "${env:EMULATOR_KAFKA_BOOTSTRAP_SERVERS}",
                description = "Kafka bootstrap servers (env EMULATOR_KAFKA_BOOTSTRAP_SERVERS). Default: none.")
        String bootstrapServers;

        @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:EMULATOR_S3_ENDPOINT}",
                description = "S3 / MinIO endpoint, e.g. http://localhost:9000 (env EMULATOR_S3_ENDPOINT). "
                        + "Default: none.")
        String s3Endpoint;

        @Option(names = "--s3-access-key", paramLabel = "KEY", defaultValue = "${env:EMULATOR_S3_ACCESS_KEY}",
                description = "S3 access key (env EMULATOR_S3_ACCESS_KEY).")
        String s3AccessKey;

        @Option(names = "--s3-secret-key", paramLabel = "SECRET", defaultValue = "${env:EMULATOR_S3_SECRET_KEY}",
                description = "S3 secret key (env EMULATOR_S3_SECRET_KEY); never printed.")
        String s3SecretKey;

        @Option(names = "--embedded", negatable = true,
                description = "Start an in-process Kafka broker / S3 server for what is not configured. "
                        + "Default: on for quickstart and serve, off for run.")
        Boolean embedded;
    }

    private final Options options;
    private final boolean embeddedAllowed;
    private final PrintWriter log;
    private EmbeddedKafka kafka;
    private EmbeddedS3 s3;
    private EmbeddedPostgres postgres;

    public Servers(Options options, boolean embeddedByDefault, PrintWriter log) {
        this.options = options;
        this.embeddedAllowed = options.embedded != null ? options.embedded : embeddedByDefault;
        this.log = log;
    }

    /** @return settings of the {@code kafka} sink, starting an embedded broker if needed and allowed */
    public Map<String, String> kafka() {
        Map<String, String> config = new LinkedHashMap<>();
        if (!isBlank(options.bootstrapServers)) {
            config.put("bootstrap.servers", options.bootstrapServers);
            return config;
        }
        if (!embeddedAllowed) {
            throw new MissingServerException("No Kafka broker: pass --bootstrap-servers (or set "
                    + "EMULATOR_KAFKA_BOOTSTRAP_SERVERS), or --embedded to start one in-process");
        }
        if (kafka == null) {
            log.println("Starting an embedded Kafka broker (KRaft, in-process)...");
            kafka = EmbeddedKafka.builder().start();
            log.println("Embedded Kafka broker at " + kafka.bootstrapServers());
        }
        config.put("bootstrap.servers", kafka.bootstrapServers());
        return config;
    }

    /** @return settings of the {@code minio} sink, starting an embedded S3 server if needed and allowed */
    public Map<String, String> s3() {
        Map<String, String> config = new LinkedHashMap<>();
        if (!isBlank(options.s3Endpoint)) {
            config.put("endpoint", options.s3Endpoint);
            putIfPresent(config, "access_key", options.s3AccessKey);
            putIfPresent(config, "secret_key", options.s3SecretKey);
            return config;
        }
        if (!embeddedAllowed) {
            throw new MissingServerException("No S3 server: pass --s3-endpoint with --s3-access-key and "
                    + "--s3-secret-key (or the EMULATOR_S3_* variables), or --embedded to start one in-process");
        }
        if (s3 == null) {
            log.println("Starting an embedded S3 server (S3Proxy, in-process)...");
            s3 = EmbeddedS3.builder().start();
            log.println("Embedded S3 server at " + s3.endpoint());
        }
        config.put("endpoint", s3.endpoint());
        config.put("access_key", s3.accessKey());
        config.put("secret_key", s3.secretKey());
        return config;
    }

    /**
     * @param given the sink settings given on the command line
     * @return settings of the {@code jdbc} sink: none when {@code url} is given, else those of an embedded PostgreSQL
     *     started here if allowed (its data is deleted when the command ends)
     */
    public Map<String, String> postgres(Map<String, String> given) {
        Map<String, String> config = new LinkedHashMap<>();
        if (given.containsKey("url")) {
            return config;
        }
        if (!embeddedAllowed) {
            throw new MissingServerException("No database: pass -c url=jdbc:postgresql://HOST:PORT/DB (with "
                    + "-c user=... -c password=...), or --embedded to start a PostgreSQL for a local try");
        }
        if (postgres == null) {
            log.println("Starting an embedded PostgreSQL (a real server from Maven Central binaries)...");
            postgres = EmbeddedPostgres.builder().start();
            log.println("Embedded PostgreSQL at " + postgres.jdbcUrl() + " (user " + postgres.user() + ", password "
                    + postgres.password() + "); it stops and its data is deleted when this command ends");
        }
        config.put("url", postgres.jdbcUrl());
        config.put("user", postgres.user());
        config.put("password", postgres.password());
        return config;
    }

    @Override
    public void close() {
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static void putIfPresent(Map<String, String> config, String key, String value) {
        if (!isBlank(value)) {
            config.put(key, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** No server is configured and starting an embedded one is not allowed. */
    public static final class MissingServerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingServerException(String message) {
            super(message);
        }
    }
}
