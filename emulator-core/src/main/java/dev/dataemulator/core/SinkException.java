package dev.dataemulator.core;

/**
 * A sink failed at run time: a resource could not be set up, a server is unreachable, credentials were refused,
 * records could not be delivered.
 */
public class SinkException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    public SinkException(String message) {
        super(message);
    }

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
