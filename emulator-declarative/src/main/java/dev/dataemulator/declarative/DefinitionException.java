package dev.dataemulator.declarative;

import dev.dataemulator.core.InvalidSettingException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A domain definition is invalid. Thrown before anything runs, with every problem of the definition at once, each
 * with its position, field path, bad value and what was expected ({@link #problems()}). A subtype of
 * {@link InvalidSettingException}: each problem is also a {@link InvalidSettingException.Violation} whose setting is
 * the field path and whose reason ends with the position, e.g. {@code expected at least min (5) (at orders.yaml:7:30)}.
 */
public final class DefinitionException extends InvalidSettingException {
    private static final long serialVersionUID = 1L;

    private final transient List<DefinitionProblem> problems;

    /**
     * @param problems the problems, at least one, in the order found
     */
    public DefinitionException(List<DefinitionProblem> problems) {
        super(problems.stream()
                .map(p -> new Violation(p.path(), p.value(), "expected " + p.expected()
                        + (p.suggestion() == null ? "" : "; did you mean '" + p.suggestion() + "'?")
                        + " (at " + p.position() + ")"))
                .collect(Collectors.toList()));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in the order found */
    public List<DefinitionProblem> problems() {
        return problems;
    }

    /** @return {@code Invalid domain definition (N problems):} followed by one problem per line */
    @Override
    public String getMessage() {
        return problems.stream().map(DefinitionProblem::toString).collect(Collectors.joining("\n - ",
                "Invalid domain definition (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                        + "):\n - ", ""));
    }
}
