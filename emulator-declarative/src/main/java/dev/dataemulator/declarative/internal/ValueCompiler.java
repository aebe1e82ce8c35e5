package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the generators of single values: {@code unique}, the numbers and their distributions, {@code boolean},
 * {@code weighted}, {@code one_of}, {@code constant} and {@code faker}. Reports into the compilation's
 * {@link Problems}. Not thread-safe; one per compilation.
 */
final class ValueCompiler {
    private static final List<String> DISTRIBUTIONS = List.of("uniform", "normal", "lognormal", "exponential",
            "zipf", "poisson");
    private final Problems problems;
    private final int[] fakerIds = {0};

    ValueCompiler(Problems problems) {
        this.problems = problems;
    }

    Field unique(String name, Node params, String path, String seedPath, Node.Location at, long count,
            boolean inArray) {
        Params p = new Params(params, at, path, problems, List.of("min", "max"));
        if (inArray) {
            problems.add(at, path, null, "unique outside arrays (a value is unique per record of the domain)", null);
            return null;
        }
        if (count == DomainPlan.PENDING) { // a per_parent domain: the range is checked once its count is known
            long min = p.integer("min", 0L);
            Long max = p.integer("max", null);
            if (max != null && max < min) {
                problems.bad(p.get("max"), p.path("max"), "at least min (" + min + ")");
                return null;
            }
            return p.ok() ? new Fields.UniqueField(name, seedPath, path, at, min, max == null ? -1 : max - min + 1)
                    : null;
        }
        if (count < 0) {
            problems.add(at, path, null, "unique in a domain with 'count' (values are distinct among the domain's "
                    + "count records); use sequence or uuid in an unbounded domain", null);
            return null;
        }
        long min = p.integer("min", 0L);
        long max = p.integer("max", min + count - 1);
        if (max < min) {
            problems.bad(p.get("max"), p.path("max"), "at least min (" + min + ")");
            return null;
        }
        long range = max - min + 1;
        if (range <= 0) {
            problems.bad(p.get("max"), p.path("max"), "a range max - min + 1 that fits in a long");
            return null;
        }
        if (range < count) {
            problems.add(p.get("max") != null ? p.get("max").location() : at, p.path("max"), String.valueOf(max),
                    "a range of at least count (" + count + ") values, but [" + min + ", " + max + "] holds "
                            + range, null);
            return null;
        }
        return p.ok() ? new Fields.UniqueField(name, seedPath, path, at, min, range) : null;
    }

    Field number(String kind, String name, Node params, String path, String seedPath, Node.Location at) {
        List<String> keys = new ArrayList<>(List.of("min", "max", "distribution", "mean", "stddev", "mu", "sigma",
                "exponent", "lambda"));
        if (kind.equals("decimal")) {
            keys.add("scale");
        }
        Params p = new Params(params, at, path, problems, keys);
        Distribution distribution = distribution(kind, p, at);
        if (distribution == null || !p.ok()) {
            return null;
        }
        switch (kind) {
            case "int":
                return new Fields.LongField(name, seedPath, path, at, distribution, FieldType.INT);
            case "long":
                return new Fields.LongField(name, seedPath, path, at, distribution, FieldType.LONG);
            case "double":
                return new Fields.DoubleField(name, seedPath, path, at, distribution);
            default: {
                long scale = p.integer("scale", 2L);
                if (scale < 0 || scale > 18) {
                    problems.bad(p.get("scale"), p.path("scale"), "a scale between 0 and 18");
                    return null;
                }
                double magnitude = Math.max(Math.abs(distribution.min()), Math.abs(distribution.max()));
                int digits = magnitude < 1 ? 1 : (int) Math.floor(Math.log10(magnitude)) + 1;
                int precision = digits + (int) scale;
                if (precision > FieldType.MAX_DECIMAL_PRECISION) {
                    problems.add(p.get("max") != null ? p.get("max").location() : at, path,
                            p.get("max") != null ? p.get("max").text() : null, "at most "
                                    + FieldType.MAX_DECIMAL_PRECISION + " digits: bounds of " + digits
                                    + " integer digits with scale " + scale + " need " + precision, null);
                    return null;
                }
                return new Fields.DecimalField(name, seedPath, path, at, distribution, precision, (int) scale);
            }
        }
    }

    /** Reads min, max, distribution and its parameters; null after reporting a problem. */
    Distribution distribution(String kind, Params p, Node.Location at) {
        String shapeName = p.choice("distribution", "uniform", new LinkedHashSet<>(DISTRIBUTIONS));
        Distribution.Shape shape = Distribution.Shape.valueOf(shapeName.toUpperCase(java.util.Locale.ROOT));
        boolean integral = kind.equals("int") || kind.equals("long") || kind.equals("size");
        double lowest = kind.equals("int") ? Integer.MIN_VALUE : kind.equals("size") ? 0 : -9.007199254740992E15;
        double highest = kind.equals("int") ? Integer.MAX_VALUE : kind.equals("size") ? Compiler.MAX_ARRAY_SIZE
                : 9.007199254740992E15;
        double defaultMin;
        double defaultMax;
        if (shape == Distribution.Shape.UNIFORM) {
            defaultMin = kind.equals("size") ? 1 : 0;
            defaultMax = kind.equals("double") ? 1 : kind.equals("size") ? 5 : 100;
        } else {
            boolean positive = shape != Distribution.Shape.NORMAL;
            defaultMin = shape == Distribution.Shape.ZIPF ? 1 : positive ? 0 : lowest;
            defaultMax = highest;
        }
        Double min = integral ? toDouble(p.integer("min", null)) : p.number("min", null);
        Double max = integral ? toDouble(p.integer("max", null)) : p.number("max", null);
        double lo = min == null ? defaultMin : min;
        double hi = max == null ? defaultMax : max;
        if (lo < lowest || lo > highest) {
            problems.bad(p.get("min"), p.path("min"), "a value between " + plain(lowest) + " and " + plain(highest));
            return null;
        }
        if (hi < lowest || hi > highest) {
            problems.bad(p.get("max"), p.path("max"), "a value between " + plain(lowest) + " and " + plain(highest));
            return null;
        }
        if (lo > hi) {
            problems.add(p.get("max") != null ? p.get("max").location() : at, p.path("max"), plain(hi),
                    "at least min (" + plain(lo) + ")", null);
            return null;
        }
        Map<Distribution.Shape, List<String>> parameters = Map.of(
                Distribution.Shape.UNIFORM, List.of(),
                Distribution.Shape.NORMAL, List.of("mean", "stddev"),
                Distribution.Shape.LOGNORMAL, List.of("mu", "sigma"),
                Distribution.Shape.EXPONENTIAL, List.of("mean"),
                Distribution.Shape.ZIPF, List.of("exponent"),
                Distribution.Shape.POISSON, List.of("lambda"));
        for (String key : List.of("mean", "stddev", "mu", "sigma", "exponent", "lambda")) {
            if (p.has(key) && !parameters.get(shape).contains(key)) {
                problems.add(p.get(key).location(), p.path(key), p.get(key).text(), "only the parameters of "
                        + "distribution '" + shapeName + "' (" + (parameters.get(shape).isEmpty() ? "min, max"
                        : "min, max, " + String.join(", ", parameters.get(shape))) + ")", null);
            }
        }
        double a = 0;
        double b = 0;
        switch (shape) {
            case NORMAL:
                a = p.number("mean", min != null && max != null ? (lo + hi) / 2 : 0.0);
                b = positive(p, "stddev", min != null && max != null ? Math.max((hi - lo) / 6, 1e-9) : 1.0);
                break;
            case LOGNORMAL:
                a = p.number("mu", 0.0);
                b = positive(p, "sigma", 1.0);
                break;
            case EXPONENTIAL:
                a = positive(p, "mean", 1.0);
                break;
            case ZIPF:
                a = positive(p, "exponent", 1.0);
                if (!integral && (lo != Math.floor(lo) || hi != Math.floor(hi))) {
                    problems.add(at, p.path("min"), plain(lo), "whole-number bounds for distribution 'zipf'", null);
                }
                break;
            case POISSON:
                a = positive(p, "lambda", 1.0);
                break;
            default:
                break;
        }
        return new Distribution(shape, lo, hi, a, b);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    double positive(Params p, String key, double otherwise) {
        double value = p.number(key, otherwise);
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.bad(p.get(key), p.path(key), "a positive number");
            return otherwise;
        }
        return value;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e18 ? Long.toString((long) value)
                : BigDecimal.valueOf(value).toPlainString();
    }

    Field weighted(String name, Node params, String path, String seedPath, Node.Location at) {
        if (params == null || !params.isMap() || params.entries().isEmpty()) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "a map of values to positive weights, e.g. {gold: 1, silver: 3}", null);
            return null;
        }
        int before = problems.size();
        List<String> values = new ArrayList<>();
        double[] weights = new double[params.entries().size()];
        int i = 0;
        for (Map.Entry<String, Node> entry : params.entries().entrySet()) {
            Node weight = entry.getValue();
            double w = weight.isNumber() ? ((Number) weight.value()).doubleValue() : Double.NaN;
            if (!(w > 0) || Double.isInfinite(w)) {
                problems.bad(weight, path + "." + entry.getKey(), "a positive weight");
            }
            values.add(entry.getKey());
            weights[i++] = w;
        }
        if (problems.size() != before) {
            return null;
        }
        return new Fields.ChoiceField(name, seedPath, path, at, FieldType.STRING, new long[values.size()],
                values.toArray(), weights);
    }

    Field oneOf(String name, Node params, String path, String seedPath, Node.Location at) {
        if (params == null || !params.isList() || params.items().isEmpty()) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "a non-empty list of values, e.g. [web, ios, android]", null);
            return null;
        }
        Typed typed = typed(params.items(), path);
        if (typed == null) {
            return null;
        }
        double[] weights = new double[params.items().size()];
        java.util.Arrays.fill(weights, 1.0);
        return new Fields.ChoiceField(name, seedPath, path, at, typed.type, typed.longs, typed.objects, weights);
    }

    Field constant(String name, Node params, String path, String seedPath, Node.Location at) {
        if (params == null || !params.isScalar() || params.kind() == Node.Kind.NULL) {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "a string, number or boolean (use null_rate: 1 for a field that is always null)", null);
            return null;
        }
        Typed typed = typed(List.of(params), path);
        return typed == null ? null : new Fields.ChoiceField(name, seedPath, path, at, typed.type, typed.longs,
                typed.objects, new double[] {1.0});
    }

    private record Typed(FieldType type, long[] longs, Object[] objects) {
    }

    /** Types a list of scalars: all whole numbers (long), all numbers (double), all booleans, or all strings. */
    private Typed typed(List<Node> items, String path) {
        Set<Node.Kind> kinds = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (!item.isScalar() || item.kind() == Node.Kind.NULL) {
                problems.bad(item, path + "[" + i + "]", "a string, number or boolean");
                return null;
            }
            kinds.add(item.kind());
        }
        FieldType type;
        if (kinds.equals(Set.of(Node.Kind.INTEGER))) {
            type = FieldType.LONG;
        } else if (Set.of(Node.Kind.INTEGER, Node.Kind.DECIMAL).containsAll(kinds)) {
            type = FieldType.DOUBLE;
        } else if (kinds.equals(Set.of(Node.Kind.BOOLEAN))) {
            type = FieldType.BOOLEAN;
        } else if (kinds.equals(Set.of(Node.Kind.STRING))) {
            type = FieldType.STRING;
        } else {
            problems.bad(items.get(0).location() == null ? items.get(0) : items.get(0), path,
                    "values of one type (all strings, all numbers or all booleans), found " + kinds);
            return null;
        }
        long[] longs = new long[items.size()];
        Object[] objects = new Object[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Object value = items.get(i).value();
            switch (type.kind()) {
                case LONG:
                    longs[i] = (Long) value;
                    break;
                case DOUBLE:
                    longs[i] = Double.doubleToRawLongBits(((Number) value).doubleValue());
                    break;
                case BOOLEAN:
                    longs[i] = (Boolean) value ? 1 : 0;
                    break;
                default:
                    objects[i] = value;
            }
        }
        return new Typed(type, longs, objects);
    }

    /**
     * @param locale the domain's Datafaker locale
     */
    /** @return the Datafaker locale named by {@code key}; null after reporting an unknown one */
    java.util.Locale locale(Params p, String key) {
        String name = p.string(key, null);
        if (name == null) {
            return null;
        }
        java.util.Locale locale = FakerLocales.locale(name.strip());
        if (locale == null) {
            problems.add(p.get(key).location(), p.path(key), name, "a locale Datafaker has data for, such as de, "
                    + "fr, ja, pt-BR or en-GB", Problems.suggest(name.strip(), FakerLocales.names()));
        }
        return locale;
    }

    Field faker(String name, Node params, String path, String seedPath, Node.Location at, java.util.Locale locale) {
        String expression;
        int pool = 0;
        Node expressionNode = params;
        String expressionPath = path;
        if (params != null && params.isMap()) {
            Params p = new Params(params, at, path, problems, List.of("expression", "pool", "locale"));
            if (p.has("locale")) {
                locale = locale(p, "locale");
                if (locale == null) {
                    return null;
                }
            }
            expression = p.string("expression", null);
            if (expression == null && !p.has("expression")) {
                p.missing("expression", "a Datafaker expression such as \"#{Name.fullName}\"");
            }
            long size = p.integer("pool", 0L);
            if (size < 0 || size > Compiler.MAX_POOL) {
                problems.bad(p.get("pool"), p.path("pool"), "a pool size between 1 and " + Compiler.MAX_POOL
                        + " (0 or absent: a new value per record)");
            }
            pool = (int) Math.max(0, Math.min(size, Compiler.MAX_POOL));
            expressionNode = p.get("expression");
            expressionPath = p.path("expression");
            if (expression == null) {
                return null;
            }
        } else if (params != null && params.kind() == Node.Kind.STRING) {
            expression = (String) params.value();
        } else {
            problems.add(params == null ? at : params.location(), path, params == null ? null : params.text(),
                    "a Datafaker expression such as \"#{Name.fullName}\", or {expression: ..., pool: N}", null);
            return null;
        }
        try {
            FakerExpression compiled = FakerExpression.compile(expression, fakerIds, locale);
            return new Fields.FakerField(name, seedPath, path, at, compiled, pool);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int bar = message.lastIndexOf('|');
            String suggestion = bar >= 0 && bar < message.length() - 1 ? message.substring(bar + 1) : null;
            problems.add(expressionNode.location(), expressionPath, expression, bar >= 0 ? message.substring(0, bar)
                    : message, suggestion);
            return null;
        }
    }
}
