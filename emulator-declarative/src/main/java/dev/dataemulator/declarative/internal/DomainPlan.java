package dev.dataemulator.declarative.internal;

import dev.dataemulator.core.spi.RecordSchema;
import java.util.List;

/** One compiled domain of a definition. Immutable and thread-safe once compiled. */
final class DomainPlan {
    final String name;
    final int index;
    final String resource;
    final long count;
    final String doc;
    Struct root;
    Field key;
    List<Field> allFields;
    RecordSchema schema;
    /** The entities' lifecycle; null for a domain of immutable records. */
    LifecyclePlan lifecycle;
    /** Indices of the domains this one refers to, directly or through them. */
    int[] parents = new int[0];

    DomainPlan(String name, int index, String resource, long count, String doc) {
        this.name = name;
        this.index = index;
        this.resource = resource;
        this.count = count;
        this.doc = doc;
    }
}
