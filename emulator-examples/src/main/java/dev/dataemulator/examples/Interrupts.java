package dev.dataemulator.examples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ctrl-C (SIGINT) as a request rather than an exit: the first one runs an action (stop the emulation) and lets the
 * command finish normally, so it can flush, print its summary and exit 0; a second Ctrl-C ends the process at once.
 * SIGTERM keeps the JVM's behaviour (shutdown hooks, then exit 143).
 *
 * <p>The JDK offers signal handling only through {@code sun.misc.Signal} (module {@code jdk.unsupported}); it is
 * reached by reflection so that the build has no warning about a proprietary API. Where it is missing, Ctrl-C keeps
 * the JVM's default (the process ends).
 */
final class Interrupts implements AutoCloseable {
    private static final Signals SIGNALS = Signals.find();

    private final Object previous;

    private Interrupts(Object previous) {
        this.previous = previous;
    }

    /**
     * Runs {@code onFirst} on the first SIGINT until closed.
     *
     * @param onFirst what the first Ctrl-C does; runs on the JVM's signal thread, so it must return quickly
     * @return a registration that restores the previous handler when closed
     */
    static Interrupts onInterrupt(Runnable onFirst) {
        if (SIGNALS == null) {
            return new Interrupts(null);
        }
        Object[] previous = new Object[1];
        previous[0] = SIGNALS.handle(SIGNALS.handler(() -> {
            // a second Ctrl-C: the JVM's default (exit 130)
            SIGNALS.handle(previous[0]);
            onFirst.run();
        }));
        return new Interrupts(previous[0]);
    }

    @Override
    public void close() {
        if (SIGNALS != null && previous != null) {
            SIGNALS.handle(previous);
        }
    }

    /** {@code sun.misc.Signal.handle(new Signal("INT"), handler)} and a {@code SignalHandler} made of a Runnable. */
    private record Signals(Object interrupt, Method handle, Class<?> handlerType) {
        static Signals find() {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                return new Signals(signal.getConstructor(String.class).newInstance("INT"),
                        signal.getMethod("handle", signal, handlerType), handlerType);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        Object handler(Runnable action) {
            return Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "Interrupts.handler";
                    });
        }

        /** @return the handler replaced */
        Object handle(Object handler) {
            try {
                return handle.invoke(null, interrupt, handler);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot install the Ctrl-C handler", e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot install the Ctrl-C handler", e.getCause());
            }
        }
    }
}
