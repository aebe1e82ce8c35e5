package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.support.Seeding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One compiled field: where its value lives in a {@link Frame}, its type, its null rate and how to compute its value
 * from (field key, coordinate). Immutable and thread-safe after compilation; per-emulation state (keys, pools,
 * permutations) lives in {@link Bound}, per-worker state in {@link Env}.
 */
public abstract class Field {
    final String name;
    /** The logical path that seeds the field, e.g. {@code lines[].sku}: independent of the other fields. */
    final String seedPath;
    final long pathHash;
    final long nullHash;
    FieldType type;
    double nullRate;
    String doc = "";
    boolean nullable;
    int slot;
    int id;
    /** Sibling fields this field reads (templates, expressions); evaluated before it. */
    List<Field> dependencies = List.of();
    final Node.Location location;
    final String path;

    Field(String name, String seedPath, String path, Node.Location location) {
        this.name = name;
        this.seedPath = seedPath;
        this.pathHash = Seeding.mix(Seeding.hash(seedPath));
        this.nullHash = Seeding.mix(Seeding.hash(seedPath + "#null"));
        this.path = path;
        this.location = location;
    }

    /** Computes the field's value into {@code frame[slot]}; never called for a null value. */
    abstract void eval(Env env, Frame frame, int slot, long coord);

    /** @return the per-emulation state of this field (a pool, a permutation), or null */
    Object prepare(Bound bound) {
        return null;
    }

    /** Evaluates with the null rate applied. */
    final void evalOrNull(Env env, Frame frame, int slot, long coord) {
        if (nullRate > 0 && Seeding.unit(Rng.first(env.bound.nullKeys[id], coord)) < nullRate) {
            frame.nul[slot] = true;
            frame.o[slot] = null;
            return;
        }
        frame.nul[slot] = false;
        eval(env, frame, slot, coord);
    }

    void write(FieldWriter out, String fieldName, Frame frame, int at) {
        if (frame.nul[at]) {
            out.nullValue(fieldName);
            return;
        }
        writeValue(out, fieldName, type, frame, at);
    }

    static void writeValue(FieldWriter out, String fieldName, FieldType type, Frame frame, int at) {
        switch (type.kind()) {
            case STRING:
            case UUID:
                out.string(fieldName, (String) frame.o[at]);
                break;
            case INT:
            case LONG:
                out.integer(fieldName, frame.v[at]);
                break;
            case DOUBLE:
                out.floating(fieldName, Double.longBitsToDouble(frame.v[at]));
                break;
            case DECIMAL:
                out.decimal(fieldName, frame.v[at], type.scale());
                break;
            case BOOLEAN:
                out.bool(fieldName, frame.v[at] != 0);
                break;
            case TIMESTAMP:
                out.timestamp(fieldName, frame.v[at]);
                break;
            case DATE:
                out.date(fieldName, (int) frame.v[at]);
                break;
            default:
                throw new IllegalStateException("not a scalar: " + type);
        }
    }

    /** @return the value as text, for templates and record keys; null values are the empty string */
    static String text(FieldType type, Frame frame, int at) {
        if (frame.nul[at]) {
            return "";
        }
        switch (type.kind()) {
            case STRING:
            case UUID:
                return (String) frame.o[at];
            case INT:
            case LONG:
                return Long.toString(frame.v[at]);
            case DOUBLE:
                return Double.toString(Double.longBitsToDouble(frame.v[at]));
            case DECIMAL:
                return java.math.BigDecimal.valueOf(frame.v[at], type.scale()).toPlainString();
            case BOOLEAN:
                return frame.v[at] != 0 ? "true" : "false";
            case TIMESTAMP:
                return Instant.ofEpochSecond(Math.floorDiv(frame.v[at], 1_000_000L),
                        Math.floorMod(frame.v[at], 1_000_000L) * 1000L).toString();
            case DATE:
                return LocalDate.ofEpochDay(frame.v[at]).toString();
            default:
                return String.valueOf(frame.o[at]);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + seedPath + ": " + type + "]";
    }
}
