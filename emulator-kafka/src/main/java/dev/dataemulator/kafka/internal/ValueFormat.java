package dev.dataemulator.kafka.internal;

import java.util.Locale;

/** How the Kafka sink encodes record values: the setting {@code value_format}. */
public enum ValueFormat {
    /** The record's JSON text, as the emulator has always sent it. */
    JSON,
    /** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro binary encoding. */
    AVRO,
    /** Confluent's wire format: magic byte 0, the schema id (4 bytes, big-endian), the JSON text. */
    JSON_SCHEMA;

    /** @return whether values carry a schema id from a schema registry */
    public boolean usesRegistry() {
        return this != JSON;
    }

    /** @return the setting's value, e.g. {@code json_schema} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
