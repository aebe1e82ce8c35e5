package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.RecordSchema;
import java.util.List;

/** One compiled domain of a definition. Immutable and thread-safe once compiled. */
final class DomainPlan {
    /** The count of a per_parent domain while it is not yet known (it follows from the parent's). */
    static final long PENDING = -2;
    final String name;
    final int index;
    final String resource;
    long count;
    final String doc;
    Struct root;
    Field key;
    List<Field> allFields;
    RecordSchema schema;
    /** The {@code ref} with {@code per_parent} that groups the records by parent; null without. */
    Fields.RefField perParent;
    /** The Datafaker locale of the domain's faker fields ({@code locale}), English by default. */
    java.util.Locale locale = java.util.Locale.ENGLISH;
    /** Whether {@link #count} is exact; false for a per_parent range, where it is the most records there can be. */
    boolean countKnown = true;
    /** The entities' lifecycle; null for a domain of immutable records. */
    LifecyclePlan lifecycle;
    /** Indices of the domains this one refers to, directly or through them. */
    int[] parents = new int[0];
    /** The domain's {@code faults:} as entries of the faults setting; empty without. */
    java.util.Map<String, String> faults = java.util.Map.of();

    DomainPlan(String name, int index, String resource, long count, String doc) {
        this.name = name;
        this.index = index;
        this.resource = resource;
        this.count = count;
        this.doc = doc;
    }
}
