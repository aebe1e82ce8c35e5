package dev.dataemulator.core;

/**
 * No sink or domain is registered under the requested name. The message lists what was found and the artifact to
 * add to the classpath.
 */
public class ProviderNotFoundException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    public ProviderNotFoundException(String message) {
        super(message);
    }
}
