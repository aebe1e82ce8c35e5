package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.StopReason;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.support.StreamSyncProducer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code emulator sample}: a preview of a domain's records exactly as an emulation would emit them, on standard
 * output, with no server. One worker, so records come in sequence order; the same {@code --seed} prints the same
 * records (apart from the envelope's emulation id and timestamps relative to the current time).
 */
@Command(name = "sample", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Prints records of a domain as an emulation would emit them (JSON Lines, or --format csv), "
                + "with no server. The same --seed prints the same records (timestamps are relative to now).")
final class SampleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ParentCommand
    EmulatorCli parent;

    @Option(names = {"-d", "--domain"}, defaultValue = "transaction",
            description = "Domain: transaction, user-profile or device-log.")
    String domain;

    @Option(names = {"-n", "--max-records"}, defaultValue = "10", description = "How many records.")
    long count;

    @Option(names = "--seed", description = "Seed for reproducible records. Default: random.")
    Long seed;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl, json (one array) or csv.")
    String format;

    @Option(names = "--envelope", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wrap records in {emulation_id, timestamp, data}. Default: on.")
    boolean envelope;

    @Mixin
    DomainFiles domainFile;

    @Option(names = "--domain-option", paramLabel = "KEY=VALUE", description = "A domain option, repeatable.")
    Map<String, String> domainOptions = new LinkedHashMap<>();

    @Override
    public Integer call() {
        StreamSyncProducer sink = new StreamSyncProducer(parent.rawOut, RecordFormat.parse("format_type", format));
        EmulationSpec.Builder builder = EmulationSpec.builder().domain(domain).maxRecords(count).threads(1)
                .envelope(envelope).sink(sink);
        DomainRegistry fileDomains = domainFile.registry();
        if (fileDomains != null) {
            builder.registry(fileDomains);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        domainOptions.forEach(builder::domainOption);
        EmulationReport report = EmulationRunner.run(builder.build());
        sink.close(); // the caller owns an instance sink: this closes a JSON array and flushes
        if (report.status() == EmulationStatus.FAILED) {
            spec.commandLine().getErr().println("error: " + report.failure().map(Throwable::toString).orElse("?"));
            return EmulatorCli.FAILED;
        }
        if (report.stopped().orElse(null) == StopReason.EXHAUSTED && report.stats().generated() < count) {
            // a finite domain (a declarative count, every user profile) ends before -n: say so, on stderr only
            spec.commandLine().getErr().printf(Locale.ROOT, "warning: domain '%s' has %,d records; printed %,d of "
                    + "the %,d asked for (--max-records)%n", domain, report.stats().generated(),
                    report.stats().generated(), count);
        }
        return 0;
    }
}
