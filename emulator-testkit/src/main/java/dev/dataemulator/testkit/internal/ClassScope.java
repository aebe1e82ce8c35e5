package dev.dataemulator.testkit.internal;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The class-level life cycle shared by the testkit's JUnit extensions: one server per outermost test class that
 * registers the extension, started before its first test (or when a constructor parameter needs it first), closed
 * after its last; nested classes share it; registration on an instance field is rejected. Thread-safe.
 *
 * @param <T> the server type
 */
public final class ClassScope<T> {
    private final String extension;
    private final Supplier<T> start;
    private final Consumer<T> close;
    private T server;
    private String ownerId;

    /**
     * @param extension the extension's name, for messages
     * @param start starts the server and returns it
     * @param close closes it
     */
    public ClassScope(String extension, Supplier<T> start, Consumer<T> close) {
        this.extension = Objects.requireNonNull(extension, "extension");
        this.start = Objects.requireNonNull(start, "start");
        this.close = Objects.requireNonNull(close, "close");
    }

    /** Starts the server for the outermost test class. */
    public synchronized void beforeAll(ExtensionContext context) {
        if (ownerId == null) {
            startFor(context);
        }
    }

    /** Rejects an extension that has no class-level life cycle. */
    public synchronized void beforeEach(ExtensionContext context) {
        if (ownerId == null) {
            throw new ExtensionConfigurationException(extension + " needs a class-level lifecycle: register it "
                    + "with @ExtendWith on the class or with @RegisterExtension on a static field");
        }
    }

    /** Closes the server after the test class that started it (not after its nested classes). */
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(ownerId)) {
            try {
                close.accept(server);
            } finally {
                server = null;
                ownerId = null;
            }
        }
    }

    /**
     * @return the running server; started here when a constructor parameter is resolved before the class callbacks
     *     run ({@code @TestInstance(PER_CLASS)})
     */
    public synchronized T resolve(ExtensionContext context) {
        if (ownerId == null) {
            ExtensionContext classContext = context;
            while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
                classContext = classContext.getParent().get();
            }
            startFor(classContext);
        }
        return server;
    }

    /** @return the running server, or {@code null} outside the test class's life cycle */
    public synchronized T server() {
        return server;
    }

    private void startFor(ExtensionContext context) {
        server = start.get();
        ownerId = context.getUniqueId();
    }
}
