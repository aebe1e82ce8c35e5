package dev.dataemulator.benchmarks.internal;

import dev.dataemulator.testkit.EmbeddedKafka;
import dev.dataemulator.testkit.EmbeddedS3;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded Kafka broker or S3 server in a child JVM, so that a harness measuring its own memory does not count the
 * server's. The child prints {@code READY <address>} once the server is up and stops it when its standard input
 * closes.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String READY = "READY ";

    private final Process process;
    private final String address;

    private ServerProcess(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts a child JVM on this JVM's class path.
     *
     * @param kind {@code kafka} or {@code s3}
     * @param properties broker properties for Kafka, as {@code key=value}
     * @return the running server
     * @throws IOException when the child does not start or dies before it is ready
     */
    public static ServerProcess start(String kind, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
                kind));
        command.addAll(properties);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                // keep reading what the server prints afterwards: a full pipe would block its logging threads, and
                // with them the broker
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discarded
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                }, kind + "-server-output");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, line.substring(READY.length()).trim());
            }
        }
        process.destroyForcibly();
        throw new IOException("the " + kind + " server process ended before it was ready");
    }

    /** @return the bootstrap servers (Kafka) or the endpoint URL (S3) */
    public String address() {
        return address;
    }

    /** @return the child's process id, to sample its memory */
    public long pid() {
        return process.pid();
    }

    /** Closes the child's standard input (it stops its server and exits), then waits up to 30 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The child's entry point.
     *
     * @param args {@code kafka [key=value...]} or {@code s3}
     * @throws Exception when the server fails
     */
    public static void main(String[] args) throws Exception {
        AutoCloseable server;
        String address;
        if (args[0].equals("kafka")) {
            EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
            for (int i = 1; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                builder.brokerProperty(kv[0], kv[1]);
            }
            EmbeddedKafka kafka = builder.build().start();
            server = kafka;
            address = kafka.bootstrapServers();
        } else {
            EmbeddedS3 s3 = EmbeddedS3.builder().filesystemBackend(null).start();
            server = s3;
            address = s3.endpoint();
        }
        System.out.println(READY + address);
        System.out.flush();
        try (server) {
            while (System.in.read() >= 0) {
                // runs until the parent closes the pipe
            }
        }
        System.exit(0);
    }
}
