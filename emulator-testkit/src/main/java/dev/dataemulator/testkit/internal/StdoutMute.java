package dev.dataemulator.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Diverts {@code System.out} to a DEBUG log while an action runs. Kafka's storage formatter, which the test kit runs
 * on threads of its own before the broker starts, prints its bootstrap metadata to {@code System.out}; a command line
 * whose standard output is its result (and a test report) must not get it. The window is the formatting step only
 * (well under a second); whatever any thread prints in it goes to the {@code dev.dataemulator.testkit} logger at
 * DEBUG instead. {@code System.out} is put back unless someone replaced it meanwhile.
 */
public final class StdoutMute {
    private static final System.Logger LOG = System.getLogger("dev.dataemulator.testkit.EmbeddedKafka");

    private StdoutMute() {
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface Action {
        /** @throws Exception anything; passed on */
        void run() throws Exception;
    }

    /**
     * Runs {@code action} with {@code System.out} diverted to the debug log.
     *
     * @param action what to run
     * @throws Exception what the action throws
     */
    public static synchronized void run(Action action) throws Exception {
        PrintStream original = System.out;
        Charset charset = Charset.defaultCharset();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream diverted = new PrintStream(captured, true, charset);
        System.setOut(diverted);
        try {
            action.run();
        } finally {
            if (System.out == diverted) {
                System.setOut(original);
            }
            diverted.flush();
            String text = captured.toString(charset).strip();
            if (!text.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "Kafka storage formatter output: {0}", text);
            }
        }
    }
}
