package dev.dataemulator.spark.internal;

import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordSchema;

/** The record schema of an opened domain. */
final class Schemas {
    private Schemas() {
    }

    static RecordSchema of(DomainGenerator generator, String domain) {
        return generator.schema().orElseThrow(() -> new EmulatorException("Domain '" + domain
                + "' declares no schema, so it cannot be a Spark table (implement DomainGenerator.schema())"));
    }
}
