package dev.dataemulator.declarative;

import dev.dataemulator.declarative.internal.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lifecycle of a domain's entities for {@link DeclarativeDomain.Builder#lifecycle(Lifecycle)}: the same model
 * as YAML's {@code lifecycle:}, checked by the same rules when the domain is compiled.
 *
 * <pre>{@code
 * Lifecycle lifecycle = Lifecycle.builder()
 *         .created(Gen.timestampBetween("2026-01-01", "2026-01-31"))   // created: {timestamp: {between: [...]}}
 *         .initial("active")
 *         .state("active", Lifecycle.state().dwellExponential("10d")
 *                 .next(Map.of("active", 6, "frozen", 1, "closed", 1)).changes("balance", "tier", "updated_at"))
 *         .state("frozen", Lifecycle.state().dwell("1d", "5d").next(Map.of("active", 3, "closed", 1))
 *                 .changes("updated_at"))
 *         .state("closed", Lifecycle.deleteState())
 *         .build();
 * }</pre>
 *
 * Immutable; the builder is not thread-safe.
 */
public final class Lifecycle {
    private static final Node.Location AT = new Node.Location(DeclarativeDomain.SOURCE, 0, 0);

    private final Node node;

    private Lifecycle(Node node) {
        this.node = node;
    }

    /** @return a builder of a lifecycle without states */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a state that ends the entity's changes (no {@code next}, no {@code delete}) until given more */
    public static State state() {
        return new State(Map.of());
    }

    /** @return {@code {delete: true}}: entering it deletes the entity */
    public static State deleteState() {
        return new State(Map.of("delete", true));
    }

    Node node() {
        return node;
    }

    @Override
    public String toString() {
        return "Lifecycle[" + node + "]";
    }

    /** One state ({@code states.<name>}). Immutable: every method returns a new instance. */
    public static final class State {
        private final Map<String, Object> entries;

        private State(Map<String, Object> entries) {
            this.entries = entries;
        }

        private State with(String key, Object value) {
            Map<String, Object> next = new LinkedHashMap<>(entries);
            next.put(key, value);
            return new State(next);
        }

        /** @return {@code dwell: <duration>}: always this long, e.g. {@code "2d"} */
        public State dwell(String duration) {
            return with("dwell", duration);
        }

        /** @return {@code dwell: {min, max}}: uniform between two durations */
        public State dwell(String min, String max) {
            return with("dwell", Map.of("min", min, "max", max));
        }

        /** @return {@code dwell: {distribution: exponential, mean}} */
        public State dwellExponential(String mean) {
            return with("dwell", Map.of("distribution", "exponential", "mean", mean));
        }

        /** @return {@code dwell: {...}} with any parameters (distribution, min, max, mean, stddev) */
        public State dwell(Map<String, ?> parameters) {
            return with("dwell", new LinkedHashMap<>(parameters));
        }

        /** @return {@code next: {state: weight, ...}} in the map's iteration order */
        public State next(Map<String, ? extends Number> weights) {
            return with("next", new LinkedHashMap<>(weights));
        }

        /** @return {@code changes: [field, ...]}: the fields drawn again on entering this state */
        public State changes(String... fields) {
            return with("changes", List.of(fields));
        }

        Node node() {
            return Gen.toNode(entries);
        }
    }

    /** Builds a {@link Lifecycle}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Node> entries = new LinkedHashMap<>();
        private final Map<String, Node> states = new LinkedHashMap<>();

        private Builder() {
        }

        /** @return {@code created:} a timestamp generator: {@link Gen#timestampBetween} or {@link Gen#timestampNow} */
        public Builder created(Gen timestamp) {
            entries.put("created", timestamp.node());
            return this;
        }

        /** @return {@code initial:} the state of a new entity */
        public Builder initial(String state) {
            entries.put("initial", Node.scalar(state, AT));
            return this;
        }

        /** Adds a state ({@code states.<name>}); states keep the order added. */
        public Builder state(String name, State state) {
            states.put(Objects.requireNonNull(name, "name"), state.node());
            return this;
        }

        /** @return the lifecycle; it is checked when its domain is compiled */
        public Lifecycle build() {
            Map<String, Node> lifecycle = new LinkedHashMap<>(entries);
            lifecycle.put("states", Node.map(states, Map.of(), AT));
            return new Lifecycle(Node.map(lifecycle, Map.of(), AT));
        }
    }
}
