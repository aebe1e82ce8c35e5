package dev.dataemulator.examples;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulationStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A one-line progress display: rewritten in place every second on a terminal, a plain line every five seconds
 * otherwise (logs, CI), where a line is only printed when it changed. While an emulation sets its resource up it
 * reads "connecting to ...", not "0 records".
 */
final class Progress implements AutoCloseable {
    private final PrintWriter out;
    private final boolean terminal;
    private final Map<Emulation, String> emulations;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "emulator-progress");
        thread.setDaemon(true);
        return thread;
    });
    private int width;
    private String last = "";

    /**
     * @param emulations each emulation with where it writes, e.g. {@code kafka localhost:9092}, in display order
     */
    Progress(PrintWriter out, boolean terminal, Map<Emulation, String> emulations) {
        this.out = out;
        this.terminal = terminal;
        this.emulations = new LinkedHashMap<>(emulations);
        long period = terminal ? 1 : 5;
        timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.SECONDS);
    }

    static boolean isTerminal() {
        return System.console() != null;
    }

    private synchronized void print() {
        String line = emulations.entrySet().stream().map(e -> describe(e.getKey(), e.getValue()))
                .collect(Collectors.joining(" | "));
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
            width = line.length();
            out.print("\r" + padded);
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String describe(Emulation emulation, String where) {
        if (emulation.status() == EmulationStatus.SCHEDULED) {
            return emulation.spec().domain() + " connecting to " + where + " ...";
        }
        EmulationStats stats = emulation.stats();
        return String.format(Locale.ROOT, "%s %s: %,d records (%,.0f/s) delivered %,d failed %,d",
                emulation.spec().domain(), emulation.status().name().toLowerCase(Locale.ROOT), stats.generated(),
                stats.ratePerSecond(), stats.delivered(), stats.failed());
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (terminal && width > 0) {
            out.println();
        }
    }
}
