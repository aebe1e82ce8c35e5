package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatorException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads named providers with {@link ServiceLoader}, defensively: a broken provider is skipped with a warning. */
public final class ProviderLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderLoader.class);

    private ProviderLoader() {
    }

    /** @return the providers found on the class path, by name */
    public static <T> Map<String, T> load(Class<T> type, Function<T, String> name, ClassLoader loader) {
        Map<String, T> found = new LinkedHashMap<>();
        Iterator<T> iterator = ServiceLoader.load(type, loader).iterator();
        while (true) {
            T provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a {} that cannot be loaded: {}", type.getSimpleName(), e.getMessage());
                continue;
            }
            put(found, provider, name, type);
        }
        return found;
    }

    /**
     * Adds {@code provider} under its name.
     *
     * @throws EmulatorException when the name is blank or already taken (naming both classes)
     */
    public static <T> void put(Map<String, T> map, T provider, Function<T, String> name, Class<T> type) {
        String key = name.apply(provider);
        if (key == null || key.isBlank()) {
            throw new EmulatorException(type.getSimpleName() + " " + provider.getClass().getName()
                    + " has a blank name");
        }
        T previous = map.putIfAbsent(key, provider);
        if (previous != null) {
            throw new EmulatorException("Duplicate " + type.getSimpleName() + " name '" + key + "': "
                    + previous.getClass().getName() + " and " + provider.getClass().getName()
                    + "; remove one of them from the class path or register providers explicitly");
        }
    }

    public static ClassLoader defaultLoader(Class<?> anchor) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : anchor.getClassLoader();
    }
}
