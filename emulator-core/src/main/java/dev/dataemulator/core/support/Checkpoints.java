package dev.dataemulator.core.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text form in which a sink stores a resumable emulation's settings ({@link
 * dev.dataemulator.core.spi.ResumeRequest#settings()}): one {@code name=value} line per setting, in the given order,
 * a backslash, a line break or a carriage return escaped as {@code \\}, {@code \n} and {@code \r} (and an {@code =} in a name as {@code \e}), so
 * that an operator can read it and {@link #parseSettings(String)} gives the map back. Stateless.
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * @param settings settings by name
     * @return their text form
     */
    public static String settingsText(Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((name, value) -> text.append(escape(name, true)).append('=').append(escape(value, false)).append('\n'));
        return text.toString();
    }

    /**
     * @param text what {@link #settingsText(Map)} wrote
     * @return the settings, in the text's order
     * @throws IllegalArgumentException when a line has no {@code =}
     */
    public static Map<String, String> parseSettings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not a name=value line: " + line);
            }
            settings.put(unescape(line.substring(0, equals)), unescape(line.substring(equals + 1)));
        }
        return settings;
    }

    private static String escape(String text, boolean name) {
        String escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return name ? escaped.replace("=", "\\e") : escaped;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 'e' ? '=' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
