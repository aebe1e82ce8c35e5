package dev.dataemulator.core;

/**
 * No emulation with the given id is known to an {@link EmulatorService}: it never existed there, or it ended long
 * enough ago to be forgotten (see {@link EmulatorService.Builder#retention(java.time.Duration)}).
 */
public class UnknownEmulationException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /** @param id the id that was asked for */
    public UnknownEmulationException(String id) {
        super("No emulation '" + id + "' (it never ran here, or it ended and was forgotten)");
        this.id = id;
    }

    /** @return the id that was asked for */
    public String id() {
        return id;
    }
}
