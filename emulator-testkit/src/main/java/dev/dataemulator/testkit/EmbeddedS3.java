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
 * try (EmbeddedS3 s3 = EmbeddedS3.builder().start()) {
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
 * <p><b>Lifecycle.</b> The same shape as {@link EmbeddedKafka}: {@code builder()...build()} makes a server that is
 * not started, {@link #start()} starts it (or {@code builder()...start()} in one go), {@link #stop()} and
 * {@link #restart()} take it off the network and back, {@link #close()} releases it for good; a closed server cannot
 * be started again. Starting is bounded by {@link Builder#startupTimeout(Duration)}.
 *
 * <p>Thread-safe. {@link #start()} and {@link #close()} are idempotent; {@link #close()} stops the server at once,
 * dropping open connections.
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** The access key every server accepts unless the builder sets another. */
    public static final String DEFAULT_ACCESS_KEY = "emulator-access-key";
    /** The secret key every server accepts unless the builder sets another. */
    public static final String DEFAULT_SECRET_KEY = "emulator-secret-key";

    /** How long {@link #start()} and {@link #restart()} wait for the server by default: 60 seconds. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Builder settings;
    private final BlobStore blobStore;
    private final Path deleteOnClose;
    private final SelfSignedTls tls;
    private S3Proxy proxy;
    private int port;
    private boolean started;
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
     * @return a builder with the defaults: transient backend, fixed keys {@value #DEFAULT_ACCESS_KEY} /
     *     {@value #DEFAULT_SECRET_KEY}, plain HTTP, quiet logging, a 60 s startup timeout
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the base URL clients connect to, e.g. {@code http://127.0.0.1:41234}
     * @throws IllegalStateException when not started, or closed
     */
    public synchronized String endpoint() {
        requireStarted();
        return (tls != null ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /**
     * @return the port the server listens on; stays the same across {@link #restart()}
     */
    public synchronized int port() {
        requireStarted();
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
     * Starts the server on an ephemeral port of {@code 127.0.0.1}. Does nothing when it was already started (use
     * {@link #restart()} after {@link #stop()}).
     *
     * @return this server, for chaining
     * @throws IllegalStateException when closed, or the server did not start within the startup timeout (it is
     *     then closed)
     */
    public synchronized EmbeddedS3 start() {
        checkOpen();
        if (!started) {
            try {
                launch(0);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
            started = true;
        }
        return this;
    }

    /**
     * @return whether the server was started and not closed (it may be {@linkplain #stop() stopped})
     */
    public synchronized boolean isStarted() {
        return started && !closed;
    }

    /**
     * @return the startup timeout this server was built with
     */
    public Duration startupTimeout() {
        return settings.startupTimeout;
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
     * @throws IllegalStateException when not started, or closed
     */
    public synchronized void stop() {
        requireStarted();
        stopProxy();
    }

    /**
     * Brings a {@link #stop() stopped} server back on the same port, with the objects it held. Does nothing when
     * running.
     *
     * @throws IllegalStateException when not started, or closed, or when the port was taken by another process
     *     meanwhile, or the server did not come back within the startup timeout
     */
    public synchronized void restart() {
        requireStarted();
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
        return "EmbeddedS3[" + (closed ? "closed" : !started ? "not started" : (tls != null ? "https" : "http")
                + "://127.0.0.1:" + port + (proxy == null ? ", stopped" : "")) + ", " + (settings.filesystem ? "filesystem" : "transient")
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
            long deadline = System.nanoTime() + settings.startupTimeout.toNanos();
            while (!"STARTED".equals(started.getState())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("S3Proxy did not start within " + settings.startupTimeout
                            + " (state " + started.getState() + "; increase the startup timeout on a slow machine)");
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

    private void requireStarted() {
        checkOpen();
        if (!started) {
            throw new IllegalStateException("EmbeddedS3 is not started; call start() first");
        }
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
     * Settings of an {@link EmbeddedS3}; {@link #build()} makes the server, {@link #start()} also starts it. Not
     * thread-safe.
     */
    public static final class Builder {
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey = DEFAULT_SECRET_KEY;
        private boolean filesystem;
        private Path directory;
        private boolean https;
        private boolean quietLogging = true;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /**
         * @param timeout how long {@link EmbeddedS3#start()} and {@link EmbeddedS3#restart()} may take; default 60 s
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
         * @return a server that is not started yet (the backend and, with HTTPS, the certificate are made here);
         *     later changes to this builder do not affect it
         */
        public EmbeddedS3 build() {
            return new EmbeddedS3(copy());
        }

        /**
         * Builds the server and starts it on an ephemeral port of {@code 127.0.0.1}: {@code build().start()}.
         *
         * @return the running server, to be closed by the caller
         * @throws IllegalStateException when the server cannot start
         */
        public EmbeddedS3 start() {
            return build().start();
        }

        /** @return an independent copy, so that a builder kept for later starts is not changed by its caller */
        Builder copy() {
            Builder copy = new Builder();
            copy.accessKey = accessKey;
            copy.secretKey = secretKey;
            copy.filesystem = filesystem;
            copy.directory = directory;
            copy.https = https;
            copy.quietLogging = quietLogging;
            copy.startupTimeout = startupTimeout;
            return copy;
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
