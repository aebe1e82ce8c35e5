package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.DomainSource;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds definition files {@code META-INF/emulator/domains/*.yaml} (and {@code *.yml}, {@code *.json}) on the class
 * path, in directories and jars, and compiles each into providers. Listed in
 * {@code META-INF/services/dev.dataemulator.core.spi.DomainSource}; a bad file fails discovery with its problems.
 */
public final class ClasspathDomainSource implements DomainSource {
    /** The class path folder definition files are found in. */
    public static final String FOLDER = "META-INF/emulator/domains/";

    /** Creates the source; {@link java.util.ServiceLoader} calls this. */
    public ClasspathDomainSource() {
    }

    @Override
    public List<DomainProvider> providers(ClassLoader loader) {
        List<DomainProvider> providers = new ArrayList<>();
        try {
            Enumeration<URL> folders = loader.getResources(FOLDER);
            while (folders.hasMoreElements()) {
                URL folder = folders.nextElement();
                TreeSet<String> names = new TreeSet<>();
                list(folder, names);
                for (String name : names) {
                    // each class path entry's own file, even when another entry has a file of the same name
                    URL file = new URL(folder, name);
                    try (InputStream in = file.openStream()) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        providers.addAll(DeclarativeDomains.parse(FOLDER + name, text));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the domain definitions under " + FOLDER, e);
        }
        return providers;
    }

    private static void list(URL folder, TreeSet<String> names) throws IOException {
        if ("file".equals(folder.getProtocol())) {
            Path dir;
            try {
                dir = Paths.get(folder.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(ClasspathDomainSource::isDefinition)
                        .forEach(names::add);
            }
            return;
        }
        URLConnection connection = folder.openConnection();
        if (connection instanceof JarURLConnection) {
            connection.setUseCaches(false);
            try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(FOLDER) && entry.indexOf('/', FOLDER.length()) < 0
                            && isDefinition(entry.substring(FOLDER.length()))) {
                        names.add(entry.substring(FOLDER.length()));
                    }
                }
            }
        }
    }

    private static boolean isDefinition(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".json");
    }
}
