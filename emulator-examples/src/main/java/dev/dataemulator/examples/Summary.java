package dev.dataemulator.examples;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.StopReason;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a final report in a few aligned lines, with a note for what a user would otherwise miss. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, EmulationSpec spec, EmulationReport report, String destination) {
        EmulationStats stats = report.stats();
        out.printf(Locale.ROOT, "%s -> %s%n", report.domain(), destination);
        out.printf(Locale.ROOT, "  status     %s%s%n", report.status(),
                report.stopped().map(reason -> " (" + reason.describe() + ")").orElse(""));
        out.printf(Locale.ROOT, "  records    %,d in %.1f s (%,.0f records/s, %,.1f MiB)%n", stats.generated(),
                stats.elapsed().toMillis() / 1000.0, stats.ratePerSecond(), stats.bytes() / 1048576.0);
        out.printf(Locale.ROOT, "  delivered  %,d%n", stats.delivered());
        out.printf(Locale.ROOT, "  failed     %,d%n", stats.failed());
        out.printf(Locale.ROOT, "  seed       %d (emulation %s)%n", report.seed(), report.id());
        report.failure().ifPresent(cause -> out.printf(Locale.ROOT, "  cause      %s%n", cause));
        if (!report.domainReports().isEmpty()) {
            // a run of several domains: a line per domain
            for (EmulationReport domain : report.domainReports()) {
                out.printf(Locale.ROOT, "  domain     %s -> '%s': %s%s, %,d records, %,d delivered, %,d failed%n",
                        domain.domain(), domain.resource(), domain.status(),
                        domain.stopped().map(reason -> " (" + reason.describe() + ")").orElse(""),
                        domain.stats().generated(), domain.stats().delivered(), domain.stats().failed());
            }
        }
        for (EmulationReport domain : report.perDomain()) {
            if (spec.resource().isEmpty() && !spec.registry().hasOwnResource(domain.domain())) {
                out.printf(Locale.ROOT, "  note       domain '%s' has no resource of its own; writing to '%s'%n",
                        domain.domain(), domain.resource());
            }
        }
        spec.referenceWarning().ifPresent(warning -> out.printf(Locale.ROOT, "  warning    %s%n", warning));
        if (report.stopped().orElse(null) == StopReason.DURATION && stats.generated() == 0) {
            out.printf(Locale.ROOT, "  warning    the duration (%s) ended the run before any record was made%n",
                    spec.duration().map(d -> d.toMillis() + " ms").orElse("?"));
        }
        out.flush();
    }
}
