package dev.dataemulator.connect.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The module version, from a resource filtered at build time. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** @return the module version, or {@code unknown} when the resource is missing */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/dataemulator/connect/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
