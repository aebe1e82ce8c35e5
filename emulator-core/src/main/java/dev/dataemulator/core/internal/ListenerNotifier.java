package dev.dataemulator.core.internal;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationListener;
import dev.dataemulator.core.EmulationReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an emulation's listeners off the workers' record loop, in order: started on the thread that starts the
 * emulation (before any worker runs), then progress ticks and ended from one thread of the emulation's own. A
 * listener that throws is logged and ignored.
 */
final class ListenerNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerNotifier.class);

    private final Emulation emulation;
    private final List<EmulationListener> listeners;
    private final ScheduledThreadPoolExecutor thread;
    private final Duration interval;
    /** One flag per listener and callback kind: the first failure is logged at WARN, later ones at DEBUG. */
    private final AtomicBoolean[] warned;
    private ScheduledFuture<?> ticks;

    ListenerNotifier(Emulation emulation, List<EmulationListener> listeners, String threadName, Duration interval) {
        this.emulation = emulation;
        this.listeners = List.copyOf(listeners);
        this.interval = interval;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.warned = new AtomicBoolean[this.listeners.size() * 3];
        for (int i = 0; i < warned.length; i++) {
            warned[i] = new AtomicBoolean();
        }
    }

    /** Calls {@code started} on the calling thread, then schedules the progress ticks. */
    synchronized void started() {
        each(0, "started", listener -> listener.started(emulation));
        long nanos = interval.toNanos();
        ticks = thread.scheduleWithFixedDelay(() -> {
            var stats = emulation.stats();
            each(1, "progress", listener -> listener.progress(emulation, stats));
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops the ticks, calls {@code ended} and waits (bounded) for it, then lets the thread end. */
    void ended(EmulationReport report) {
        synchronized (this) {
            if (ticks != null) {
                ticks.cancel(false);
            }
            try {
                thread.execute(() -> each(2, "ended", listener -> listener.ended(emulation, report)));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // already ended
            }
            thread.shutdown();
        }
        try {
            if (!thread.awaitTermination(EmulationListener.END_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Emulation '{}': listeners did not finish 'ended' within {} s; not waiting for them",
                        emulation.id(), EmulationListener.END_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void each(int kind, String callback, Consumer<EmulationListener> call) {
        for (int i = 0; i < listeners.size(); i++) {
            EmulationListener listener = listeners.get(i);
            try {
                call.accept(listener);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                if (warned[i * 3 + kind].compareAndSet(false, true)) {
                    LOG.warn("Emulation '{}': listener {} failed in '{}' (ignored; later failures are logged at "
                            + "DEBUG)", emulation.id(), listener, callback, e);
                } else {
                    LOG.debug("Emulation '{}': listener {} failed in '{}'", emulation.id(), listener, callback, e);
                }
            }
        }
    }
}
