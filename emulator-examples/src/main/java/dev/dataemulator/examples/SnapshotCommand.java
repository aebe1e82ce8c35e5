package dev.dataemulator.examples;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EventTimeOptions;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.declarative.Snapshots;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code emulator snapshot}: the table a lifecycle domain's change stream leaves at an instant, written like a run.
 * Takes every option of {@code run} (domain, seed, event time, sink and format) plus {@code --at}.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Writes the table a lifecycle domain's changes leave at an instant: every entity alive then, "
                + "with its latest version's fields and __version (Snapshots.at), to any sink and format. Takes the "
                + "options of run plus --at. Exit code 0 when it completes, 1 when it fails, 2 on bad input.")
final class SnapshotCommand extends RunCommand {
    @Option(names = "--at", paramLabel = "INSTANT",
            description = "The instant (ISO-8601), inclusive: the changes made at or before it are in the table. "
                    + "Default: the end of --backfill (its last millisecond, the last a backfill's changes reach).")
    String at;

    @Override
    DomainRegistry domains(DomainRegistry fileDomains) {
        DomainRegistry registry = fileDomains != null ? fileDomains : DomainRegistry.discover();
        return DomainRegistry.builder().register(Snapshots.at(registry.provider(domain), instant())).build();
    }

    /** A snapshot ends when every alive entity is written, not after a default duration. */
    @Override
    boolean endsByItself(boolean backfillEnds) {
        return true;
    }

    private Instant instant() {
        Instant end = backfill == null || backfill.endsWith("..") ? null
                : EventTimeOptions.backfill("--backfill", backfill).to().orElse(null);
        if (at == null) {
            if (end == null) {
                throw new InvalidSettingException("--at", null, "is required without --backfill FROM..TO (the default "
                        + "is the backfill's end)");
            }
            return end.minusMillis(1);
        }
        Instant instant;
        try {
            instant = Instant.parse(at.trim());
        } catch (RuntimeException e) {
            throw new InvalidSettingException("--at", at, "expected an ISO-8601 instant, e.g. 2026-03-01T00:00:00Z");
        }
        if (end != null && !instant.isBefore(end)) {
            throw new InvalidSettingException("--at", at, "must be before the end of --backfill (" + end + "): the "
                    + "snapshot's records carry the instant as their event time");
        }
        return instant;
    }
}
