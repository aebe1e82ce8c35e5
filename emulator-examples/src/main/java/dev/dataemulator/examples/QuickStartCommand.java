package dev.dataemulator.examples;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emulator quickstart}: transactions into Kafka and device logs into S3 (chunked CSV) side by side, then a
 * few records read back from each and a summary. Runs on embedded servers unless real ones are configured.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Emulates transactions into Kafka and device logs into S3 (chunked CSV) at the same time, "
                + "reads a few records back from each and prints a summary. Starts an embedded Kafka broker and "
                + "S3 server unless --bootstrap-servers / --s3-endpoint (or their environment variables) say "
                + "where real ones are.")
final class QuickStartCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Servers.Options servers;

    @Option(names = "--duration", defaultValue = "8s", description = "How long each emulation runs.")
    Duration duration = Duration.ofSeconds(8);

    @Option(names = {"-t", "--threads"}, defaultValue = "2", description = "Worker threads per emulation.")
    int threads = 2;

    PrintWriter out;

    @Override
    public Integer call() {
        PrintWriter writer = out != null ? out : spec.commandLine().getOut();
        try (Servers started = new Servers(servers, true, writer)) {
            Map<String, String> kafka = started.kafka();
            Map<String, String> s3 = new LinkedHashMap<>(started.s3());
            s3.put("sync_type", "chunked");
            s3.put("format_type", "csv");
            s3.put("max_chunk_size", "1MiB");

            EmulationSpec transactions = EmulationSpec.builder().domain("transaction").sink("kafka", kafka)
                    .threads(threads).duration(duration).build();
            EmulationSpec deviceLogs = EmulationSpec.builder().domain("device-log").sink("minio", s3)
                    .threads(threads).duration(duration).build();

            writer.printf(java.util.Locale.ROOT, "Emulating for %.1f s: transactions -> Kafka topic '%s', device logs -> S3 bucket '%s' "
                    + "(chunked CSV)%n", duration.toMillis() / 1000.0, transactions.targetResource(),
                    deviceLogs.targetResource());
            writer.flush();
            try (Emulation tx = EmulationRunner.start(transactions);
                    Emulation logs = EmulationRunner.start(deviceLogs)) {
                EmulationReport txReport;
                EmulationReport logReport;
                Map<Emulation, String> destinations = new LinkedHashMap<>();
                destinations.put(tx, "kafka " + kafka.get("bootstrap.servers"));
                destinations.put(logs, "s3 " + s3.get("endpoint"));
                try (Progress progress = new Progress(writer, Progress.isTerminal(), destinations)) {
                    Duration wait = duration.plus(Duration.ofMinutes(2));
                    txReport = tx.awaitCompletion(wait);
                    logReport = logs.awaitCompletion(wait);
                }

                writer.println();
                writer.println("A few transactions read back from Kafka:");
                ReadBack.kafka(kafka.get("bootstrap.servers"), transactions.targetResource(), 3)
                        .forEach(line -> writer.println("  " + line));
                writer.println("The start of the first device-log object in S3:");
                ReadBack.s3(s3, deviceLogs.targetResource(), 4).forEach(line -> writer.println("  " + line));

                writer.println();
                Summary.print(writer, transactions, txReport, "kafka " + kafka.get("bootstrap.servers") + " topic '"
                        + transactions.targetResource() + "'");
                Summary.print(writer, deviceLogs, logReport, "s3 " + s3.get("endpoint") + " bucket '"
                        + deviceLogs.targetResource() + "'");
                boolean ok = txReport.status() == EmulationStatus.COMPLETED
                        && logReport.status() == EmulationStatus.COMPLETED
                        && txReport.stats().failed() == 0 && logReport.stats().failed() == 0;
                return ok ? 0 : EmulatorCli.FAILED;
            }
        }
    }
}
