package dev.dataemulator.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process running a {@code main} class of the test's own class path, for tests that kill a writer the hard
 * way: {@link #kill()} sends SIGKILL (no shutdown hook, no flush, no close), as a crashed machine or an OOM killer
 * would. Its standard output and error go to a log file, which {@link #output()} reads for assertion messages.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(Writer.class, dir.resolve("child.log"), "arg")) {
 *     Awaitility.await().until(() -> progress() > 1000 || !child.isAlive());
 *     child.kill();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code main} in a JVM of the running one's Java home, with the running JVM's class path, a 256 MiB heap
     * and the serial collector (a small machine runs several builds at once).
     *
     * @param main the class whose {@code main} runs
     * @param log where its standard output and error go
     * @param args its arguments
     * @return the running child
     * @throws IOException when the process cannot be started
     */
    public static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(log.toString())).start();
        return new ChildJvm(process, log);
    }

    /** @return whether the child still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the child's exit code; waits for it to end */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Kills the child with SIGKILL and waits until it is gone.
     *
     * @return whether it was still running when killed (false: it had ended by itself)
     */
    public boolean kill() throws InterruptedException {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The child JVM " + process.pid() + " survived SIGKILL for 30 s");
        }
        return alive;
    }

    /** @return what the child has written to its log so far, or why it cannot be read */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e + ")";
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
