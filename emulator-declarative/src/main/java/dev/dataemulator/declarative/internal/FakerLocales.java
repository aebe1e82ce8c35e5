package dev.dataemulator.declarative.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.datafaker.Faker;

/** The locales Datafaker has data for ({@code de}, {@code fr}, {@code ja}, {@code pt-BR}, ...), by their file names. */
final class FakerLocales {
    private static volatile List<String> known;

    private FakerLocales() {
    }

    /** @return the locale named {@code name}, or null when Datafaker has no data for it */
    static Locale locale(String name) {
        if (name.startsWith("_") || Faker.class.getClassLoader().getResource(name + ".yml") == null) {
            return null;
        }
        return Locale.forLanguageTag(name);
    }

    /** @return the names of the locales Datafaker has data for (empty when its jar cannot be listed) */
    static List<String> names() {
        List<String> names = known;
        if (names == null) {
            names = new ArrayList<>();
            try {
                URL jar = Faker.class.getProtectionDomain().getCodeSource().getLocation();
                try (JarFile file = new JarFile(Path.of(jar.toURI()).toFile())) {
                    for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (entry.endsWith(".yml") && entry.indexOf('/') < 0 && !entry.startsWith("_")) {
                            names.add(entry.substring(0, entry.length() - 4));
                        }
                    }
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                // no listing: no suggestion
            }
            names.sort(null);
            known = names;
        }
        return names;
    }
}
