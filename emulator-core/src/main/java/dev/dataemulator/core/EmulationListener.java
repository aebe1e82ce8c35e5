package dev.dataemulator.core;

/**
 * Observes emulations: metrics, progress bars, audit logs. Registered per emulation with
 * {@link EmulationSpec.Builder#listener(EmulationListener)}, or for every emulation of a service with
 * {@link EmulatorService.Builder#listener(EmulationListener)}. Every method has an empty default.
 *
 * <p><b>Threading and cost.</b> Listeners are never called on the workers' record loop. The calls of one emulation
 * come in order: {@link #started} once, on the thread that starts the emulation before any worker runs (so when
 * {@link EmulationRunner#start(EmulationSpec)} returns, every listener has seen it); then {@link #progress} every
 * {@link EmulationSpec#progressInterval() progress interval} while it runs and {@link #ended} once, both from one
 * thread of the emulation's own ({@code emulator-<domain>-listeners}). The emulation's end waits for {@link #ended} (bounded, {@value #END_WAIT_SECONDS} s), so when
 * {@link Emulation#awaitCompletion(java.time.Duration)} returns, every listener has seen the final report; a slower
 * listener is left behind with a warning. The same listener instance may be called from the threads of several
 * emulations at once.
 *
 * <p><b>Failures.</b> An exception a listener throws is logged (once per listener and callback at WARN, later ones
 * at DEBUG) and otherwise ignored: it never changes the emulation's records, counts or status.
 */
public interface EmulationListener {
    /** How long an emulation's end waits for its listeners' {@link #ended} calls, in seconds. */
    long END_WAIT_SECONDS = 10;

    /**
     * The emulation was created and its workers launched (status {@link EmulationStatus#SCHEDULED} or later).
     *
     * @param emulation the emulation: id, spec, live stats
     */
    default void started(Emulation emulation) {
    }

    /**
     * A periodic snapshot while the emulation runs.
     *
     * @param emulation the emulation
     * @param stats its counts at this tick
     */
    default void progress(Emulation emulation, EmulationStats stats) {
    }

    /**
     * The emulation ended; the report is final ({@code generated == delivered + failed}).
     *
     * @param emulation the emulation
     * @param report its final report
     */
    default void ended(Emulation emulation, EmulationReport report) {
    }
}
