package dev.dataemulator.core;

import dev.dataemulator.core.internal.EmulationGroup;
import java.util.concurrent.ExecutionException;

/**
 * Runs emulations: {@link #start(EmulationSpec)} returns at once with a handle (where the Python service this library replaces started a
 * FastAPI background task), {@link #run(EmulationSpec)} blocks until the end. Holds no state; emulations are independent and several can run
 * at once.
 *
 * <pre>{@code
 * try (Emulation run = EmulationRunner.start(EmulationSpec.builder()
 *         .domain("transaction")
 *         .sink("kafka", Map.of("bootstrap.servers", "localhost:9092"))
 *         .threads(5)
 *         .duration(Duration.ofSeconds(30))
 *         .build())) {
 *     EmulationReport report = run.awaitCompletion(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class EmulationRunner {
    private EmulationRunner() {
    }

    /**
     * Creates the sink and the domain generator, then starts the workers and returns. A spec of several domains
     * ({@link EmulationSpec#domains()}) starts one per domain with the run's id and seed, behind the one handle
     * returned, whose report has each domain's ({@link EmulationReport#perDomain()}). A run whose domains refer to a
     * domain it does not emit, without a seed, logs {@link EmulationSpec#referenceWarning()}. Configuration errors
     * surface here, synchronously; run-time errors (an unreachable server, a rejected record) end the emulation as
     * {@link EmulationStatus#FAILED}.
     *
     * @param spec what to run
     * @return the running emulation; close it (or await it) to release its threads
     * @throws InvalidSettingException when the sink configuration or a domain option is invalid
     * @throws ProviderNotFoundException when the sink or domain is not on the class path
     */
    public static Emulation start(EmulationSpec spec) {
        return EmulationGroup.start(spec);
    }

    /**
     * Starts an emulation and waits for its end. Only sensible for bounded emulations (duration, record count or a
     * finite domain); an unbounded one runs until the calling thread is interrupted, which stops it.
     *
     * @param spec what to run
     * @return the final report
     * @throws EmulatorException when the calling thread is interrupted: the emulation is stopped and closed (waiting
     *     up to {@link EmulationSpec#closeTimeout()}) and the thread's interrupt status is set again
     */
    public static EmulationReport run(EmulationSpec spec) {
        Emulation emulation = start(spec);
        boolean interrupted = false;
        try {
            return emulation.completion().toCompletableFuture().get();
        } catch (InterruptedException e) {
            interrupted = true;
            throw new EmulatorException("Interrupted while running emulation '" + emulation.id() + "'; stopped it",
                    e);
        } catch (ExecutionException e) {
            throw new EmulatorException("Emulation '" + emulation.id() + "' ended abnormally", e.getCause());
        } finally {
            try {
                // stops the emulation and waits for its end; the interrupt is restored after that wait
                emulation.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
