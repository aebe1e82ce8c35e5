package dev.dataemulator.minio;

import dev.dataemulator.testkit.EmbeddedS3;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3 server (S3Proxy, filesystem backend) in a child JVM, so that a test can kill it the hard way (SIGKILL: no
 * shutdown hook, open connections reset, partly written files left behind) and start another on the same port and
 * the same directory. Credentials: {@link EmbeddedS3#DEFAULT_ACCESS_KEY} / {@link EmbeddedS3#DEFAULT_SECRET_KEY}.
 */
final class S3ServerProcess implements AutoCloseable {
    private static final String READY = "READY ";
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Path directory;
    private Process process;
    private int port;

    private S3ServerProcess(Path directory) {
        this.directory = directory;
    }

    /** Starts a server on an ephemeral port, keeping objects in {@code directory}. */
    static S3ServerProcess start(Path directory) throws IOException {
        S3ServerProcess server = new S3ServerProcess(directory);
        server.launch(0);
        return server;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    String accessKey() {
        return EmbeddedS3.DEFAULT_ACCESS_KEY;
    }

    String secretKey() {
        return EmbeddedS3.DEFAULT_SECRET_KEY;
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the S3 server process " + process.pid() + " did not die");
        }
    }

    /** Starts a new child on the same port and directory. */
    void restart() throws IOException {
        launch(port);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void launch(int requestedPort) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                S3ServerProcess.class.getName(), directory.toAbsolutePath().toString(),
                Integer.toString(requestedPort));
        Process started = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                process = started;
                port = Integer.parseInt(line.substring(READY.length()).trim());
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
        }
        started.destroyForcibly();
        throw new IOException("the S3 server process ended before it was ready (port " + requestedPort + ")");
    }

    /**
     * The child: serves {@code args[0]} on {@code 127.0.0.1:args[1]} and prints {@code READY <port>}; runs until
     * killed.
     *
     * @param args the directory and the port (0 for any)
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", args[0]);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, EmbeddedS3.DEFAULT_ACCESS_KEY,
                        EmbeddedS3.DEFAULT_SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:" + Integer.parseInt(args[1])))
                .stopTimeout(0)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) {
                System.exit(1);
            }
            Thread.sleep(5);
        }
        System.out.println(READY + proxy.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
