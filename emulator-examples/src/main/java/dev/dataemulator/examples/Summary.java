package dev.dataemulator.examples;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationStats;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a final report in a few aligned lines. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, EmulationReport report, String destination) {
        EmulationStats stats = report.stats();
        out.printf(Locale.ROOT, "%s -> %s%n", report.domain(), destination);
        out.printf(Locale.ROOT, "  status     %s%n", report.status());
        out.printf(Locale.ROOT, "  records    %,d in %.1f s (%,.0f records/s, %,.1f MiB)%n", stats.generated(),
                stats.elapsed().toMillis() / 1000.0, stats.ratePerSecond(), stats.bytes() / 1048576.0);
        out.printf(Locale.ROOT, "  delivered  %,d%n", stats.delivered());
        out.printf(Locale.ROOT, "  failed     %,d%n", stats.failed());
        out.printf(Locale.ROOT, "  seed       %d (emulation %s)%n", report.seed(), report.id());
        report.failure().ifPresent(cause -> out.printf(Locale.ROOT, "  cause      %s%n", cause));
        out.flush();
    }
}
