package dev.dataemulator.declarative.internal;

/**
 * The values of one object (or the elements of one list) of a record: numbers, booleans, dates and timestamps as
 * longs (doubles as their bits, decimals unscaled), strings and nested frames as objects, and a null flag per slot.
 * Filled once by the evaluation of a record and not changed after, so records can be written again later.
 */
public final class Frame {
    final long[] v;
    final Object[] o;
    final boolean[] nul;

    Frame(int slots) {
        v = new long[slots];
        o = new Object[slots];
        nul = new boolean[slots];
    }

    int size() {
        return v.length;
    }
}
