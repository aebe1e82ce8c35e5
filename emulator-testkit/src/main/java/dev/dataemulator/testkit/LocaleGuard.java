package dev.dataemulator.testkit;

import java.util.Locale;

/**
 * Kafka's broker upper-cases some settings with the JVM's default locale (e.g. {@code group.coordinator
 * .rebalance.protocols} becomes {@code CLASSİC} under a Turkish locale and the broker refuses to start). Where the
 * default locale maps {@code i} and {@code I} to other letters, the broker is built and started under
 * {@link Locale#ROOT}, and the previous defaults (all categories) are restored afterwards. Under any other locale this
 * does nothing, so other threads never see a changed default.
 *
 * <p>{@link EmbeddedKafka} uses it; a test that starts a broker of its own (e.g. Kafka's test kit with SASL) wraps the
 * start the same way: {@code try (LocaleGuard guard = LocaleGuard.forBroker()) { cluster.startup(); }}.
 */
public final class LocaleGuard implements AutoCloseable {
    private final Locale base;
    private final Locale format;
    private final Locale display;

    private LocaleGuard(Locale base, Locale format, Locale display) {
        this.base = base;
        this.format = format;
        this.display = display;
    }

    /** @return a guard to close once the broker has started */
    public static synchronized LocaleGuard forBroker() {
        Locale base = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        if (!breaksCaseMapping(base) && !breaksCaseMapping(format) && !breaksCaseMapping(display)) {
            return new LocaleGuard(null, null, null);
        }
        Locale.setDefault(Locale.ROOT);
        return new LocaleGuard(base, format, display);
    }

    @Override
    public void close() {
        if (base == null) {
            return;
        }
        synchronized (LocaleGuard.class) {
            Locale.setDefault(base);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    private static boolean breaksCaseMapping(Locale locale) {
        return !"i".toUpperCase(locale).equals("I") || !"I".toLowerCase(locale).equals("i");
    }
}
