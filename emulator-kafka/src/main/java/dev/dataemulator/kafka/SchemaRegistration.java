package dev.dataemulator.kafka;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.kafka.internal.KafkaSettings;
import dev.dataemulator.kafka.internal.RegistryValues;
import java.util.Map;
import java.util.Objects;

/**
 * Registers a domain's schema with a schema registry ahead of a run, exactly as the {@code kafka} sink would on its
 * first record (the same schema, the same subject): what {@code emulator schema --register URL} does, for runs with
 * {@code auto_register=false}.
 */
public final class SchemaRegistration {
    private SchemaRegistration() {
    }

    /**
     * A registered schema.
     *
     * @param subject the subject it is registered under
     * @param id its id, which values in Confluent's wire format carry
     */
    public record Registered(String subject, int id) {
    }

    /**
     * @param settings the sink's registry settings: {@code value_format} ({@code avro} or {@code json_schema}),
     *     {@code schema_registry_url}, optionally {@code schema_registry_user} / {@code schema_registry_password},
     *     {@code subject_name_strategy}, {@code setup_timeout}
     * @param topic the topic the records go to (it names the subject with the {@code topic} strategies)
     * @param domain the domain's name, for messages
     * @param schema the domain's schema
     * @param envelope whether records carry the envelope
     * @return the subject and the id
     * @throws InvalidSettingException naming every bad setting, before the registry is contacted
     * @throws SinkException when the registry refuses the schema or does not answer within {@code setup_timeout}
     */
    public static Registered register(Map<String, String> settings, String topic, String domain, RecordSchema schema,
            boolean envelope) {
        Objects.requireNonNull(schema, "schema");
        KafkaSettings parsed = KafkaSettings.parseWrapped(Objects.requireNonNull(settings, "settings"));
        if (!parsed.valueFormat().usesRegistry()) {
            throw new InvalidSettingException(KafkaSettings.VALUE_FORMAT, parsed.valueFormat().key(),
                    "expected avro or json_schema to register a schema");
        }
        Map.Entry<String, Integer> registered = new RegistryValues(parsed.valueFormat(), parsed.registry(),
                parsed.setupTimeout()).register(topic, domain, schema, envelope);
        return new Registered(registered.getKey(), registered.getValue());
    }
}
