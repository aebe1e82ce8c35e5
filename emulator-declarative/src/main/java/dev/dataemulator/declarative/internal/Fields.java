package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.OrphanValues;
import dev.dataemulator.core.support.Seeding;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import net.datafaker.Faker;

/** The compiled generators of the format, one class each. */
final class Fields {
    private Fields() {
    }

    /** {@code uuid}: a random version 4 UUID. */
    static final class UuidField extends Field {
        UuidField(String name, String seedPath, String path, Node.Location at) {
            super(name, seedPath, path, at);
            type = FieldType.UUID;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            Rng rng = env.rng(this, coord);
            long high = (rng.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
            long low = (rng.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            frame.o[slot] = new UUID(high, low).toString();
        }
    }

    /** {@code sequence}: start + seq × step. */
    static final class SequenceField extends Field {
        final long start;
        final long step;

        SequenceField(String name, String seedPath, String path, Node.Location at, long start, long step) {
            super(name, seedPath, path, at);
            this.start = start;
            this.step = step;
            type = FieldType.LONG;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = start + env.seq * step;
        }
    }

    /** {@code unique}: min + a seeded permutation of seq over [0, max - min]. */
    static final class UniqueField extends Field {
        final long min;
        /** The size of the range; set when linking for a per_parent domain without max. */
        long range;

        UniqueField(String name, String seedPath, String path, Node.Location at, long min, long range) {
            super(name, seedPath, path, at);
            this.min = min;
            this.range = range;
            type = FieldType.LONG;
        }

        @Override
        Object prepare(Bound bound) {
            return new Permutation(range, bound.keys[id]);
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = min + ((Permutation) env.bound.state[id]).apply(env.seq);
        }
    }

    /** {@code int} / {@code long}. */
    static final class LongField extends Field {
        final Distribution distribution;

        LongField(String name, String seedPath, String path, Node.Location at, Distribution distribution,
                FieldType type) {
            super(name, seedPath, path, at);
            this.distribution = distribution;
            this.type = type;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = distribution.sampleLong(env.rng(this, coord));
        }
    }

    /** {@code double}. */
    static final class DoubleField extends Field {
        final Distribution distribution;

        DoubleField(String name, String seedPath, String path, Node.Location at, Distribution distribution) {
            super(name, seedPath, path, at);
            this.distribution = distribution;
            type = FieldType.DOUBLE;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = Double.doubleToRawLongBits(distribution.sample(env.rng(this, coord)));
        }
    }

    /** {@code decimal}: a sample rounded half-up to the scale. */
    static final class DecimalField extends Field {
        final Distribution distribution;
        final double factor;
        final long minUnscaled;
        final long maxUnscaled;

        DecimalField(String name, String seedPath, String path, Node.Location at, Distribution distribution,
                int precision, int scale) {
            super(name, seedPath, path, at);
            this.distribution = distribution;
            this.factor = Math.pow(10, scale);
            this.minUnscaled = (long) Math.ceil(distribution.min() * factor - 1e-9);
            this.maxUnscaled = (long) Math.floor(distribution.max() * factor + 1e-9);
            type = FieldType.decimal(precision, scale);
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            long unscaled = Math.round(distribution.sample(env.rng(this, coord)) * factor);
            frame.v[slot] = Math.max(minUnscaled, Math.min(maxUnscaled, unscaled));
        }
    }

    /** {@code boolean}. */
    static final class BooleanField extends Field {
        final double p;

        BooleanField(String name, String seedPath, String path, Node.Location at, double p) {
            super(name, seedPath, path, at);
            this.p = p;
            type = FieldType.BOOLEAN;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = Seeding.unit(Rng.first(env.bound.keys[id], coord)) < p ? 1 : 0;
        }
    }

    /** {@code weighted}, {@code one_of} and {@code constant}: a choice among typed values. */
    static final class ChoiceField extends Field {
        final long[] longs;
        final Object[] objects;
        final double[] cumulative;

        ChoiceField(String name, String seedPath, String path, Node.Location at, FieldType type, long[] longs,
                Object[] objects, double[] weights) {
            super(name, seedPath, path, at);
            this.type = type;
            this.longs = longs;
            this.objects = objects;
            this.cumulative = new double[weights.length];
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += weights[i];
                cumulative[i] = total;
            }
            for (int i = 0; i < weights.length; i++) {
                cumulative[i] /= total;
            }
            cumulative[weights.length - 1] = 1.0;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            int i = 0;
            if (cumulative.length > 1) {
                double u = Seeding.unit(Rng.first(env.bound.keys[id], coord));
                while (u >= cumulative[i]) {
                    i++;
                }
            }
            frame.v[slot] = longs[i];
            frame.o[slot] = objects[i];
        }
    }

    /** {@code regex}. */
    static final class RegexField extends Field {
        final RegexGenerator generator;

        RegexField(String name, String seedPath, String path, Node.Location at, RegexGenerator generator) {
            super(name, seedPath, path, at);
            this.generator = generator;
            type = FieldType.STRING;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            StringBuilder text = env.worker.text;
            text.setLength(0);
            generator.generate(env.rng(this, coord), text);
            frame.o[slot] = text.toString();
        }
    }

    /** {@code faker}: per value on the worker's Faker, or drawn from a pool made once per emulation. */
    static final class FakerField extends Field {
        final FakerExpression expression;
        final int pool;

        FakerField(String name, String seedPath, String path, Node.Location at, FakerExpression expression, int pool) {
            super(name, seedPath, path, at);
            this.expression = expression;
            this.pool = pool;
            type = FieldType.STRING;
        }

        @Override
        Object prepare(Bound bound) {
            if (pool == 0) {
                return null;
            }
            Faker faker = new Faker(expression.locale, new Random(bound.keys[id]));
            String[] values = new String[pool];
            for (int i = 0; i < pool; i++) {
                values[i] = expression.evaluate(faker);
            }
            return values;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            long seed = Rng.first(env.bound.keys[id], coord);
            if (pool > 0) {
                String[] values = (String[]) env.bound.state[id];
                frame.o[slot] = values[(int) ((seed >>> 1) % values.length)];
            } else {
                frame.o[slot] = expression.evaluate(env.worker, seed);
            }
        }
    }

    /** {@code template}: literal text with {@code {seq}} and sibling fields. */
    static final class TemplateField extends Field {
        /** String literals, null for {seq}, or a Field. */
        Object[] parts;

        TemplateField(String name, String seedPath, String path, Node.Location at) {
            super(name, seedPath, path, at);
            type = FieldType.STRING;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            StringBuilder text = env.worker.text;
            text.setLength(0);
            for (Object part : parts) {
                if (part == null) {
                    text.append(env.seq);
                } else if (part instanceof String) {
                    text.append((String) part);
                } else {
                    Field field = (Field) part;
                    text.append(Field.text(field.type, frame, field.slot));
                }
            }
            frame.o[slot] = text.toString();
        }
    }

    /** {@code date} / {@code timestamp} between two bounds (epoch days or epoch microseconds, inclusive). */
    static final class BetweenField extends Field {
        final long min;
        final long max;

        BetweenField(String name, String seedPath, String path, Node.Location at, FieldType type, long min,
                long max) {
            super(name, seedPath, path, at);
            this.type = type;
            this.min = min;
            this.max = max;
        }

        /** The daily window (hours, weekdays) of a timestamp; null without. */
        TimeWindow window;

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = window == null ? env.rng(this, coord).nextLong(min, max)
                    : window.sample(env.rng(this, coord), min, max);
        }
    }

    /** {@code date} / {@code timestamp} {@code after} another date or timestamp field of the record, by min..max. */
    static final class AfterField extends Field {
        final String fieldName;
        /** Microseconds (days for a date after a date). */
        final long min;
        final long max;
        final TimeWindow window;
        Field target;

        AfterField(String name, String seedPath, String path, Node.Location at, FieldType type, String fieldName,
                long min, long max, TimeWindow window) {
            super(name, seedPath, path, at);
            this.type = type;
            this.fieldName = fieldName;
            this.min = min;
            this.max = max;
            this.window = window;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            if (frame.nul[target.slot]) {
                frame.nul[slot] = true;
                return;
            }
            long base = frame.v[target.slot];
            boolean dates = type.kind() == FieldType.Kind.DATE;
            if (dates && target.type.kind() == FieldType.Kind.DATE) {
                frame.v[slot] = base + env.rng(this, coord).nextLong(min / TimeWindow.DAY, max / TimeWindow.DAY);
                return;
            }
            long from = target.type.kind() == FieldType.Kind.DATE ? base * TimeWindow.DAY : base;
            long micros = window == null ? env.rng(this, coord).nextLong(from + min, from + max)
                    : window.sample(env.rng(this, coord), from + min, from + max);
            frame.v[slot] = dates ? Math.floorDiv(micros, TimeWindow.DAY) : micros;
        }
    }

    /** {@code date} / {@code timestamp} relative to the emulation clock's now, plus offset, ± jitter. */
    static final class NowField extends Field {
        final long offsetMicros;
        final long jitterMicros;

        NowField(String name, String seedPath, String path, Node.Location at, FieldType type, long offsetMicros,
                long jitterMicros) {
            super(name, seedPath, path, at);
            this.type = type;
            this.offsetMicros = offsetMicros;
            this.jitterMicros = jitterMicros;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            long micros = env.nowMillis() * 1000L + offsetMicros;
            if (jitterMicros > 0) {
                micros += env.rng(this, coord).nextLong(-jitterMicros, jitterMicros);
            }
            frame.v[slot] = type.kind() == FieldType.Kind.DATE ? Math.floorDiv(micros, 86_400_000_000L) : micros;
        }
    }

    /** {@code state}: the name of the entity's current lifecycle state (the initial one outside a change). */
    static final class StateField extends Field {
        String[] states;
        int initial;

        StateField(String name, String seedPath, String path, Node.Location at) {
            super(name, seedPath, path, at);
            type = FieldType.STRING;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.o[slot] = states[env.state < 0 ? initial : env.state];
        }
    }

    /** {@code child_index}: the 1-based position of the record among its parent's children ({@code per_parent}). */
    static final class ChildIndexField extends Field {
        ChildIndexField(String name, String seedPath, String path, Node.Location at) {
            super(name, seedPath, path, at);
            type = FieldType.INT;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.v[slot] = env.childIndex(env.seq);
        }
    }

    /** {@code ref}: a field of record j of a finite parent domain, recomputed from (seed, parent, j). */
    static final class RefField extends Field {
        final String domain;
        final String field;
        final boolean zipfPick;
        final double exponent;
        final String sameAsName;
        /** With {@code per_parent}: how many children each parent has; the records are grouped by parent. */
        final Distribution perParent;
        RefField sameAs;
        int domainIndex;
        /** The parent's count when known at load; 0 for a parent grouped by a per_parent range (read when bound). */
        long count;
        Field target;
        Field[] closure;

        RefField(String name, String seedPath, String path, Node.Location at, String domain, String field,
                boolean zipfPick, double exponent, String sameAs, Distribution perParent) {
            super(name, seedPath, path, at);
            this.domain = domain;
            this.field = field;
            this.zipfPick = zipfPick;
            this.exponent = exponent;
            this.sameAsName = sameAs;
            this.perParent = perParent;
        }

        /** The Zipf ranks over the parent's records and the permutation that scatters the ranks over them. */
        private record ZipfPick(Permutation permutation, Zipf zipf) {
        }

        @Override
        Object prepare(Bound bound) {
            long count = bound.parents[domainIndex].count;
            return zipfPick ? new ZipfPick(new Permutation(count, bound.keys[id]), new Zipf(count, exponent)) : null;
        }

        /** @return the number of children of parent {@code parent}: a pure function of (seed, field, parent) */
        long children(Bound bound, long parent) {
            return perParent.sampleLong(new Rng().reset(bound.keys[id] ^ PER_PARENT, parent));
        }

        private static final long PER_PARENT = 0x5deece66dL;

        long pick(Env env, long coord) {
            if (sameAs != null) {
                return sameAs.pick(env, coord);
            }
            if (perParent != null) {
                return env.parentOf(coord);
            }
            if (env.pickedBy == this && env.pickedAt == coord) {
                return env.picked; // a pure function of (field, coord): same_as siblings ask for it again
            }
            Rng rng = env.rng(this, coord);
            long index;
            if (!zipfPick) {
                index = rng.nextLong(count > 0 ? count : env.bound.parents[domainIndex].count);
            } else {
                ZipfPick zipf = (ZipfPick) env.bound.state[id];
                index = zipf.permutation().apply(zipf.zipf().sample(rng) - 1);
            }
            env.pickedBy = this;
            env.pickedAt = coord;
            env.picked = index;
            return index;
        }

        /** How many distinct orphan values of an integer reference there are: a draw's low bits pick one. */
        private static final int ORPHAN_VALUES = 256;

        /**
         * The values no record of the parent holds, for the {@code orphan} fault. A reference holds values of its
         * target (a reference to a reference, of the last target), so a value its generator never makes is absent
         * from the parent whatever records it has: a {@code uuid} of version 0 (the generator makes version 4 only);
         * an integer below the least value of a {@code sequence} with a step of 0 or more (its start), of a
         * {@code unique} (its min) or of an {@code int} / {@code long} (its min), or above the start of a sequence
         * counting down; one of {@value #ORPHAN_VALUES} such values, within the field's type.
         *
         * @return the maker of absent values
         * @throws IllegalArgumentException when the target is of another generator, or its bound leaves no room
         *     within the type
         */
        OrphanValues orphans() {
            Field values = target;
            while (values instanceof RefField chained) {
                values = chained.target;
            }
            if (values instanceof UuidField) {
                return (out, name, draw) -> out.string(name, new UUID(draw & 0xffffffffffff0fffL,
                        (Seeding.mix(draw) & 0x3fffffffffffffffL) | 0x8000000000000000L).toString());
            }
            long least = type.kind() == FieldType.Kind.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long most = type.kind() == FieldType.Kind.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
            Long below = null;
            Long above = null;
            if (values instanceof SequenceField sequence) {
                below = sequence.step >= 0 ? sequence.start : null;
                above = sequence.step < 0 ? sequence.start : null;
            } else if (values instanceof UniqueField unique) {
                below = unique.min;
            } else if (values instanceof LongField number) {
                below = number.distribution.lowestLong();
            } else {
                throw new IllegalArgumentException("it refers to '" + domain + "." + field + "' ("
                        + type.kind().name().toLowerCase(Locale.ROOT) + "), whose generator leaves no value provably "
                        + "absent; orphan needs a ref to a uuid, sequence, unique, int or long field");
            }
            if (below != null && below - ORPHAN_VALUES >= least) {
                long bound = below;
                return (out, name, draw) -> out.integer(name, bound - 1 - (draw & (ORPHAN_VALUES - 1)));
            }
            if (above != null && above + ORPHAN_VALUES <= most) {
                long bound = above;
                return (out, name, draw) -> out.integer(name, bound + 1 + (draw & (ORPHAN_VALUES - 1)));
            }
            throw new IllegalArgumentException("it refers to '" + domain + "." + field + "', whose values start at "
                    + "the end of its type's range, leaving no value provably absent");
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            long index = pick(env, coord);
            Frame parent = env.parent(domainIndex).evaluatePartial(closure, index);
            int at = target.slot;
            frame.nul[slot] = parent.nul[at];
            frame.v[slot] = parent.v[at];
            frame.o[slot] = parent.o[at];
        }
    }

    /** {@code cases}: the branch of the first condition that holds, else the last branch. */
    static final class CasesField extends Field {
        final Field[] branches;
        /** One per branch but the last ({@code else}). */
        Expr[] conditions;

        CasesField(String name, String seedPath, String path, Node.Location at, Field[] branches) {
            super(name, seedPath, path, at);
            this.branches = branches;
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            int i = 0;
            while (i < conditions.length && conditions[i].exact(frame, null, 0) == 0) {
                i++;
            }
            branches[i].evalOrNull(env, frame, slot, coord);
        }
    }

    /** {@code object}: nested fields, evaluated at the same coordinate (their paths differ). */
    static final class ObjectField extends Field {
        Struct struct;

        ObjectField(String name, String seedPath, String path, Node.Location at) {
            super(name, seedPath, path, at);
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            frame.o[slot] = struct.evaluate(env, coord);
        }

        @Override
        void write(FieldWriter out, String fieldName, Frame frame, int at) {
            if (frame.nul[at]) {
                out.nullValue(fieldName);
                return;
            }
            out.beginObject(fieldName);
            struct.writeFields(out, (Frame) frame.o[at]);
            out.endObject();
        }
    }

    /** {@code array}: a size, then each element at its own coordinate. */
    static final class ArrayField extends Field {
        final Distribution size;
        Field items;

        ArrayField(String name, String seedPath, String path, Node.Location at, Distribution size) {
            super(name, seedPath, path, at);
            this.size = size;
        }

        static long elementCoord(long coord, int index) {
            return Seeding.mix(coord * 0x632be59bd9b4e019L + index + 1);
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            int n = (int) size.sampleLong(env.rng(this, coord));
            Frame elements = new Frame(n);
            for (int i = 0; i < n; i++) {
                items.eval(env, elements, i, elementCoord(coord, i));
            }
            frame.o[slot] = elements;
        }

        @Override
        void write(FieldWriter out, String fieldName, Frame frame, int at) {
            if (frame.nul[at]) {
                out.nullValue(fieldName);
                return;
            }
            Frame elements = (Frame) frame.o[at];
            out.beginList(fieldName);
            for (int i = 0; i < elements.size(); i++) {
                items.write(out, null, elements, i);
            }
            out.endList();
        }
    }

    /** {@code expr}: arithmetic over the record's fields. */
    static final class ExprField extends Field {
        Expr expr;
        int targetScale;

        ExprField(String name, String seedPath, String path, Node.Location at) {
            super(name, seedPath, path, at);
        }

        @Override
        void eval(Env env, Frame frame, int slot, long coord) {
            switch (type.kind()) {
                case DOUBLE:
                    frame.v[slot] = Double.doubleToRawLongBits(expr.real(frame, null, 0));
                    break;
                case DECIMAL:
                    frame.v[slot] = expr.exact
                            ? Expr.rescale(expr.exact(frame, null, 0), expr.scale, targetScale)
                            : Math.round(expr.real(frame, null, 0) * Math.pow(10, targetScale));
                    break;
                case TIMESTAMP:
                    frame.v[slot] = expr.exact(frame, null, 0) * (expr.kind == Expr.Kind.DATE ? TimeWindow.DAY : 1);
                    break;
                default:
                    frame.v[slot] = expr.exact(frame, null, 0);
            }
        }
    }
}
