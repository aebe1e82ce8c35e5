package dev.dataemulator.declarative.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Makes strings that match a regular expression, compiled once into a small tree of literals, character sets,
 * sequences, alternatives and repetitions. Supports the generating subset of {@link Pattern} syntax: literals and
 * escapes, {@code .}, classes {@code [a-z0-9_]} (also negated, over printable ASCII), {@code \d \w \s} and their
 * negations, groups {@code (...)}, {@code (?:...)}, {@code (?<name>...)}, alternation, and the quantifiers
 * {@code ? * + {n} {n,} {n,m}} (unbounded ones repeat at most {@value #UNBOUNDED_EXTRA} times beyond their minimum);
 * {@code ^} and {@code $} at the ends are ignored. Back references, look-arounds and word boundaries are rejected.
 * Immutable and thread-safe.
 */
public final class RegexGenerator {
    /** How many repetitions beyond the minimum an unbounded quantifier ({@code * + {n,}}) makes at most. */
    public static final int UNBOUNDED_EXTRA = 8;
    private static final char[] PRINTABLE = range(' ', '~');
    private static final char[] DIGITS = range('0', '9');
    private static final char[] WORD = concat(concat(range('a', 'z'), range('A', 'Z')), concat(DIGITS, new char[] {'_'}));
    private static final char[] SPACE = {' ', '\t'};

    private final Part root;

    private RegexGenerator(Part root) {
        this.root = root;
    }

    /**
     * @return a generator of strings matching {@code regex}
     * @throws IllegalArgumentException with the reason when the pattern is not a valid regular expression or uses
     *     a construct that cannot be generated
     */
    public static RegexGenerator compile(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("a valid regular expression (" + e.getDescription() + " near index "
                    + e.getIndex() + ")");
        }
        Parser parser = new Parser(regex);
        Part part = parser.alternation();
        if (parser.pos < regex.length()) {
            throw new IllegalArgumentException("a regular expression without an unmatched ')' at index " + parser.pos);
        }
        return new RegexGenerator(part);
    }

    /** Appends one matching string to {@code out}. */
    public void generate(Rng rng, StringBuilder out) {
        root.generate(rng, out);
    }

    /** @return one matching string */
    public String generate(Rng rng) {
        StringBuilder out = new StringBuilder();
        root.generate(rng, out);
        return out.toString();
    }

    private interface Part {
        void generate(Rng rng, StringBuilder out);
    }

    private static final class Literal implements Part {
        private final String text;

        Literal(String text) {
            this.text = text;
        }

        @Override
        public void generate(Rng rng, StringBuilder out) {
            out.append(text);
        }
    }

    private static final class CharSet implements Part {
        private final char[] chars;

        CharSet(char[] chars) {
            this.chars = chars;
        }

        @Override
        public void generate(Rng rng, StringBuilder out) {
            out.append(chars[(int) rng.nextLong(chars.length)]);
        }
    }

    private static final class Sequence implements Part {
        private final Part[] parts;

        Sequence(List<Part> parts) {
            this.parts = parts.toArray(new Part[0]);
        }

        @Override
        public void generate(Rng rng, StringBuilder out) {
            for (Part part : parts) {
                part.generate(rng, out);
            }
        }
    }

    private static final class Alternatives implements Part {
        private final Part[] options;

        Alternatives(List<Part> options) {
            this.options = options.toArray(new Part[0]);
        }

        @Override
        public void generate(Rng rng, StringBuilder out) {
            options[(int) rng.nextLong(options.length)].generate(rng, out);
        }
    }

    private static final class Repeat implements Part {
        private final Part part;
        private final int min;
        private final int max;

        Repeat(Part part, int min, int max) {
            this.part = part;
            this.min = min;
            this.max = max;
        }

        @Override
        public void generate(Rng rng, StringBuilder out) {
            int times = min == max ? min : min + (int) rng.nextLong(max - min + 1);
            for (int i = 0; i < times; i++) {
                part.generate(rng, out);
            }
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Part alternation() {
            List<Part> options = new ArrayList<>();
            options.add(sequence());
            while (pos < s.length() && s.charAt(pos) == '|') {
                pos++;
                options.add(sequence());
            }
            return options.size() == 1 ? options.get(0) : new Alternatives(options);
        }

        Part sequence() {
            List<Part> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                char c = s.charAt(pos);
                if (c == '^' && pos == 0) {
                    pos++;
                    continue;
                }
                if (c == '$' && pos == s.length() - 1) {
                    pos++;
                    continue;
                }
                Part atom = atom();
                Part quantified = quantifier(atom);
                if (quantified == atom && atom instanceof Literal) {
                    literal.append(((Literal) atom).text);
                } else {
                    if (literal.length() > 0) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(quantified);
                }
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString()));
            }
            return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
        }

        Part atom() {
            char c = s.charAt(pos++);
            switch (c) {
                case '(':
                    if (s.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (s.startsWith("?<", pos) && pos + 2 < s.length() && s.charAt(pos + 2) != '='
                            && s.charAt(pos + 2) != '!') {
                        pos = s.indexOf('>', pos) + 1;
                    } else if (pos < s.length() && s.charAt(pos) == '?') {
                        throw unsupported("look-arounds and inline flags ('(?" + s.charAt(pos + 1) + "')");
                    }
                    Part inner = alternation();
                    pos++; // ')'
                    return inner;
                case '[':
                    return new CharSet(charClass());
                case '.':
                    return new CharSet(PRINTABLE);
                case '\\':
                    return escape(false);
                case '^':
                case '$':
                    throw unsupported("anchors inside the pattern ('" + c + "' at index " + (pos - 1) + ")");
                default:
                    return new Literal(String.valueOf(c));
            }
        }

        Part escape(boolean inClass) {
            char e = s.charAt(pos++);
            switch (e) {
                case 'd':
                    return new CharSet(DIGITS);
                case 'D':
                    return new CharSet(without(PRINTABLE, DIGITS));
                case 'w':
                    return new CharSet(WORD);
                case 'W':
                    return new CharSet(without(PRINTABLE, WORD));
                case 's':
                    return new CharSet(SPACE);
                case 'S':
                    return new CharSet(without(PRINTABLE, SPACE));
                case 't':
                    return new Literal("\t");
                case 'n':
                    return new Literal("\n");
                case 'b':
                case 'B':
                case 'A':
                case 'z':
                case 'Z':
                case 'G':
                    throw unsupported("boundaries ('\\" + e + "')");
                case 'p':
                case 'P':
                    throw unsupported("Unicode classes ('\\" + e + "')");
                default:
                    if (Character.isDigit(e) || e == 'k') {
                        throw unsupported("back references ('\\" + e + "')");
                    }
                    if (Character.isLetter(e)) {
                        throw unsupported("the escape '\\" + e + "'");
                    }
                    return new Literal(String.valueOf(e));
            }
        }

        char[] charClass() {
            boolean negate = pos < s.length() && s.charAt(pos) == '^';
            if (negate) {
                pos++;
            }
            StringBuilder chars = new StringBuilder();
            boolean first = true;
            while (pos < s.length() && (s.charAt(pos) != ']' || first)) {
                first = false;
                char c = s.charAt(pos++);
                if (c == '[' || (c == '&' && pos < s.length() && s.charAt(pos) == '&')) {
                    throw unsupported("nested classes and class intersections");
                }
                if (c == '\\') {
                    Part escaped = escape(true);
                    if (escaped instanceof CharSet) {
                        chars.append(((CharSet) escaped).chars);
                        continue;
                    }
                    c = ((Literal) escaped).text.charAt(0);
                }
                if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
                    pos++;
                    char end = s.charAt(pos++);
                    if (end == '\\') {
                        end = ((Literal) escape(true)).text.charAt(0);
                    }
                    for (char x = c; x <= end; x++) {
                        chars.append(x);
                    }
                } else {
                    chars.append(c);
                }
            }
            pos++; // ']'
            char[] set = distinct(chars.toString().toCharArray());
            if (negate) {
                set = without(PRINTABLE, set);
            }
            if (set.length == 0) {
                throw unsupported("an empty character class");
            }
            return set;
        }

        Part quantifier(Part atom) {
            if (pos >= s.length()) {
                return atom;
            }
            char c = s.charAt(pos);
            int min;
            int max;
            if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '*') {
                min = 0;
                max = UNBOUNDED_EXTRA;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = 1 + UNBOUNDED_EXTRA;
                pos++;
            } else if (c == '{' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                int close = s.indexOf('}', pos);
                String body = s.substring(pos + 1, close);
                pos = close + 1;
                int comma = body.indexOf(',');
                if (comma < 0) {
                    min = max = Integer.parseInt(body);
                } else {
                    min = Integer.parseInt(body.substring(0, comma));
                    String upper = body.substring(comma + 1);
                    max = upper.isEmpty() ? min + UNBOUNDED_EXTRA : Integer.parseInt(upper);
                }
            } else {
                return atom;
            }
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                pos++; // lazy and possessive forms generate the same strings
            }
            return new Repeat(atom, min, max);
        }

        private IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException("a regular expression without " + what
                    + ": they match text but cannot generate it");
        }
    }

    private static char[] range(char from, char to) {
        char[] chars = new char[to - from + 1];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (from + i);
        }
        return chars;
    }

    private static char[] concat(char[] a, char[] b) {
        char[] out = new char[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static char[] without(char[] all, char[] removed) {
        StringBuilder out = new StringBuilder();
        for (char c : all) {
            if (new String(removed).indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString().toCharArray();
    }

    private static char[] distinct(char[] chars) {
        StringBuilder out = new StringBuilder();
        for (char c : chars) {
            if (out.indexOf(String.valueOf(c)) < 0) {
                out.append(c);
            }
        }
        return out.toString().toCharArray();
    }
}
