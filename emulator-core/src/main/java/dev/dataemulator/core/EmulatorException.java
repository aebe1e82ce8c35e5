package dev.dataemulator.core;

/**
 * The root of the emulator's unchecked exceptions. Messages name the setting, resource or provider involved,
 * with identifiers in single quotes.
 */
public class EmulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulatorException(String message) {
        super(message);
    }

    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
