package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldWriter;

/**
 * Passes a record's fields on to another writer, deciding for each top-level field (a fault damaging it, a schema
 * drift renaming or dropping it); nested values pass unchanged, and a nested value that a top-level decision leaves
 * out is skipped whole. Subclasses write the scalars; this class tracks the nesting. Not thread-safe.
 */
abstract class TopLevelFields implements FieldWriter {
    /** What {@link #open} answers for a nested value it skips; compared by identity. */
    private static final String SKIP = new String("(skipped)");
    final FieldWriter out;
    private int depth;
    /** Depth of a nested value being skipped; 0 when not skipping. */
    private int skipping;

    TopLevelFields(FieldWriter out) {
        this.out = out;
    }

    /** @return whether the call is inside a skipped nested value: it passes nothing on */
    final boolean skipped() {
        return skipping > 0;
    }

    /** @return whether the call is for a top-level field, outside any skipped value */
    final boolean topLevel() {
        return skipping == 0 && depth == 0;
    }

    /**
     * @param name a top-level field holding a nested value (a list or an object)
     * @return the name to open it under, or {@code null} to skip it whole (having written what replaces it)
     */
    abstract String opening(String name);

    @Override
    public final void beginList(String name) {
        String to = open(name);
        if (to != SKIP) {
            out.beginList(to);
        }
    }

    @Override
    public final void endList() {
        if (close()) {
            out.endList();
        }
    }

    @Override
    public final void beginObject(String name) {
        String to = open(name);
        if (to != SKIP) {
            out.beginObject(to);
        }
    }

    @Override
    public final void endObject() {
        if (close()) {
            out.endObject();
        }
    }

    /** @return the name to pass the opening on under (null for a list element), or {@link #SKIP} */
    private String open(String name) {
        if (skipping > 0) {
            skipping++;
            return SKIP;
        }
        String to = name;
        if (depth == 0) {
            to = opening(name);
            if (to == null) {
                skipping = 1;
                return SKIP;
            }
        }
        depth++;
        return to;
    }

    private boolean close() {
        if (skipping > 0) {
            skipping--;
            return false;
        }
        depth--;
        return true;
    }
}
