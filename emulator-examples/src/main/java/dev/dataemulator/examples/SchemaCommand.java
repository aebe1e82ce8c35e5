package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.kafka.KafkaSyncProducer;
import dev.dataemulator.kafka.SchemaRegistration;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emulator schema}: prints a domain's record schema as Avro or JSON Schema, or registers it with a schema
 * registry as the Kafka sink would ({@code --register URL}).
 */
@Command(name = "schema", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Prints the schema of a domain's records (default options) as an Avro schema or a JSON Schema "
                + "(draft 2020-12), or registers it with a schema registry (--register). Exit code 2 for an unknown "
                + "domain or format, 1 for a domain without a schema or a registry that refuses it.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--domain"}, defaultValue = "transaction",
            description = "Domain: transaction, user-profile or device-log.")
    String domain;

    @Mixin
    DomainFiles domainFile;

    @Option(names = "--format", defaultValue = "avro", description = "avro or json-schema.")
    String format;

    @Option(names = "--envelope", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Describe the envelope {emulation_id, timestamp, data} around the record. Default: on.")
    boolean envelope;

    @Option(names = "--register", paramLabel = "URL",
            description = "Register the schema with this Confluent-compatible schema registry (e.g. "
                    + "http://localhost:8081, or Apicurio's http://host:8080/apis/ccompat/v7) under the subject the "
                    + "kafka sink uses, and print the subject and id instead of the schema. Basic auth: the "
                    + "environment variables SCHEMA_REGISTRY_USER and SCHEMA_REGISTRY_PASSWORD.")
    String register;

    @Option(names = "--topic", description = "With --register: the topic the records go to. Default: the domain's "
            + "topic (transactions, user-profiles, device-logs).")
    String topic;

    @Option(names = "--subject-name-strategy", defaultValue = "topic",
            description = "With --register: topic (<topic>-value), record or topic_record.")
    String subjectNameStrategy;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Print the version of the schema in force at this "
            + "event time (ISO-8601, e.g. 2026-01-15T00:00:00Z): with a schema drift (--fault drift.*, or the "
            + "domain's own faults: drift:), the new version from the drift's 'at' on. Default: the first version.")
    String at;

    @Option(names = "--fault", paramLabel = "KEY=VALUE", description = "An entry of the faults setting, repeatable; "
            + "only the drift (drift.at, drift.add.FIELD, drift.drop, drift.rename.FIELD) shapes the schema; see "
            + "docs/FAULTS.md.")
    Map<String, String> faults = new LinkedHashMap<>();

    @Override
    public Integer call() {
        String chosen = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("avro") && !chosen.equals("json-schema")) {
            throw new InvalidSettingException("format", format, "expected avro or json-schema");
        }
        DomainRegistry domains = domainFile.registryOrDiscovered();
        RecordSchema schema = at == null ? domains.schema(domain)
                : domains.schema(domain, faults, SettingText.instant("--at", at));
        PrintWriter out = spec.commandLine().getOut();
        if (register != null) {
            String target = topic != null ? topic : domains.resourceFor(domain);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(KafkaSyncProducer.VALUE_FORMAT, chosen.equals("avro") ? "avro" : "json_schema");
            settings.put(KafkaSyncProducer.SCHEMA_REGISTRY_URL, register);
            settings.put(KafkaSyncProducer.SUBJECT_NAME_STRATEGY, subjectNameStrategy);
            settings.put(KafkaSyncProducer.SCHEMA_REGISTRY_USER, System.getenv("SCHEMA_REGISTRY_USER"));
            settings.put(KafkaSyncProducer.SCHEMA_REGISTRY_PASSWORD, System.getenv("SCHEMA_REGISTRY_PASSWORD"));
            SchemaRegistration.Registered registered = SchemaRegistration.register(settings, target, domain, schema,
                    envelope);
            out.println("Registered the " + chosen + " schema of '" + domain + "' under subject '"
                    + registered.subject() + "' as id " + registered.id() + " at " + register);
            out.flush();
            return 0;
        }
        out.println(chosen.equals("avro") ? schema.toAvroSchema(envelope) : schema.toJsonSchema(envelope));
        out.flush();
        return 0;
    }
}
