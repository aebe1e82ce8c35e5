package dev.dataemulator.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One or more settings are invalid. Thrown by {@link EmulationSpec.Builder#build()} and by sinks and domains that
 * validate their configuration; lists every bad setting at once, each with its value and the reason.
 */
public class InvalidSettingException extends EmulatorException {
    private static final long serialVersionUID = 1L;

    /**
     * One bad setting.
     *
     * @param setting the setting's name as the user wrote it (e.g. {@code threads}, {@code bootstrap.servers})
     * @param value the offending value as text (secrets are masked), or {@code null} when missing
     * @param reason what is wrong and what is expected
     */
    public record Violation(String setting, String value, String reason) {
        public Violation {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "'" + setting + "' = " + (value == null ? "null" : "'" + value + "'") + ": " + reason;
        }
    }

    private final transient List<Violation> violations;

    public InvalidSettingException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidSettingException(String setting, Object value, String reason) {
        this(List.of(new Violation(setting, value == null ? null : String.valueOf(value), reason)));
    }

    /**
     * @return every bad setting, in the order found
     */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        if (violations.size() == 1) {
            return "Invalid setting " + violations.get(0);
        }
        return violations.stream()
                .map(Violation::toString)
                .collect(Collectors.joining("\n - ", "Invalid settings (" + violations.size() + "):\n - ", ""));
    }
}
