package dev.dataemulator.declarative.internal;

import dev.dataemulator.declarative.DefinitionException;
import dev.dataemulator.declarative.DefinitionProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Collects the problems of a definition so that all are reported at once. Not thread-safe. */
public final class Problems {
    private final List<DefinitionProblem> found = new ArrayList<>();

    public void add(Node.Location at, String path, String value, String expected, String suggestion) {
        found.add(new DefinitionProblem(at.source(), at.line(), at.column(), path, value, expected, suggestion));
    }

    /** Reports a bad value at {@code node}. */
    public void bad(Node node, String path, String expected) {
        add(node.location(), path, node.text(), expected, null);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** @throws DefinitionException when any problem was found */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new DefinitionException(found);
        }
    }

    /**
     * @return the candidate closest to {@code name} (edit distance at most 2, or one a prefix of the other), or null
     */
    public static String suggest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(lower, c);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best == null) {
            return null;
        }
        String b = best.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, Math.min(name.length(), best.length()) / 3);
        boolean prefix = lower.length() >= 3 && (b.startsWith(lower) || lower.startsWith(b));
        return bestDistance <= allowed || prefix ? best : null;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
