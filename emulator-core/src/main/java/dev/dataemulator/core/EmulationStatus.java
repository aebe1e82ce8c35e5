package dev.dataemulator.core;

/** The life cycle of an emulation. */
public enum EmulationStatus {
    /** Started, resources not yet set up, no record produced. */
    SCHEDULED,
    /** Workers are producing. */
    RUNNING,
    /** Ended on its own: duration elapsed, record count reached, or the domain was exhausted. */
    COMPLETED,
    /** Ended by {@link Emulation#stop()} or {@link Emulation#close()}. */
    STOPPED,
    /** Ended by an error; {@link EmulationReport#failure()} holds the cause. */
    FAILED;

    /** @return whether the emulation has ended */
    public boolean isTerminal() {
        return this == COMPLETED || this == STOPPED || this == FAILED;
    }
}
