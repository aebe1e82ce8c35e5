package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code expr} or condition: {@code + - * / %}, parentheses, numbers, the record's numeric fields (nested
 * ones as {@code a.b}), {@code seq}, and {@code sum / min / max / count} over a list field ({@code sum(lines.qty *
 * lines.unit_price)}). Integers and decimals are computed exactly as scaled longs (a product's scale is the sum of
 * its operands'); a division or a {@code double} operand makes the result a double. Dates and timestamps take a
 * duration ({@code signup_date + 30d}); comparisons, {@code in [..]}, {@code and}, {@code or} and {@code not} make
 * booleans, over numbers, strings ({@code 'text'}), booleans, dates and timestamps. Immutable.
 */
abstract class Expr {
    /** What a value is: booleans are exact 0/1, dates exact epoch days, timestamps and durations exact micros. */
    enum Kind { NUMBER, BOOLEAN, STRING, DATE, TIMESTAMP, DURATION }

    private static final long DAY = TimeWindow.DAY;
    /** Whether the value is an exact scaled long ({@link #exact}) rather than a double. */
    final boolean exact;
    /** The scale of an exact value. */
    final int scale;
    final Kind kind;

    Expr(boolean exact, int scale) {
        this(exact, scale, Kind.NUMBER);
    }

    Expr(boolean exact, int scale, Kind kind) {
        this.exact = exact;
        this.scale = scale;
        this.kind = kind;
    }

    /** @return the value of a string expression */
    Object text(Frame scope) {
        throw new IllegalStateException("not a string");
    }

    private static String describe(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
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
        Expr expr = parser.or();
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

        /** Eats the keyword {@code word} when it comes next as a whole word. */
        boolean word(String word) {
            skipSpaces();
            int end = pos + word.length();
            if (s.startsWith(word, pos) && (end == s.length() || !(Character.isLetterOrDigit(s.charAt(end))
                    || s.charAt(end) == '_'))) {
                pos = end;
                return true;
            }
            return false;
        }

        Expr or() {
            Expr left = and();
            while (word("or")) {
                left = new Logic(false, bool(left, "or"), bool(and(), "or"));
            }
            return left;
        }

        Expr and() {
            Expr left = not();
            while (word("and")) {
                left = new Logic(true, bool(left, "and"), bool(not(), "and"));
            }
            return left;
        }

        Expr not() {
            if (word("not")) {
                return new Not(bool(not(), "not"));
            }
            return comparison();
        }

        private Expr bool(Expr operand, String operator) {
            if (operand.kind != Kind.BOOLEAN) {
                throw new ParseException("boolean operands of '" + operator + "' (found a " + describe(operand.kind)
                        + ")", null);
            }
            return operand;
        }

        Expr comparison() {
            Expr left = sum();
            skipSpaces();
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">", "=")) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    return compare(op.equals("=") ? "==" : op, left, sum());
                }
            }
            if (word("in")) {
                if (!eat('[')) {
                    throw new ParseException("'[' after 'in' at index " + pos + ", e.g. country in ['DE', 'FR']",
                            null);
                }
                Expr any = null;
                do {
                    Expr equal = compare("==", left, sum());
                    any = any == null ? equal : new Logic(false, any, equal);
                } while (eat(','));
                if (!eat(']')) {
                    throw new ParseException("']' closing the list of 'in' at index " + pos, null);
                }
                return any;
            }
            return left;
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
                Expr operand = unary();
                if (operand.kind == Kind.DURATION) {
                    return new Literal(-operand.exact(null, null, 0), 0, Kind.DURATION);
                }
                return binary('-', new Literal(0, 0), operand);
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
                Expr inner = or();
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
                if (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                    while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                        pos++;
                    }
                    try {
                        java.time.Duration duration = dev.dataemulator.core.SettingText.parseDuration(
                                s.substring(start, pos));
                        return new Literal(Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L),
                                duration.getNano() / 1000), 0, Kind.DURATION);
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw new ParseException("a number or a duration such as 30d, 12h, 15m, 90s or 500ms at "
                                + "index " + start + " (found '" + s.substring(start, pos) + "')", null);
                    }
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
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw new ParseException("a closing " + c + " for the text at index " + pos, null);
                }
                String text = s.substring(pos + 1, end);
                pos = end + 1;
                return new Text(text);
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
            if ((name.equals("true") || name.equals("false")) && scope.field(name) == null) {
                return new Literal(name.equals("true") ? 1 : 0, 0, Kind.BOOLEAN);
            }
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
            if (field.type != null && (field.type.kind() == FieldType.Kind.STRING
                    || field.type.kind() == FieldType.Kind.UUID)) {
                return new TextField(field);
            }
            if (field.type != null) {
                switch (field.type.kind()) {
                    case BOOLEAN:
                        return new FieldValue(field, field.type, Kind.BOOLEAN);
                    case DATE:
                        return new FieldValue(field, field.type, Kind.DATE);
                    case TIMESTAMP:
                        return new FieldValue(field, field.type, Kind.TIMESTAMP);
                    default:
                        break;
                }
            }
            return new FieldValue(field, numeric(field, name), Kind.NUMBER);
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

    /** Compiles a comparison: both sides of one kind (numbers, texts, booleans, dates and timestamps together). */
    static Expr compare(String op, Expr left, Expr right) {
        left = temporalText(left, right);
        right = temporalText(right, left);
        boolean temporal = (left.kind == Kind.DATE || left.kind == Kind.TIMESTAMP)
                && (right.kind == Kind.DATE || right.kind == Kind.TIMESTAMP);
        if (left.kind != right.kind && !temporal) {
            throw new ParseException("comparable operands of '" + op + "' (a " + describe(left.kind) + " and a "
                    + describe(right.kind) + ")", null);
        }
        if ((left.kind == Kind.BOOLEAN) && !op.equals("==") && !op.equals("!=")) {
            throw new ParseException("== or != between booleans (found '" + op + "')", null);
        }
        return new Compare(op, left, right);
    }

    /** A text literal compared with a date or timestamp is read as one ({@code signup_date < '2024-01-01'}). */
    private static Expr temporalText(Expr text, Expr other) {
        if (!(text instanceof Text) || (other.kind != Kind.DATE && other.kind != Kind.TIMESTAMP)) {
            return text;
        }
        String value = ((Text) text).value;
        try {
            if (other.kind == Kind.DATE) {
                return new Literal(java.time.LocalDate.parse(value).toEpochDay(), 0, Kind.DATE);
            }
            java.time.Instant instant = value.length() == 10
                    ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : java.time.Instant.parse(value);
            return new Literal(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000, 0,
                    Kind.TIMESTAMP);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ParseException("an ISO " + (other.kind == Kind.DATE ? "date such as '2024-01-01'"
                    : "instant such as '2024-01-01T00:00:00Z'") + " to compare with (found '" + value + "')", null);
        }
    }

    /** A string: only compared, never computed with. */
    private abstract static class StringValue extends Expr {
        StringValue() {
            super(false, 0, Kind.STRING);
        }

        @Override
        abstract Object text(Frame scope);

        @Override
        long exact(Frame scope, Frame list, int index) {
            throw new IllegalStateException("a string has no number");
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            throw new IllegalStateException("a string has no number");
        }
    }

    private static final class Text extends StringValue {
        final String value;

        Text(String value) {
            this.value = value;
        }

        @Override
        Object text(Frame scope) {
            return value;
        }
    }

    private static final class TextField extends StringValue {
        final int slot;

        TextField(Field field) {
            this.slot = field.slot;
        }

        @Override
        Object text(Frame scope) {
            return scope.o[slot];
        }
    }

    /** A comparison, 1 when it holds. */
    private static final class Compare extends Expr {
        final int op;
        final Expr left;
        final Expr right;

        Compare(String op, Expr left, Expr right) {
            super(true, 0, Kind.BOOLEAN);
            this.op = List.of("==", "!=", "<", "<=", ">", ">=").indexOf(op);
            this.left = left;
            this.right = right;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            int c;
            if (left.kind == Kind.STRING) {
                c = ((String) left.text(scope)).compareTo((String) right.text(scope));
            } else if (left.kind != right.kind) { // a date and a timestamp
                long a = left.exact(scope, list, index) * (left.kind == Kind.DATE ? DAY : 1);
                long b = right.exact(scope, list, index) * (right.kind == Kind.DATE ? DAY : 1);
                c = Long.compare(a, b);
            } else if (left.exact && right.exact) {
                int common = Math.max(left.scale, right.scale);
                c = Long.compare(rescale(left.exact(scope, list, index), left.scale, common),
                        rescale(right.exact(scope, list, index), right.scale, common));
            } else {
                c = Double.compare(left.real(scope, list, index), right.real(scope, list, index));
            }
            boolean holds;
            switch (op) {
                case 0:
                    holds = c == 0;
                    break;
                case 1:
                    holds = c != 0;
                    break;
                case 2:
                    holds = c < 0;
                    break;
                case 3:
                    holds = c <= 0;
                    break;
                case 4:
                    holds = c > 0;
                    break;
                default:
                    holds = c >= 0;
            }
            return holds ? 1 : 0;
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return exact(scope, list, index);
        }
    }

    /** {@code and} / {@code or}, short-circuiting. */
    private static final class Logic extends Expr {
        final boolean and;
        final Expr left;
        final Expr right;

        Logic(boolean and, Expr left, Expr right) {
            super(true, 0, Kind.BOOLEAN);
            this.and = and;
            this.left = left;
            this.right = right;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            boolean a = left.exact(scope, list, index) != 0;
            if (a != and) {
                return a ? 1 : 0;
            }
            return right.exact(scope, list, index);
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return exact(scope, list, index);
        }
    }

    private static final class Not extends Expr {
        final Expr operand;

        Not(Expr operand) {
            super(true, 0, Kind.BOOLEAN);
            this.operand = operand;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            return operand.exact(scope, list, index) != 0 ? 0 : 1;
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return exact(scope, list, index);
        }
    }

    private static final Field LIST_PENDING = new Field("", "", "", null) {
        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
        }
    };

    static Expr binary(char op, Expr left, Expr right) {
        if (left.kind != Kind.NUMBER || right.kind != Kind.NUMBER) {
            return temporal(op, left, right);
        }
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

    /** A date or timestamp plus or minus a duration, or durations added together; nothing else mixes kinds. */
    private static Expr temporal(char op, Expr left, Expr right) {
        boolean additive = op == '+' || op == '-';
        if (additive && right.kind == Kind.DURATION && left.kind == Kind.DURATION) {
            return new Literal(Math.addExact(left.exact(null, null, 0), (op == '-' ? -1 : 1)
                    * right.exact(null, null, 0)), 0, Kind.DURATION);
        }
        Expr point = left.kind == Kind.DURATION && op == '+' ? right : left;
        Expr duration = point == left ? right : left;
        if (!additive || duration.kind != Kind.DURATION
                || (point.kind != Kind.DATE && point.kind != Kind.TIMESTAMP)) {
            throw new ParseException("numeric operands, or a date or timestamp plus or minus a duration such as 30d "
                    + "(found a " + describe(left.kind) + " " + op + " a " + describe(right.kind) + ")", null);
        }
        long micros = duration.exact(null, null, 0) * (op == '-' ? -1 : 1);
        if (point.kind == Kind.DATE) {
            if (micros % DAY != 0) {
                throw new ParseException("whole days to add to a date (a duration such as 30d; for hours, read "
                        + "the date into a timestamp expression)", null);
            }
            return new Shift(point, micros / DAY, Kind.DATE);
        }
        return new Shift(point, micros, Kind.TIMESTAMP);
    }

    /** A date (in days) or a timestamp (in micros) moved by a constant. */
    private static final class Shift extends Expr {
        final Expr point;
        final long by;

        Shift(Expr point, long by, Kind kind) {
            super(true, 0, kind);
            this.point = point;
            this.by = by;
        }

        @Override
        long exact(Frame scope, Frame list, int index) {
            return Math.addExact(point.exact(scope, list, index), by);
        }

        @Override
        double real(Frame scope, Frame list, int index) {
            return exact(scope, list, index);
        }
    }

    private static final class Literal extends Expr {
        final long unscaled;

        Literal(long unscaled, int scale) {
            super(true, scale);
            this.unscaled = unscaled;
        }

        Literal(long unscaled, int scale, Kind kind) {
            super(true, scale, kind);
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

        FieldValue(Field field, FieldType type, Kind kind) {
            super(type.kind() != FieldType.Kind.DOUBLE, scaleOf(type), kind);
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
