package dev.dataemulator.benchmarks.internal;

import dev.dataemulator.core.SettingText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Command-line options of the form {@code --name value}; unknown names are an error. */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    /**
     * @param args the command line
     * @param defaults every accepted option with its default value
     * @throws IllegalArgumentException on an unknown option or a missing value
     */
    public Args(String[] args, Map<String, String> defaults) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !defaults.containsKey(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; options and defaults: " + defaults);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + arg + "' needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
    }

    /** @return the value of {@code name} */
    public String string(String name) {
        return values.get(name);
    }

    /** @return the value of {@code name} as a number; {@code _} separators allowed */
    public long number(String name) {
        return Long.parseLong(values.get(name).replace("_", ""));
    }

    /** @return the value of {@code name} as a size: bytes, or with a {@code KiB}/{@code MiB}/{@code GiB} suffix */
    public long size(String name) {
        String v = values.get(name).trim();
        String upper = v.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (upper.endsWith("KIB")) {
            unit = 1L << 10;
        } else if (upper.endsWith("MIB")) {
            unit = 1L << 20;
        } else if (upper.endsWith("GIB")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 3);
        return Long.parseLong(digits.trim()) * unit;
    }

    /**
     * @return the value of {@code name} as a duration, read by the one duration parser of the project
     *     ({@link SettingText#duration}): {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1d}, ISO-8601, or a bare
     *     number of seconds
     */
    public Duration duration(String name) {
        return SettingText.duration(name, values.get(name));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
