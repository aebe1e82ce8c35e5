package dev.dataemulator.examples;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code emulator schema}: prints a domain's record schema as Avro or JSON Schema. */
@Command(name = "schema", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Prints the schema of a domain's records (default options) as an Avro schema or a JSON Schema "
                + "(draft 2020-12). Exit code 2 for an unknown domain or format, 1 for a domain without a schema.")
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

    @Override
    public Integer call() {
        String chosen = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!chosen.equals("avro") && !chosen.equals("json-schema")) {
            throw new InvalidSettingException("format", format, "expected avro or json-schema");
        }
        RecordSchema schema = domainFile.registryOrDiscovered().schema(domain);
        PrintWriter out = spec.commandLine().getOut();
        out.println(chosen.equals("avro") ? schema.toAvroSchema(envelope) : schema.toJsonSchema(envelope));
        out.flush();
        return 0;
    }
}
