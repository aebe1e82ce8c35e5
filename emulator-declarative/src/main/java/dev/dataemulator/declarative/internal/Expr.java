package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code expr}: {@code + - * / %}, parentheses, numbers, the record's numeric fields (nested ones as
 * {@code a.b}), {@code seq}, and {@code sum / min / max / count} over a list field ({@code sum(lines.qty *
 * lines.unit_price)}). Integers and decimals are computed exactly as scaled longs (a product's scale is the sum of
 * its operands'); a division or a {@code double} operand makes the result a double. Immutable.
 */
abstract class Expr {
    /** Whether the value is an exact scaled long ({@link #exact}) rather than a double. */
    final boolean exact;
    /** The scale of an exact value. */
    final int scale;

    Expr(boolean exact, int scale) {
        this.exact = exact;
        this.scale = scale;
    }

    /** @return the exact value, unscaled at {@link #scale} */
    abstract long exact(Frame scope, Frame list, int index);

    /** @return the value as a double */
    abstract double real(Frame scope, Frame list, int index);

    static long rescale(long unscaled, int from, int to) {
        if (from == to) {
            return unscaled;
        }
        if (from < to) {
            return Math.multiplyExact(unscaled, POW10[to - from]);
        }
        long divisor = POW10[from - to];
        long quotient = unscaled / divisor;
        long remainder = unscaled % divisor;
        if (Math.abs(remainder) * 2 >= divisor) {
            quotient += Long.signum(unscaled);
        }
        return quotient;
    }

    static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** How identifiers resolve: to a field of the scope, to a list's item field inside an aggregate, or not. */
    interface Scope {
        /**
         * @return the field at {@code path} of the record's scope (nested objects through dots), or null
         */
        Field field(String path);

        /** @return the names that would have resolved, for suggestions */
        List<String> names();

        /** @return whether {@code name} is a field whose own definition failed (not reported again) */
        boolean failed(String name);
    }

    /** A compile error with what was expected; the message is the expectation. */
    static final class ParseException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String suggestion;
        final boolean silent;

        ParseException(String expected, String suggestion) {
            this(expected, suggestion, false);
        }

        ParseException(String expected, String suggestion, boolean silent) {
            super(expected);
            this.suggestion = suggestion;
            this.silent = silent;
        }
    }

    /**
     * @param dependencies receives the scope's fields the expression reads
     * @throws ParseException with what was expected
     */
    static Expr compile(String text, Scope scope, List<Field> dependencies) {
        Parser parser = new Parser(text, scope, dependencies);
        Expr expr = parser.sum();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw new ParseException("an operator or the end of the expression at index " + parser.pos + " (found '"
                    + text.charAt(parser.pos) + "')", null);
        }
        return expr;
    }

    private static final class Parser {
        final String s;
        final Scope scope;
        final List<Field> dependencies;
        int pos;
        /** The list field inside an aggregate, or null. */
        Field list;

        Parser(String s, Scope scope, List<Field> dependencies) {
            this.s = s;
            this.scope = scope;
            this.dependencies = dependencies;
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        Expr sum() {
            Expr left = product();
            while (true) {
                if (eat('+')) {
                    left = binary('+', left, product());
                } else if (eat('-')) {
                    left = binary('-', left, product());
                } else {
                    return left;
                }
            }
        }

        Expr product() {
            Expr left = unary();
            while (true) {
                if (eat('*')) {
                    left = binary('*', left, unary());
                } else if (eat('/')) {
                    left = binary('/', left, unary());
                } else if (eat('%')) {
                    left = binary('%', left, unary());
                } else {
                    return left;
                }
            }
        }

        Expr unary() {
            if (eat('-')) {
                return binary('-', new Literal(0, 0), unary());
            }
            return primary();
        }

        Expr primary() {
            skipSpaces();
            if (pos >= s.length()) {
                throw new ParseException("a number, a field or '(' at the end of the expression", null);
            }
            char c = s.charAt(pos);
            if (eat('(')) {
                Expr inner = sum();
                if (!eat(')')) {
                    throw new ParseException("')' at index " + pos, null);
                }
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                BigDecimal number;
                try {
                    number = new BigDecimal(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw new ParseException("a number at index " + start, null);
                }
                if (number.scale() > 18 || number.precision() > 18) {
                    return new RealLiteral(number.doubleValue());
                }
                return new Literal(number.unscaledValue().longValueExact(), Math.max(0, number.scale()));
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '.' || s.charAt(pos) == '-')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                if (eat('(')) {
                    return aggregate(name, start);
                }
                return reference(name, start);
            }
            throw new ParseException("a number, a field or '(' at index " + pos + " (found '" + c + "')", null);
        }

        Expr aggregate(String function, int start) {
            if (!List.of("sum", "min", "max", "count").contains(function)) {
                throw new ParseException("one of the functions sum, min, max, count ('" + function + "' at index "
                        + start + ")", Problems.suggest(function, List.of("sum", "min", "max", "count")));
            }
            if (list != null) {
                throw new ParseException("no aggregate inside an aggregate (index " + start + ")", null);
            }
            int argumentStart = pos;
            Expr item;
            try {
                list = LIST_PENDING;
                item = sum();
            } finally {
                // keep list set for the aggregate below
            }
            Field over = list == LIST_PENDING ? null : list;
            list = null;
            if (!eat(')')) {
                throw new ParseException("')' closing " + function + "( at index " + pos, null);
            }
            if (over == null) {
                throw new ParseException(function + "(...) over a list field, e.g. " + function
                        + "(lines.qty) (no list field in '" + s.substring(argumentStart, pos - 1) + "')", null);
            }
            return new Aggregate(function, over, item);
        }

        Expr reference(String name, int start) {
            if (name.equals("seq") && scope.field("seq") == null) {
                throw new ParseException("a field of the record ('seq' is only available in templates)", null);
            }
            int dot = name.indexOf('.');
            if (list != null && dot > 0) {
                Field candidate = scope.field(name.substring(0, dot));
                if (candidate instanceof Fields.ArrayField) {
                    Field items = ((Fields.ArrayField) candidate).items;
                    if (list != LIST_PENDING && list != candidate) {
                        throw new ParseException("one list per aggregate ('" + name + "' and '" + list.name
                                + "' are different lists)", null);
                    }
                    list = candidate;
                    if (!(items instanceof Fields.ObjectField)) {
                        throw new ParseException("'" + candidate.name + "' to be a list of objects to read '"
                                + name + "'", null);
                    }
                    Struct struct = ((Fields.ObjectField) items).struct;
                    String rest = name.substring(dot + 1);
                    Field itemField = null;
                    for (Field f : struct.fields) {
                        if (f.name.equals(rest)) {
                            itemField = f;
                        }
                    }
                    if (itemField == null) {
                        List<String> names = new ArrayList<>();
                        for (Field f : struct.fields) {
                            names.add(candidate.name + "." + f.name);
                        }
                        throw new ParseException("a field of the items of '" + candidate.name + "' ('" + name
                                + "' at index " + start + ")", Problems.suggest(name, names));
                    }
                    addDependency(candidate);
                    return new ItemField(itemField, numeric(itemField, name));
                }
            }
            Field field = scope.field(name);
            if (field == null && scope.failed(name)) {
                throw new ParseException("", null, true);
            }
            if (field == null) {
                throw new ParseException("a field of the record ('" + name + "' at index " + start
                        + " is not one)", Problems.suggest(name, scope.names()));
            }
            if (field instanceof Fields.ArrayField) {
                if (list == null) {
                    throw new ParseException("a list field only inside sum/min/max/count ('" + name + "')", null);
                }
                Field items = ((Fields.ArrayField) field).items;
                if (list != LIST_PENDING && list != field) {
                    throw new ParseException("one list per aggregate", null);
                }
                list = field;
                addDependency(field);
                return new ItemValue(numeric(items, name));
            }
            if (field.nullable) {
                throw new ParseException("a field that is never null in an expression ('" + name
                        + "' has a null_rate or may be null)", null);
            }
            addDependency(field);
            return new FieldValue(field, numeric(field, name));
        }

        private void addDependency(Field field) {
            if (!dependencies.contains(field)) {
                dependencies.add(field);
            }
        }

        private FieldType numeric(Field field, String name) {
            FieldType type = field.type;
            if (type == null) {
                throw new ParseException("a field with a known type ('" + name + "')", null);
            }
            switch (type.kind()) {
                case INT:
                case LONG:
                case DOUBLE:
                case DECIMAL:
                    return type;
                default:
                    throw new ParseException("numeric operands: int, long, double or decimal ('" + name + "' is "
                            + type + ")", null);
            }
        }
    }

    private static final Field LIST_PENDING = new Field("", "", "", null) {
        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
        }
    };

    static Expr binary(char op, Expr left, Expr right) {
        if (op == '/' || !left.exact || !right.exact) {
            return new Binary(op, left, right, false, 0);
        }
        int scale = op == '*' ? left.scale + right.scale : Math.max(left.scale, right.scale);
        if (op == '%' && (left.scale != 0 || right.scale != 0)) {
            return new Binary(op, left, right, false, 0);
        }
        if (scale > 18) {
            return new Binary(op, left, right, false, 0);
        }
        return new Binary(op, left, right, true, scale);
    }

    private static final class Literal extends Expr {
        final long unscaled;

        Literal(long unscaled, int scale) {
            super(true, scale);
            this.unscaled = unscaled;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            return unscaled;
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return unscaled / (double) POW10[scale];
        }
    }

    private static final class RealLiteral extends Expr {
        final double value;

        RealLiteral(double value) {
            super(false, 0);
            this.value = value;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            throw new IllegalStateException();
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return value;
        }
    }

    private static int scaleOf(FieldType type) {
        return type.kind() == FieldType.Kind.DECIMAL ? type.scale() : 0;
    }

    private static double toReal(FieldType type, long bits) {
        switch (type.kind()) {
            case DOUBLE:
                return Double.longBitsToDouble(bits);
            case DECIMAL:
                return bits / (double) POW10[type.scale()];
            default:
                return bits;
        }
    }

    private static final class FieldValue extends Expr {
        final int slot;
        final FieldType type;

        FieldValue(Field field, FieldType type) {
            super(type.kind() != FieldType.Kind.DOUBLE, scaleOf(type));
            this.slot = field.slot;
            this.type = type;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            return scope.v[slot];
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return toReal(type, scope.v[slot]);
        }
    }

    private static final class ItemField extends Expr {
        final int slot;
        final FieldType type;

        ItemField(Field field, FieldType type) {
            super(type.kind() != FieldType.Kind.DOUBLE, scaleOf(type));
            this.slot = field.slot;
            this.type = type;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            return ((Frame) list.o[index]).v[slot];
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return toReal(type, ((Frame) list.o[index]).v[slot]);
        }
    }

    private static final class ItemValue extends Expr {
        final FieldType type;

        ItemValue(FieldType type) {
            super(type.kind() != FieldType.Kind.DOUBLE, scaleOf(type));
            this.type = type;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            return list.v[index];
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return toReal(type, list.v[index]);
        }
    }

    private static final class Binary extends Expr {
        final char op;
        final Expr left;
        final Expr right;

        Binary(char op, Expr left, Expr right, boolean exact, int scale) {
            super(exact, scale);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            long a = left.exact(scope, list, index);
            long b = right.exact(scope, list, index);
            switch (op) {
                case '+':
                    return Math.addExact(rescale(a, left.scale, scale), rescale(b, right.scale, scale));
                case '-':
                    return Math.subtractExact(rescale(a, left.scale, scale), rescale(b, right.scale, scale));
                case '*':
                    return Math.multiplyExact(a, b);
                case '%':
                    return b == 0 ? 0 : a % b;
                default:
                    throw new IllegalStateException(String.valueOf(op));
            }
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            if (exact) {
                return exact(scope, list, index) / (double) POW10[scale];
            }
            double a = left.real(scope, list, index);
            double b = right.real(scope, list, index);
            switch (op) {
                case '+':
                    return a + b;
                case '-':
                    return a - b;
                case '*':
                    return a * b;
                case '/':
                    return a / b;
                default:
                    return a % b;
            }
        }
    }

    private static final class Aggregate extends Expr {
        final String function;
        final int listSlot;
        final Expr item;

        Aggregate(String function, Field list, Expr item) {
            super(function.equals("count") || item.exact, function.equals("count") ? 0 : item.scale);
            this.function = function;
            this.listSlot = list.slot;
            this.item = item;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            Frame elements = (Frame) scope.o[listSlot];
            int n = elements == null ? 0 : elements.size();
            if (function.equals("count")) {
                return n;
            }
            long result = 0;
            for (int i = 0; i < n; i++) {
                long x = item.exact(scope, elements, i);
                switch (function) {
                    case "sum":
                        result = Math.addExact(result, x);
                        break;
                    case "min":
                        result = i == 0 ? x : Math.min(result, x);
                        break;
                    default:
                        result = i == 0 ? x : Math.max(result, x);
                }
            }
            return result;
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            if (exact) {
                return exact(scope, list, index) / (double) POW10[scale];
            }
            Frame elements = (Frame) scope.o[listSlot];
            int n = elements == null ? 0 : elements.size();
            double result = 0;
            for (int i = 0; i < n; i++) {
                double x = item.real(scope, elements, i);
                switch (function) {
                    case "sum":
                        result += x;
                        break;
                    case "min":
                        result = i == 0 ? x : Math.min(result, x);
                        break;
                    default:
                        result = i == 0 ? x : Math.max(result, x);
                }
            }
            return result;
        }
    }

}
