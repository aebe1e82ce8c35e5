package dev.dataemulator.examples;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) as a request rather than an exit: the first one runs an action (stop the emulation) and lets the
 * command finish normally, so it can flush, print its summary and exit 0; a second Ctrl-C ends the process at once.
 * SIGTERM keeps the JVM's behaviour (shutdown hooks, then exit 143).
 */
final class Interrupts implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;

    private Interrupts(SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Runs {@code onFirst} on the first SIGINT until closed.
     *
     * @param onFirst what the first Ctrl-C does; runs on the JVM's signal thread, so it must return quickly
     * @return a registration that restores the previous handler when closed
     */
    static Interrupts onInterrupt(Runnable onFirst) {
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(INT, signal -> {
            // a second Ctrl-C: the JVM's default (exit 130)
            Signal.handle(INT, previous[0]);
            onFirst.run();
        });
        return new Interrupts(previous[0]);
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
