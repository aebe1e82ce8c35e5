package dev.dataemulator.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A real schema registry for integration tests: Apicurio Registry {@value #VERSION} (in-memory storage) in a child
 * JVM on an ephemeral loopback port, serving the Confluent-compatible API at {@link #url()}. No Docker, no network
 * beyond {@code 127.0.0.1}.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().start()) {
 *     String url = registry.url(); // http://127.0.0.1:PORT/apis/ccompat/v7
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Distribution.</b> The registry runs from its distribution on Maven Central,
 * {@code io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all} (142 MB), unpacked once per machine into the
 * temporary directory and reused. It is found at {@link Builder#distribution(Path)}, else at the system property
 * {@value #DISTRIBUTION_PROPERTY}, else in the local Maven repository ({@code maven.repo.local} or
 * {@code ~/.m2/repository}). A module whose tests use the registry declares that artifact as a test dependency, so
 * Maven fetches it (and keeps it off the test class path; see emulator-kafka's pom).
 *
 * <p><b>Lifecycle.</b> {@link #start()} launches the child JVM and waits until the API answers (about 11 s on a busy
 * two-core machine), bounded by {@link Builder#startupTimeout(Duration)}; {@link #kill()} kills it at once (clients
 * then see refused connections), for tests of registry outages; {@link #close()} kills it for good. The child is also
 * killed when this JVM exits. Its output goes to {@code registry.log} in a directory of its own, named in start-up
 * errors with the log's last lines.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** The Apicurio Registry version run. */
    public static final String VERSION = "2.6.13.Final";
    /** System property naming the distribution's {@code tar.gz}. */
    public static final String DISTRIBUTION_PROPERTY = "emulator.schema-registry.distribution";
    /** How long {@link #start()} waits for the registry by default: 120 seconds. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
    /** The path of the Confluent-compatible API under the server's root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final String ARTIFACT = "apicurio-registry-app-" + VERSION;
    private static final String RUNNER = ARTIFACT + "-runner.jar";

    private final Builder settings;
    private Process process;
    private Thread shutdownHook;
    private Path work;
    private Path logFile;
    private int port;
    private boolean closed;

    private EmbeddedSchemaRegistry(Builder settings) {
        this.settings = settings;
    }

    /** @return a builder of a registry with default settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Launches the registry and waits until its API answers.
     *
     * @return this registry
     * @throws IllegalStateException when the distribution is missing, the registry was closed, or it did not answer
     *     within the start-up timeout (the message holds the end of its log)
     */
    public synchronized EmbeddedSchemaRegistry start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedSchemaRegistry is closed");
        }
        if (process != null) {
            return this;
        }
        Path home = unpacked(settings.distribution());
        try {
            if (work == null) {
                // one directory for every start until close(), which deletes it: a restart after kill() reuses it
                work = Files.createTempDirectory("emulator-schema-registry-");
            }
            logFile = work.resolve("registry.log");
            port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + settings.heapMegabytes + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-Djava.io.tmpdir=" + work,
                    "-jar", home.resolve(RUNNER).toString()));
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("EmbeddedSchemaRegistry: could not launch " + RUNNER, e);
        }
        Process launched = process;
        shutdownHook = new Thread(launched::destroyForcibly, "embedded-schema-registry-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(launched);
        return this;
    }

    private void awaitReady(Process launched) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + settings.startupTimeout.toNanos();
        while (true) {
            if (!launched.isAlive()) {
                String log = logTail();
                kill();
                throw new IllegalStateException("EmbeddedSchemaRegistry: the registry exited with status "
                        + launched.exitValue() + " while starting; its log ends:\n" + log);
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("EmbeddedSchemaRegistry: interrupted while starting", e);
            }
            if (System.nanoTime() > deadline) {
                String log = logTail();
                kill();
                throw new IllegalStateException("EmbeddedSchemaRegistry: no answer from " + url() + " within "
                        + settings.startupTimeout + "; its log ends:\n" + log);
            }
            try {
                launched.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("EmbeddedSchemaRegistry: interrupted while starting", e);
            }
        }
    }

    /**
     * @return the Confluent-compatible API's base URL, {@code http://127.0.0.1:PORT/apis/ccompat/v7}
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized String url() {
        return "http://127.0.0.1:" + port() + CCOMPAT_PATH;
    }

    /**
     * @return the port the registry listens on (kept after {@link #kill()})
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("EmbeddedSchemaRegistry is not started");
        }
        return port;
    }

    /** @return whether the registry's process is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Kills the registry's process at once and waits for it to end; its schemas are lost (in-memory storage).
     * Idempotent. The registry can be started again, on another port, unless closed.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting; the hook kills it anyway
        }
        process = null;
    }

    /** Kills the registry for good and deletes its working directory. Idempotent. */
    @Override
    public synchronized void close() {
        kill();
        closed = true;
        if (work != null) {
            deleteTree(work);
            work = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedSchemaRegistry[Apicurio " + VERSION + (process == null ? ", not running" : ", " + url())
                + "]";
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log at " + logFile + ": " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** @return the unpacked distribution, unpacked now when this machine has not unpacked it yet */
    private static Path unpacked(Path archive) {
        Path home;
        try {
            home = Path.of(System.getProperty("java.io.tmpdir"), "emulator-" + ARTIFACT + "-"
                    + Files.size(archive));
        } catch (IOException e) {
            throw new UncheckedIOException("EmbeddedSchemaRegistry: cannot read " + archive, e);
        }
        if (Files.isRegularFile(home.resolve(RUNNER))) {
            return home;
        }
        Path partial = null;
        try {
            partial = Files.createTempDirectory(home.getParent(), home.getFileName() + ".partial-");
            untar(archive, partial);
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
                partial = null;
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another test JVM unpacked it meanwhile
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("EmbeddedSchemaRegistry: cannot unpack " + archive, e);
        } finally {
            if (partial != null) {
                deleteTree(partial);
            }
        }
    }

    private static void untar(Path archive, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("entry outside the archive's directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory
        }
    }

    /** Settings of an {@link EmbeddedSchemaRegistry}. */
    public static final class Builder {
        private Path distribution;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private int heapMegabytes = 384;

        private Builder() {
        }

        /**
         * @param archive the distribution's {@code tar.gz}; by default the system property
         *     {@value #DISTRIBUTION_PROPERTY}, else the local Maven repository's copy
         * @return this builder
         */
        public Builder distribution(Path archive) {
            this.distribution = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /**
         * @param timeout how long {@link EmbeddedSchemaRegistry#start()} waits for the API, default 120 s
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive: " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * @param megabytes the child JVM's maximum heap, default 384
         * @return this builder
         */
        public Builder heapMegabytes(int megabytes) {
            if (megabytes < 128) {
                throw new IllegalArgumentException("heapMegabytes must be at least 128: " + megabytes);
            }
            this.heapMegabytes = megabytes;
            return this;
        }

        /** @return a copy of these settings */
        public Builder copy() {
            Builder copy = new Builder();
            copy.distribution = distribution;
            copy.startupTimeout = startupTimeout;
            copy.heapMegabytes = heapMegabytes;
            return copy;
        }

        /** @return a registry with these settings, not started */
        public EmbeddedSchemaRegistry build() {
            return new EmbeddedSchemaRegistry(copy());
        }

        /** @return a started registry with these settings */
        public EmbeddedSchemaRegistry start() {
            return build().start();
        }

        private Path distribution() {
            Path archive = distribution;
            if (archive == null && System.getProperty(DISTRIBUTION_PROPERTY) != null) {
                archive = Path.of(System.getProperty(DISTRIBUTION_PROPERTY));
            }
            if (archive == null) {
                String repository = System.getProperty("maven.repo.local",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
                archive = Path.of(repository, "io", "apicurio", "apicurio-registry-app", VERSION,
                        ARTIFACT + "-all.tar.gz");
            }
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("EmbeddedSchemaRegistry: no Apicurio Registry distribution at "
                        + archive + "; declare io.apicurio:apicurio-registry-app:" + VERSION + " (type tar.gz, "
                        + "classifier all) as a test dependency, or fetch it with ./mvnw dependency:get "
                        + "-Dartifact=io.apicurio:apicurio-registry-app:" + VERSION + ":tar.gz:all, or set -D"
                        + DISTRIBUTION_PROPERTY + "=PATH");
            }
            return archive;
        }
    }
}
