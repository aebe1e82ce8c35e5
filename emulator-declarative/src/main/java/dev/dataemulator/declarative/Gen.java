package dev.dataemulator.declarative;

import dev.dataemulator.declarative.internal.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A field definition for {@link DeclarativeDomain.Builder#field(String, Gen)}: one generator with its parameters and
 * the modifiers {@code null_rate} and {@code doc}, exactly as in YAML (each factory names the YAML it stands for).
 * Immutable: every method returns a new instance. Parameters are checked when the domain is compiled, with the same
 * rules and messages as a file.
 */
public final class Gen {
    private static final Node.Location AT = new Node.Location(DeclarativeDomain.SOURCE, 0, 0);

    private final String generator;
    private final Object params;
    private final Map<String, Object> modifiers;

    private Gen(String generator, Object params, Map<String, Object> modifiers) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.params = params;
        this.modifiers = modifiers;
    }

    /**
     * Any generator with its parameters, for what the shortcuts below do not cover.
     *
     * @param generator a generator name, e.g. {@code "int"}
     * @param params its parameters (a map, a list, a string or a number, as in YAML), or null for none
     * @return the field definition {@code {generator: params}}
     */
    public static Gen of(String generator, Object params) {
        return new Gen(generator, params, Map.of());
    }

    /** @return {@code {state: {}}}: the entity's current lifecycle state (a domain with a {@link Lifecycle}) */
    public static Gen state() {
        return of("state", Map.of());
    }

    /** @return {@code {uuid: {}}} */
    public static Gen uuid() {
        return of("uuid", Map.of());
    }

    /** @return {@code {sequence: {start, step}}} */
    public static Gen sequence(long start, long step) {
        return of("sequence", map("start", start, "step", step));
    }

    /** @return {@code {unique: {min, max}}} */
    public static Gen unique(long min, long max) {
        return of("unique", map("min", min, "max", max));
    }

    /** @return {@code {int: {min, max}}}, uniform */
    public static Gen integer(int min, int max) {
        return of("int", map("min", min, "max", max));
    }

    /** @return {@code {long: {min, max}}}, uniform */
    public static Gen longs(long min, long max) {
        return of("long", map("min", min, "max", max));
    }

    /** @return {@code {double: {min, max}}}, uniform */
    public static Gen doubles(double min, double max) {
        return of("double", map("min", min, "max", max));
    }

    /** @return {@code {decimal: {min, max, scale}}}, uniform */
    public static Gen decimal(double min, double max, int scale) {
        return of("decimal", map("min", min, "max", max, "scale", scale));
    }

    /** @return {@code {boolean: {p}}} */
    public static Gen bool(double p) {
        return of("boolean", map("p", p));
    }

    /** @return {@code {weighted: {value: weight, ...}}} in the map's iteration order */
    public static Gen weighted(Map<String, ? extends Number> weights) {
        return of("weighted", new LinkedHashMap<>(weights));
    }

    /** @return {@code {one_of: [values...]}} */
    public static Gen oneOf(Object... values) {
        return of("one_of", List.of(values));
    }

    /** @return {@code {constant: value}} */
    public static Gen constant(Object value) {
        return of("constant", value);
    }

    /** @return {@code {regex: pattern}} */
    public static Gen regex(String pattern) {
        return of("regex", pattern);
    }

    /** @return {@code {faker: expression}} */
    public static Gen faker(String expression) {
        return of("faker", expression);
    }

    /** @return {@code {faker: {expression, pool}}}: values drawn from a pool made once per emulation */
    public static Gen faker(String expression, int pool) {
        return of("faker", map("expression", expression, "pool", pool));
    }

    /** @return {@code {template: text}} */
    public static Gen template(String text) {
        return of("template", text);
    }

    /** @return {@code {date: {between: [from, to]}}} with ISO dates */
    public static Gen dateBetween(String from, String to) {
        return of("date", map("between", List.of(from, to)));
    }

    /** @return {@code {timestamp: {between: [from, to]}}} with ISO instants or dates */
    public static Gen timestampBetween(String from, String to) {
        return of("timestamp", map("between", List.of(from, to)));
    }

    /** @return {@code {timestamp: {now: {offset, jitter}}}}; durations such as {@code -1h}, {@code 30m} */
    public static Gen timestampNow(String offset, String jitter) {
        Map<String, Object> now = new LinkedHashMap<>();
        if (offset != null) {
            now.put("offset", offset);
        }
        if (jitter != null) {
            now.put("jitter", jitter);
        }
        return of("timestamp", map("now", now));
    }

    /** @return {@code {ref: {domain, field}}}, picked uniformly */
    public static Gen ref(String domain, String field) {
        return of("ref", map("domain", domain, "field", field));
    }

    /** @return {@code {child_index: {}}}: the record's position among its parent's children, from 1 */
    public static Gen childIndex() {
        return of("child_index", Map.of());
    }

    /** @return {@code {date: {after: {field, min, max}}}}, durations in whole days such as {@code 30d} */
    public static Gen dateAfter(String field, String min, String max) {
        return of("date", map("after", map("field", field, "min", min, "max", max)));
    }

    /** @return {@code {timestamp: {after: {field, min, max}}}}, durations such as {@code 1h} or {@code 30d} */
    public static Gen timestampAfter(String field, String min, String max) {
        return of("timestamp", map("after", map("field", field, "min", min, "max", max)));
    }

    /**
     * @param branches conditions and their branches in order (a {@code LinkedHashMap})
     * @param otherwise the branch when no condition holds
     * @return {@code {cases: [{when, then}, ..., {else}]}}
     */
    public static Gen cases(Map<String, Gen> branches, Gen otherwise) {
        List<Object> items = new ArrayList<>();
        branches.forEach((when, then) -> items.add(map("when", when, "then", then)));
        items.add(map("else", otherwise));
        return of("cases", items);
    }

    /** @return {@code {object: {fields: {...}}}} */
    public static Gen object(Map<String, Gen> fields) {
        return of("object", map("fields", new LinkedHashMap<>(fields)));
    }

    /** @return {@code {array: {size: {min, max}, items}}} */
    public static Gen array(int minSize, int maxSize, Gen items) {
        return of("array", map("size", map("min", minSize, "max", maxSize), "items", items));
    }

    /**
     * @param type {@code int}, {@code long}, {@code double} or {@code decimal}
     * @return {@code {expr: expression, type}}
     */
    public static Gen expr(String expression, String type) {
        return new Gen("expr", expression, map("type", type));
    }

    /** @return this reference picking parents with a Zipf law ({@code pick: zipf, exponent}) */
    public Gen zipf(double exponent) {
        return with("pick", "zipf").with("exponent", exponent);
    }

    /** @return this reference laying out {@code min..max} children per parent, uniformly ({@code per_parent}) */
    public Gen perParent(int min, int max) {
        return with("per_parent", map("min", min, "max", max));
    }

    /** @return this timestamp kept between whole UTC hours {@code from} and {@code to} (exclusive) of a day */
    public Gen hours(int from, int to) {
        return with("hours", List.of(from, to));
    }

    /** @return this timestamp kept on the days named ({@code mon}, {@code tue}, ...) */
    public Gen weekdays(String... days) {
        return with("weekdays", List.of(days));
    }

    /** @return this faker field in a Datafaker locale such as {@code de} ({@code {faker: {expression, locale}}}) */
    public Gen locale(String locale) {
        return params instanceof String ? new Gen(generator, map("expression", params, "locale", locale), modifiers)
                : with("locale", locale);
    }

    /** @return this reference reusing the parent picked for {@code refField} ({@code same_as}) */
    public Gen sameAs(String refField) {
        return with("same_as", refField);
    }

    /** @return this numeric generator with a distribution, e.g. {@code distribution("lognormal")} */
    public Gen distribution(String name) {
        return with("distribution", name);
    }

    /**
     * @return this generator with one more parameter (e.g. {@code with("sigma", 0.7)}); for {@code expr}, a key next
     *     to it ({@code scale})
     */
    public Gen with(String param, Object value) {
        if (generator.equals("expr")) {
            Map<String, Object> next = new LinkedHashMap<>(modifiers);
            next.put(param, value);
            return new Gen(generator, params, next);
        }
        Map<String, Object> next = params instanceof Map ? new LinkedHashMap<>((Map<?, ?>) params).entrySet()
                .stream().collect(LinkedHashMap::new, (m, e) -> m.put(String.valueOf(e.getKey()), e.getValue()),
                        Map::putAll) : new LinkedHashMap<>();
        next.put(param, value);
        return new Gen(generator, next, modifiers);
    }

    /** @return this field null with probability {@code rate} ({@code null_rate}) */
    public Gen nullRate(double rate) {
        return modifier("null_rate", rate);
    }

    /** @return this field documented ({@code doc}); the text goes into the schema */
    public Gen doc(String doc) {
        return modifier("doc", doc);
    }

    private Gen modifier(String key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(modifiers);
        next.put(key, value);
        return new Gen(generator, params, next);
    }

    Node node() {
        Map<String, Node> entries = new LinkedHashMap<>();
        entries.put(generator, toNode(params));
        modifiers.forEach((key, value) -> entries.put(key, toNode(value)));
        return Node.map(entries, Map.of(), AT);
    }

    static Node toNode(Object value) {
        if (value instanceof Gen) {
            return ((Gen) value).node();
        }
        if (value instanceof Map) {
            Map<String, Node> entries = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((key, item) -> entries.put(String.valueOf(key), toNode(item)));
            return Node.map(entries, Map.of(), AT);
        }
        if (value instanceof List) {
            List<Node> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                items.add(toNode(item));
            }
            return Node.list(items, AT);
        }
        if (value instanceof Float || value instanceof Double) {
            return Node.scalar(new java.math.BigDecimal(value.toString()), AT);
        }
        return Node.scalar(value, AT);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public String toString() {
        return node().toString();
    }
}
