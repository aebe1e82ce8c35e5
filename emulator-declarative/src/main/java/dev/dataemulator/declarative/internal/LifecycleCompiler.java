package dev.dataemulator.declarative.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and compiles a domain's {@code lifecycle}: {@code created}, {@code initial} and {@code states} with their
 * {@code dwell}, {@code next}, {@code changes} and {@code delete}. Every problem is reported with its path. Not
 * thread-safe; one per compilation.
 */
final class LifecycleCompiler {
    static final List<String> KEYS = List.of("created", "initial", "states");
    static final List<String> STATE_KEYS = List.of("dwell", "next", "changes", "delete");
    private static final List<String> DWELL_KEYS = List.of("distribution", "min", "max", "mean", "stddev");
    private static final Set<String> DWELL_SHAPES = new LinkedHashSet<>(List.of("uniform", "exponential", "normal"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final long MICROS_PER_MILLI = 1000L;

    private final Problems problems;
    private final TimeCompiler times;

    LifecycleCompiler(Problems problems, TimeCompiler times) {
        this.problems = problems;
        this.times = times;
    }

    /**
     * @param node the {@code lifecycle} map
     * @param path its path, {@code domains.<name>.lifecycle}
     * @param count the domain's count, -1 when it has none
     * @param keyGiven whether the domain names a {@code key}
     * @param key the key field's name, null when it has none or it is bad
     * @param fields the names of the top-level fields, by slot
     * @param stateFields the names of the top-level state fields (they always hold the current state)
     * @param failed names of top-level fields that had problems (not reported again)
     * @return the lifecycle, or null after reporting its problems
     */
    LifecyclePlan compile(Node node, String path, long count, boolean keyGiven, String key, List<String> fields,
            Set<String> stateFields, Set<String> failed) {
        int before = problems.size();
        if (count < 0) {
            problems.add(node.location(), path, null, "a lifecycle in a domain with 'count' (the number of "
                    + "entities)", null);
        }
        if (!keyGiven) {
            problems.add(node.location(), path, null, "a lifecycle in a domain with 'key' (the field that names "
                    + "an entity in its changes)", null);
        }
        if (!node.isMap()) {
            problems.bad(node, path, "a map with created, initial and states");
            return null;
        }
        Params p = new Params(node, node.location(), path, problems, KEYS);
        long[] created = created(p);
        Node statesNode = p.get("states");
        if (statesNode == null) {
            p.missing("states", "a map of state names to states (dwell, next, changes, delete)");
            return null;
        }
        if (!statesNode.isMap() || statesNode.entries().isEmpty()) {
            problems.bad(statesNode, p.path("states"), "a map of state names to states, at least one");
            return null;
        }
        List<String> names = new ArrayList<>(statesNode.entries().keySet());
        String statesPath = p.path("states");
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                problems.add(statesNode.keyLocation(name), statesPath + "." + name, name, "a state name of "
                        + "letters, digits, '_' and '-', starting with a letter or '_'", null);
            }
        }
        String initialName = p.string("initial", null);
        int initial = -1;
        if (initialName == null && !p.has("initial")) {
            p.missing("initial", "the state of a new entity (one of " + String.join(", ", names) + ")");
        } else if (initialName != null) {
            initial = names.indexOf(initialName);
            if (initial < 0) {
                problems.add(p.get("initial").location(), p.path("initial"), initialName, "a state of the "
                        + "lifecycle (" + String.join(", ", names) + ")", Problems.suggest(initialName, names));
            }
        }
        int n = names.size();
        Distribution[] dwell = new Distribution[n];
        int[][] next = new int[n][];
        double[][] cumulative = new double[n][];
        boolean[] delete = new boolean[n];
        boolean[][] changes = new boolean[n][];
        for (int s = 0; s < n; s++) {
            String name = names.get(s);
            String statePath = statesPath + "." + name;
            Node state = statesNode.get(name);
            changes[s] = new boolean[fields.size()];
            next[s] = new int[0];
            cumulative[s] = new double[0];
            if (state.kind() == Node.Kind.NULL) {
                continue; // a state with nothing: it ends the entity's changes
            }
            Params sp = new Params(state, statesNode.keyLocation(name), statePath, problems, STATE_KEYS);
            if (sp.node == null) {
                continue;
            }
            Node deleteNode = sp.get("delete");
            if (deleteNode != null) {
                if (deleteNode.kind() != Node.Kind.BOOLEAN) {
                    problems.bad(deleteNode, sp.path("delete"), "true or false");
                } else {
                    delete[s] = (Boolean) deleteNode.value();
                }
            }
            if (delete[s]) {
                for (String other : List.of("next", "dwell", "changes")) {
                    if (sp.has(other)) {
                        problems.bad(sp.get(other), sp.path(other), "no " + other + " in a delete state (deleting "
                                + "the entity ends its changes; a delete carries the last values)");
                    }
                }
                if (s == initial) {
                    problems.bad(p.get("initial"), p.path("initial"), "a state that is not a delete state (an "
                            + "entity is created in its initial state)");
                }
                continue;
            }
            if (sp.has("next")) {
                next(sp, names, next, cumulative, s);
                if (!sp.has("dwell")) {
                    sp.missing("dwell", "how long an entity stays in '" + name + "' before its next change, e.g. "
                            + "{distribution: exponential, mean: 10d} or {min: 1d, max: 5d}");
                } else {
                    dwell[s] = dwell(sp.get("dwell"), sp.path("dwell"));
                }
            } else if (sp.has("dwell")) {
                problems.bad(sp.get("dwell"), sp.path("dwell"), "no dwell in a state without next (a state without "
                        + "next and without delete ends the entity's changes)");
            }
            if (sp.has("changes")) {
                changes(sp.get("changes"), sp.path("changes"), key, fields, stateFields, failed, changes[s]);
            }
        }
        if (initial >= 0 && problems.size() == before) {
            unreachable(names, next, initial, statesNode, statesPath);
        }
        if (problems.size() != before || created == null) {
            return null;
        }
        return new LifecyclePlan(names.toArray(new String[0]), initial, dwell, next, cumulative, delete, changes,
                created[0] != 0, created[1], created[2]);
    }

    /** @return {now flag, from, to} in epoch millis (or offsets from the start with {@code now}); null after a problem */
    private long[] created(Params p) {
        Node node = p.get("created");
        String path = p.path("created");
        String expected = "a timestamp generator: {timestamp: {between: [from, to]}} or {timestamp: {now: {offset, "
                + "jitter}}}";
        if (node == null) {
            p.missing("created", expected);
            return null;
        }
        if (!node.isMap() || node.entries().size() != 1 || node.get("timestamp") == null) {
            problems.bad(node, path, expected);
            return null;
        }
        Field field = times.time("timestamp", "created", node.get("timestamp"), path + ".timestamp", "created",
                node.keyLocation("timestamp"));
        if (field instanceof Fields.BetweenField between && between.window == null) {
            return new long[] {0, Math.floorDiv(between.min, MICROS_PER_MILLI),
                Math.floorDiv(between.max, MICROS_PER_MILLI)};
        }
        if (field instanceof Fields.NowField now) {
            long offset = Math.floorDiv(now.offsetMicros, MICROS_PER_MILLI);
            long jitter = now.jitterMicros / MICROS_PER_MILLI;
            return new long[] {1, offset - jitter, offset + jitter};
        }
        if (field != null) {
            problems.bad(node, path, expected + " (without after, hours or weekdays)");
        }
        return null;
    }

    private void next(Params sp, List<String> names, int[][] next, double[][] cumulative, int s) {
        Node node = sp.get("next");
        String path = sp.path("next");
        if (!node.isMap() || node.entries().isEmpty()) {
            problems.bad(node, path, "a map of next states to positive weights, e.g. {active: 6, closed: 1}");
            return;
        }
        Map<Integer, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : node.entries().entrySet()) {
            String target = entry.getKey();
            int index = names.indexOf(target);
            if (index < 0) {
                problems.add(node.keyLocation(target), path + "." + target, target, "a state of the lifecycle ("
                        + String.join(", ", names) + ")", Problems.suggest(target, names));
                continue;
            }
            Node weight = entry.getValue();
            double w = weight.isNumber() ? ((Number) weight.value()).doubleValue() : Double.NaN;
            if (!(w > 0) || Double.isInfinite(w)) {
                problems.bad(weight, path + "." + target, "a positive weight");
                continue;
            }
            weights.put(index, w);
        }
        if (weights.size() != node.entries().size()) {
            return;
        }
        int[] targets = new int[weights.size()];
        double[] c = new double[weights.size()];
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double sum = 0;
        int i = 0;
        for (Map.Entry<Integer, Double> entry : weights.entrySet()) {
            sum += entry.getValue();
            targets[i] = entry.getKey();
            c[i++] = sum / total;
        }
        c[c.length - 1] = 1.0;
        next[s] = targets;
        cumulative[s] = c;
    }

    /** @return the dwell in milliseconds, or null after a problem */
    private Distribution dwell(Node node, String path) {
        if (node.kind() == Node.Kind.STRING) {
            Long micros = times.duration(node, path, null);
            if (micros == null) {
                return null;
            }
            if (micros < 0) {
                problems.bad(node, path, "a non-negative duration");
                return null;
            }
            double millis = micros / (double) MICROS_PER_MILLI;
            return new Distribution(Distribution.Shape.UNIFORM, millis, millis, 0, 0);
        }
        if (!node.isMap()) {
            problems.bad(node, path, "a dwell: a duration such as 2d, {min: 1d, max: 5d} or {distribution: "
                    + "exponential, mean: 10d}");
            return null;
        }
        int before = problems.size();
        Params p = new Params(node, node.location(), path, problems, DWELL_KEYS);
        String shape = p.choice("distribution", "uniform", DWELL_SHAPES);
        Long min = times.duration(p, "min", 0L);
        Long max = times.duration(p, "max", null);
        Long mean = times.duration(p, "mean", null);
        Long stddev = times.duration(p, "stddev", null);
        if (problems.size() != before) {
            return null;
        }
        if (min < 0) {
            problems.bad(p.get("min"), p.path("min"), "a non-negative duration");
            return null;
        }
        if (max != null && max < min) {
            problems.bad(p.get("max"), p.path("max"), "at least min (" + p.get("min").text() + ")");
            return null;
        }
        List<String> allowed = switch (shape) {
            case "exponential" -> List.of("mean");
            case "normal" -> List.of("mean", "stddev");
            default -> List.of();
        };
        for (String key : List.of("mean", "stddev")) {
            if (p.has(key) && !allowed.contains(key)) {
                problems.bad(p.get(key), p.path(key), "only the parameters of distribution '" + shape + "' (min, max"
                        + (allowed.isEmpty() ? "" : ", " + String.join(", ", allowed)) + ")");
            }
        }
        double lo = min / (double) MICROS_PER_MILLI;
        double hi = max == null ? Double.MAX_VALUE : max / (double) MICROS_PER_MILLI;
        switch (shape) {
            case "uniform":
                if (max == null) {
                    p.missing("max", "the longest dwell of a uniform dwell, e.g. 5d");
                    return null;
                }
                return problems.size() == before ? new Distribution(Distribution.Shape.UNIFORM, lo, hi, 0, 0) : null;
            case "exponential":
                if (mean == null || mean <= 0) {
                    positiveDuration(p, "mean");
                    return null;
                }
                return problems.size() == before
                        ? new Distribution(Distribution.Shape.EXPONENTIAL, lo, hi, mean / (double) MICROS_PER_MILLI, 0)
                        : null;
            default:
                if (mean == null || mean <= 0) {
                    positiveDuration(p, "mean");
                    return null;
                }
                if (stddev == null || stddev <= 0) {
                    positiveDuration(p, "stddev");
                    return null;
                }
                return problems.size() == before ? new Distribution(Distribution.Shape.NORMAL, lo, hi,
                        mean / (double) MICROS_PER_MILLI, stddev / (double) MICROS_PER_MILLI) : null;
        }
    }

    private void positiveDuration(Params p, String key) {
        if (p.has(key)) {
            problems.bad(p.get(key), p.path(key), "a positive duration");
        } else {
            p.missing(key, "a positive duration, e.g. 10d");
        }
    }

    private void changes(Node node, String path, String key, List<String> names, Set<String> stateFields,
            Set<String> failed, boolean[] drawn) {
        if (!node.isList()) {
            problems.bad(node, path, "a list of fields drawn again on entering the state, e.g. [balance, "
                    + "updated_at]");
            return;
        }
        for (int i = 0; i < node.items().size(); i++) {
            Node item = node.items().get(i);
            String itemPath = path + "[" + i + "]";
            if (item.kind() != Node.Kind.STRING) {
                problems.bad(item, itemPath, "a field name");
                continue;
            }
            String name = (String) item.value();
            int slot = names.indexOf(name);
            if (slot < 0) {
                if (!failed.contains(name)) {
                    problems.add(item.location(), itemPath, name, "a top-level field of the domain",
                            Problems.suggest(name, names));
                }
                continue;
            }
            if (name.equals(key)) {
                problems.add(item.location(), itemPath, name, "a field other than the key (an entity keeps its "
                        + "key for life)", null);
            } else if (stateFields.contains(name)) {
                problems.add(item.location(), itemPath, name, "a field that is drawn (a state field always holds "
                        + "the current state)", null);
            } else {
                drawn[slot] = true;
            }
        }
    }

    private void unreachable(List<String> names, int[][] next, int initial, Node statesNode, String statesPath) {
        boolean[] seen = new boolean[names.size()];
        Deque<Integer> queue = new ArrayDeque<>();
        seen[initial] = true;
        queue.add(initial);
        while (!queue.isEmpty()) {
            for (int target : next[queue.poll()]) {
                if (!seen[target]) {
                    seen[target] = true;
                    queue.add(target);
                }
            }
        }
        for (int s = 0; s < names.size(); s++) {
            if (!seen[s]) {
                problems.add(statesNode.keyLocation(names.get(s)), statesPath + "." + names.get(s), names.get(s),
                        "a state reachable from the initial state '" + names.get(initial) + "' through next", null);
            }
        }
    }
}
