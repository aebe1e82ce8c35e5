package dev.dataemulator.factories.internal;

import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.EventTimeOptions;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.support.SinkConfig;
import dev.dataemulator.factories.FactoryOptions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The parsed domain options of one domain, read with core's {@link SinkConfig}; every bad option is reported at once. */
public final class Options {
    /** Options every bundled domain reads. */
    public static final Set<String> COMMON =
            Set.of(FactoryOptions.USER_ID_MIN, FactoryOptions.USER_ID_MAX, FactoryOptions.LOCALE);

    private final long userIdMin;
    private final long userIdMax;
    private final Locale locale;
    private final boolean labels;
    private final boolean lifecycle;
    private final boolean profileLifecycle;
    private final Instant[] signups;

    private Options(long userIdMin, long userIdMax, Locale locale, boolean labels, boolean lifecycle,
            boolean profileLifecycle, Instant[] signups) {
        this.userIdMin = userIdMin;
        this.userIdMax = userIdMax;
        this.locale = locale;
        this.labels = labels;
        this.lifecycle = lifecycle;
        this.profileLifecycle = profileLifecycle;
        this.signups = signups;
    }

    /**
     * @param domain the domain name, for messages
     * @param raw the options as given
     * @param known the keys the domain reads
     * @return the parsed options
     * @throws InvalidSettingException listing every unknown key and bad value
     */
    public static Options parse(String domain, Map<String, String> raw, Set<String> known) {
        SinkConfig settings = new SinkConfig(domain, raw, List.of());
        for (Map.Entry<String, String> e : new TreeMap<>(raw).entrySet()) {
            if (!known.contains(e.getKey())) {
                settings.violation(e.getKey(), e.getValue(),
                        "unknown option of domain '" + domain + "'; known options: " + new TreeSet<>(known));
            }
        }
        long min = settings.longValue(FactoryOptions.USER_ID_MIN, FactoryOptions.DEFAULT_USER_ID_MIN);
        long max = settings.longValue(FactoryOptions.USER_ID_MAX, FactoryOptions.DEFAULT_USER_ID_MAX);
        if (min < 0) {
            settings.violation(FactoryOptions.USER_ID_MIN, raw.get(FactoryOptions.USER_ID_MIN),
                    "must not be negative");
        } else if (max < min) {
            settings.violation(FactoryOptions.USER_ID_MAX, String.valueOf(max),
                    "must be at least user_id_min (" + min + ")");
        } else if (max - min >= (1L << 62)) {
            settings.violation(FactoryOptions.USER_ID_MAX, String.valueOf(max),
                    "the user space may hold at most 2^62 ids");
        }
        Locale locale = parseLocale(settings);
        boolean labels = settings.bool(FactoryOptions.LABELS, true);
        boolean lifecycle = settings.bool(FactoryOptions.LIFECYCLE, false);
        String format = settings.optional(FactoryOptions.CHANGE_FORMAT);
        if (format != null && !lifecycle) {
            settings.violation(FactoryOptions.CHANGE_FORMAT, format, "needs lifecycle=true (without a lifecycle the "
                    + "records are not changes)");
        } else if (format != null && !format.equals("row") && !format.equals("debezium")) {
            settings.violation(FactoryOptions.CHANGE_FORMAT, format, "row or debezium");
        }
        boolean profileLifecycle = settings.bool(FactoryOptions.PROFILE_LIFECYCLE, false);
        Instant[] signups = signups(settings, lifecycle || profileLifecycle);
        settings.validate();
        return new Options(min, max, locale, labels, lifecycle, profileLifecycle, signups);
    }

    /** @return {@link FactoryOptions#SIGNUP_BETWEEN} as {from, to}, or null when not given (or bad) */
    private static Instant[] signups(SinkConfig settings, boolean lifecycle) {
        String value = settings.optional(FactoryOptions.SIGNUP_BETWEEN);
        if (value == null) {
            return null;
        }
        if (!lifecycle) {
            settings.violation(FactoryOptions.SIGNUP_BETWEEN, value, "needs lifecycle=true (user-profile) or "
                    + "profile_lifecycle=true (transaction): only profiles with a lifecycle have a signup time");
            return null;
        }
        try {
            EventTime window = EventTimeOptions.backfill(FactoryOptions.SIGNUP_BETWEEN, value);
            if (window.to().isPresent()) {
                return new Instant[] {window.from().orElseThrow(), window.to().get()};
            }
        } catch (InvalidSettingException e) {
            // reported below, in the words of this option
        }
        settings.violation(FactoryOptions.SIGNUP_BETWEEN, value, "expected FROM..TO, two ISO-8601 instants with FROM "
                + "before TO, e.g. 2024-01-01T00:00:00Z..2026-01-01T00:00:00Z");
        return null;
    }

    private static Locale parseLocale(SinkConfig settings) {
        String value = settings.optional(FactoryOptions.LOCALE);
        if (value == null) {
            return Locale.forLanguageTag(FactoryOptions.DEFAULT_LOCALE);
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value).build();
            if (!locale.getLanguage().isEmpty()) {
                return locale;
            }
        } catch (java.util.IllformedLocaleException e) {
            // reported below
        }
        settings.violation(FactoryOptions.LOCALE, value, "must be a BCP 47 language tag such as 'en-US' or 'de-DE'");
        return Locale.US;
    }

    /** @return the smallest user id */
    public long userIdMin() {
        return userIdMin;
    }

    /** @return the largest user id */
    public long userIdMax() {
        return userIdMax;
    }

    /** @return the Datafaker locale */
    public Locale locale() {
        return locale;
    }

    /** @return whether transactions carry fraud labels */
    public boolean labels() {
        return labels;
    }

    /** @return whether user profiles have a lifecycle */
    public boolean lifecycle() {
        return lifecycle;
    }

    /** @return whether transactions' account takeovers follow the user-profile lifecycle */
    public boolean profileLifecycle() {
        return profileLifecycle;
    }

    /** @return {@link FactoryOptions#SIGNUP_BETWEEN} as {from, to}, or null for the default */
    public Instant[] signups() {
        return signups == null ? null : signups.clone();
    }

    /** @return the home country most users have: the locale's region, or {@code US} */
    public String homeCountry() {
        String country = locale.getCountry();
        return country.length() == 2 ? country : "US";
    }
}
