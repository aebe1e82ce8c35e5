package dev.dataemulator.testkit;

import dev.dataemulator.testkit.internal.LogQuieter;
import dev.dataemulator.testkit.internal.SelfSignedTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible server running in this JVM (S3Proxy), listening on an ephemeral loopback port, for integration
 * tests of S3 and MinIO clients. No Docker, no network beyond {@code 127.0.0.1}.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.start()) {
 *     MinioClient client = MinioClient.builder()
 *             .endpoint(s3.endpoint())
 *             .credentials(s3.accessKey(), s3.secretKey())
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Backends.</b> The default, {@link Builder#transientBackend() transient}, keeps objects in heap memory (size
 * test data accordingly: when the heap runs out the server stalls rather than failing). The
 * {@link Builder#filesystemBackend(Path) filesystem} backend keeps them in a directory.
 *
 * <p><b>Faults.</b> {@link #stop()} takes the server off the network (clients see refused connections) and
 * {@link #restart()} brings it back on the same port; both backends keep their objects across a restart within the
 * same {@code EmbeddedS3}, and the filesystem backend also across instances that share the directory.
 *
 * <p><b>TLS.</b> {@link Builder#https(boolean) https(true)} serves HTTPS only, with a self-signed certificate for
 * {@code 127.0.0.1} and {@code localhost} made at start; clients trust it through {@link #sslContext()} or
 * {@link #trustManager()}.
 *
 * <p><b>Logging.</b> S3Proxy logs through SLF4J and brings Logback, which logs at DEBUG without a configuration file.
 * Unless {@link Builder#quietLogging(boolean) quietLogging(false)} is set, starting a server sets the S3Proxy and
 * Jetty loggers to WARN when Logback is the binding and the application has not given those loggers a level itself.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and stops the server at once, dropping open connections.
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** The access key every server accepts unless the builder sets another. */
    public static final String DEFAULT_ACCESS_KEY = "emulator-access-key";
    /** The secret key every server accepts unless the builder sets another. */
    public static final String DEFAULT_SECRET_KEY = "emulator-secret-key";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Builder settings;
    private final BlobStore blobStore;
    private final Path deleteOnClose;
    private final SelfSignedTls tls;
    private S3Proxy proxy;
    private int port;
    private boolean closed;

    private EmbeddedS3(Builder settings) {
        this.settings = settings;
        Path dir = settings.directory;
        Path created = null;
        if (settings.filesystem && dir == null) {
            try {
                created = Files.createTempDirectory("embedded-s3-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a directory for the S3 filesystem backend", e);
            }
            dir = created;
        }
        this.deleteOnClose = created;
        Properties properties = new Properties();
        if (settings.filesystem) {
            properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        }
        this.blobStore = BlobStores.create(settings.filesystem ? "filesystem" : "transient", properties);
        this.tls = settings.https ? SelfSignedTls.create() : null;
    }

    /**
     * Starts a server with the defaults: transient backend, fixed keys {@value #DEFAULT_ACCESS_KEY} /
     * {@value #DEFAULT_SECRET_KEY}, plain HTTP, quiet logging.
     *
     * @return the running server
     */
    public static EmbeddedS3 start() {
        return builder().start();
    }

    /**
     * @return a builder for a server with non-default settings
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the base URL clients connect to, e.g. {@code http://127.0.0.1:41234}
     * @throws IllegalStateException when closed
     */
    public synchronized String endpoint() {
        checkOpen();
        return (tls != null ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /**
     * @return the port the server listens on; stays the same across {@link #restart()}
     */
    public synchronized int port() {
        checkOpen();
        return port;
    }

    /**
     * @return the access key (user name) the server accepts
     */
    public String accessKey() {
        return settings.accessKey;
    }

    /**
     * @return the secret key the server accepts
     */
    public String secretKey() {
        return settings.secretKey;
    }

    /**
     * @return whether the server speaks HTTPS
     */
    public boolean isHttps() {
        return tls != null;
    }

    /**
     * @return an SSL context that trusts this server's self-signed certificate (and nothing else)
     * @throws IllegalStateException when the server was not built with {@link Builder#https(boolean) https(true)}
     */
    public SSLContext sslContext() {
        return requireTls().clientContext();
    }

    /**
     * @return a trust manager that trusts this server's self-signed certificate (and nothing else)
     * @throws IllegalStateException when the server was not built with {@link Builder#https(boolean) https(true)}
     */
    public X509TrustManager trustManager() {
        return requireTls().trustManager();
    }

    /**
     * @return whether the server is accepting connections (started and not {@link #stop() stopped})
     */
    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /**
     * Takes the server off the network, as a crashed or unreachable S3 service would be: clients see refused
     * connections until {@link #restart()}. Objects are kept. Does nothing when already stopped.
     *
     * @throws IllegalStateException when closed
     */
    public synchronized void stop() {
        checkOpen();
        stopProxy();
    }

    /**
     * Brings a {@link #stop() stopped} server back on the same port, with the objects it held. Does nothing when
     * running.
     *
     * @throws IllegalStateException when closed, or when the port was taken by another process meanwhile
     */
    public synchronized void restart() {
        checkOpen();
        if (proxy == null) {
            launch(port);
        }
    }

    /**
     * Stops the server at once and releases its storage: the transient backend's objects, and the directory of a
     * filesystem backend when the builder chose a temporary one. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopProxy();
        } finally {
            try {
                blobStore.close();
            } catch (RuntimeException ignored) {
                // releasing heap storage; nothing useful to report
            }
            if (deleteOnClose != null) {
                deleteRecursively(deleteOnClose);
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedS3[" + (closed ? "closed" : (tls != null ? "https" : "http") + "://127.0.0.1:" + port
                + (proxy == null ? ", stopped" : "")) + ", " + (settings.filesystem ? "filesystem" : "transient")
                + " backend]";
    }

    private void launch(int requestedPort) {
        if (settings.quietLogging) {
            LogQuieter.quiet();
        }
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(blobStore)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, settings.accessKey, settings.secretKey)
                .stopTimeout(0);
        URI uri = URI.create((tls != null ? "https" : "http") + "://127.0.0.1:" + requestedPort);
        if (tls != null) {
            builder.secureEndpoint(uri).sslContext(tls.serverContext());
        } else {
            builder.endpoint(uri);
        }
        S3Proxy started = builder.build();
        try {
            started.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(started.getState())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT + " (state "
                            + started.getState() + ")");
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(started);
            throw new IllegalStateException("Interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            stopQuietly(started);
            throw new IllegalStateException("Cannot start S3Proxy on 127.0.0.1:" + requestedPort + ": " + e, e);
        }
        proxy = started;
        port = tls != null ? started.getSecurePort() : started.getPort();
    }

    private void stopProxy() {
        S3Proxy running = proxy;
        proxy = null;
        if (running != null) {
            try {
                running.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop S3Proxy on port " + port + ": " + e, e);
            }
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already failing to start; the start failure is the one to report
        }
    }

    private SelfSignedTls requireTls() {
        if (tls == null) {
            throw new IllegalStateException("This EmbeddedS3 speaks plain HTTP; build it with https(true)");
        }
        return tls;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("EmbeddedS3 is closed");
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temporary directory
        }
    }

    /**
     * Settings of an {@link EmbeddedS3}; {@link #start()} builds and starts the server. Not thread-safe.
     */
    public static final class Builder {
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey = DEFAULT_SECRET_KEY;
        private boolean filesystem;
        private Path directory;
        private boolean https;
        private boolean quietLogging = true;

        private Builder() {
        }

        /**
         * Keeps objects in heap memory (the default); they are gone once the server is closed.
         *
         * @return this builder
         */
        public Builder transientBackend() {
            this.filesystem = false;
            this.directory = null;
            return this;
        }

        /**
         * Keeps objects in a directory, one subdirectory per bucket.
         *
         * @param directory an existing directory, kept on {@link EmbeddedS3#close()}; {@code null} for a temporary
         *     directory that is deleted on close
         * @return this builder
         */
        public Builder filesystemBackend(Path directory) {
            this.filesystem = true;
            this.directory = directory;
            return this;
        }

        /**
         * @param accessKey the access key the server accepts; default {@value EmbeddedS3#DEFAULT_ACCESS_KEY}
         * @param secretKey the secret key the server accepts; default {@value EmbeddedS3#DEFAULT_SECRET_KEY}
         * @return this builder
         */
        public Builder credentials(String accessKey, String secretKey) {
            this.accessKey = requireText(accessKey, "accessKey");
            this.secretKey = requireText(secretKey, "secretKey");
            return this;
        }

        /**
         * @param https serve HTTPS with a self-signed certificate instead of plain HTTP; default {@code false}
         * @return this builder
         */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /**
         * @param quietLogging set S3Proxy's and Jetty's loggers to WARN when Logback is the SLF4J binding and they
         *     have no level of their own; default {@code true}
         * @return this builder
         */
        public Builder quietLogging(boolean quietLogging) {
            this.quietLogging = quietLogging;
            return this;
        }

        /**
         * Builds the server and starts it on an ephemeral port of {@code 127.0.0.1}.
         *
         * @return the running server, to be closed by the caller
         * @throws IllegalStateException when the server cannot start
         */
        public EmbeddedS3 start() {
            Builder copy = new Builder();
            copy.accessKey = accessKey;
            copy.secretKey = secretKey;
            copy.filesystem = filesystem;
            copy.directory = directory;
            copy.https = https;
            copy.quietLogging = quietLogging;
            EmbeddedS3 server = new EmbeddedS3(copy);
            synchronized (server) {
                try {
                    server.launch(0);
                } catch (RuntimeException | Error e) {
                    server.close();
                    throw e;
                }
            }
            return server;
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
