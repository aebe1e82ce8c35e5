package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.SettingText;
import dev.dataemulator.declarative.DefinitionException;
import dev.dataemulator.declarative.DefinitionProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        return SettingText.closest(name, candidates);
    }
}
