package dev.dataemulator.factories.internal;

import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Shared state of the user-profile domain for one emulation: universe and Datafaker pools. Profile {@code seq} is
 * the user at position {@code seq} of the seed's permutation of the user space, so the domain holds exactly one
 * profile per user id and is exhausted after {@link #capacity()} records. Thread-safe.
 */
public final class UserProfileGenerator implements DomainGenerator {
    /** Share of profiles (in sanctioned countries) whose risk is raised to high. */
    public static final double SANCTIONED_HIGH_P = 0.5;
    /** Share of profiles whose risk is high whatever their score. */
    public static final double RANDOM_HIGH_P = 0.01;
    /** Signed up fewer days ago than this → one risk level up. */
    public static final int NEW_ACCOUNT_DAYS = 30;

    private static final int NAME_POOL = 400;
    private static final int ADDRESS_POOL = 1000;
    private static final int PHONE_POOL = 200;
    private static final String[] LEVELS = {"low", "medium", "high"};
    private static final double SQRT3 = Math.sqrt(3.0);
    /** The fields of a profile, as {@link dev.dataemulator.factories.UserProfileProvider} lists them. */
    public static final RecordSchema SCHEMA = RecordSchema.builder("user-profile")
            .required("user_id", FieldType.LONG, "one profile per user of the shared user space")
            .required("name", FieldType.STRING)
            .required("email", FieldType.STRING)
            .required("phone", FieldType.STRING)
            .required("date_of_birth", FieldType.DATE, "18 to 90 years before today")
            .required("address", FieldType.STRING)
            .required("country", FieldType.STRING, "ISO 3166 alpha-2 country code")
            .required("signup_date", FieldType.DATE, "0 to 730 days before today")
            .required("credit_score", FieldType.decimal(5, 2), "300.00..850.00")
            .required("risk_level", FieldType.STRING, "low, medium or high")
            .build();

    private final Universe universe;
    private final Clock clock;
    private final String[] firstNames;
    private final String[] firstTokens;
    private final String[] lastNames;
    private final String[] lastTokens;
    private final String[] addresses;
    private final String[] phones;
    private final String[] emailDomains;

    /**
     * @param universe the seed's universe
     * @param clock the emulation clock
     */
    public UserProfileGenerator(Universe universe, Clock clock) {
        this.universe = universe;
        this.clock = clock;
        long seed = universe.seed();
        var locale = universe.options().locale();
        this.firstNames = Pools.firstNames(seed, locale, NAME_POOL);
        this.lastNames = Pools.lastNames(seed, locale, NAME_POOL);
        this.firstTokens = tokens(firstNames);
        this.lastTokens = tokens(lastNames);
        this.addresses = Pools.addresses(seed, locale, ADDRESS_POOL);
        this.phones = Pools.phones(seed, locale, PHONE_POOL);
        this.emailDomains = Pools.emailDomains(seed, locale);
    }

    private static String[] tokens(String[] names) {
        String[] tokens = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String token = Text.emailToken(names[i]);
            tokens[i] = token.isEmpty() ? "user" : token;
        }
        return tokens;
    }

    /** @return the universe */
    public Universe universe() {
        return universe;
    }

    @Override
    public Optional<RecordSchema> schema() {
        return Optional.of(SCHEMA);
    }

    @Override
    public long capacity() {
        return universe.users().size();
    }

    @Override
    public RecordFactory newFactory() {
        return new Factory();
    }

    /** Per-worker factory. */
    private final class Factory implements RecordFactory {
        private final BirthDays birthDays = new BirthDays();

        @Override
        public RecordData create(long seq, SplittableRandom r) {
            if (seq < 0 || seq >= universe.users().size()) {
                return null;
            }
            long userId = universe.users().idAt(seq);
            int first = r.nextInt(firstNames.length);
            int last = r.nextInt(lastNames.length);
            String email = email(first, last, r);
            String phone = phone(r);

            long today = Math.floorDiv(clock.millis(), 86_400_000L);
            int birthDay = birthDays.draw(today, r);
            String address = address(r);
            String country = universe.homeCountry(userId);
            int signupDaysAgo = r.nextInt(731);
            long scoreCents = scoreCents(r);
            return new UserProfile(userId, name(first, last), email, phone, birthDay, address, country,
                    (int) (today - signupDaysAgo), scoreCents, risk(scoreCents, country, signupDaysAgo, r), null, 0);
        }
    }

    /** Draws dates of birth; caches the bounds of the last day asked (a pure function of the day). Not thread-safe. */
    static final class BirthDays {
        private long cachedToday = Long.MIN_VALUE;
        private long oldest;
        private long youngest;

        /** @return an epoch day of birth for an age of 18..90 on epoch day {@code today} */
        int draw(long today, SplittableRandom r) {
            if (today != cachedToday) {
                LocalDate date = LocalDate.ofEpochDay(today);
                youngest = date.minusYears(18).toEpochDay();
                oldest = date.minusYears(91).plusDays(1).toEpochDay();
                cachedToday = today;
            }
            return (int) (oldest + r.nextInt((int) (youngest - oldest + 1)));
        }
    }

    /** @return the name of first name {@code first} and last name {@code last} of the pools */
    String name(int first, int last) {
        return firstNames[first] + ' ' + lastNames[last];
    }

    /** @return a first-name index of the pool */
    int firstName(SplittableRandom r) {
        return r.nextInt(firstNames.length);
    }

    /** @return a last-name index of the pool */
    int lastName(SplittableRandom r) {
        return r.nextInt(lastNames.length);
    }

    /** @return an e-mail address built from the name's first and last names at a Datafaker e-mail domain */
    String email(int firstName, int lastName, SplittableRandom r) {
        String first = firstTokens[firstName];
        String last = lastTokens[lastName];
        StringBuilder b = new StringBuilder(first.length() + last.length() + 24);
        switch (r.nextInt(5)) {
            case 0 -> b.append(first).append('.').append(last);
            case 1 -> b.append(first).append(last).append(10 + r.nextInt(90));
            case 2 -> b.append(first.charAt(0)).append('.').append(last);
            case 3 -> b.append(first).append('_').append(last);
            default -> b.append(last).append('.').append(first).append(r.nextInt(10));
        }
        return b.append('@').append(emailDomains[r.nextInt(emailDomains.length)]).toString();
    }

    /** @return a cell phone number of the locale */
    String phone(SplittableRandom r) {
        return phone(phones[r.nextInt(phones.length)], r.nextInt(10_000));
    }

    /** @return a one-line postal address of the locale */
    String address(SplittableRandom r) {
        return addresses[r.nextInt(addresses.length)];
    }

    /** @return a credit score in hundredths, 300.00..850.00, roughly normal around 690 */
    static long scoreCents(SplittableRandom r) {
        double normal = (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * SQRT3;
        double raw = Math.min(850.0, Math.max(300.0, 690.0 + 80.0 * normal));
        return Math.round(raw * 100);
    }

    /** @return the risk level of a score (hundredths), as {@link dev.dataemulator.factories.UserProfileProvider} says */
    static String risk(long scoreCents, String country, int signupDaysAgo, SplittableRandom r) {
        double score = scoreCents / 100.0;
        int level = score >= 700 ? 0 : score >= 500 ? 1 : 2;
        if (sanctioned(country) && r.nextDouble() < SANCTIONED_HIGH_P) {
            level = 2;
        }
        if (signupDaysAgo < NEW_ACCOUNT_DAYS) {
            level = Math.min(2, level + 1);
        }
        if (r.nextDouble() < RANDOM_HIGH_P) {
            level = 2;
        }
        return LEVELS[level];
    }

    /** @return whether profiles in {@code country} have their risk raised (NG, IR, SY, KP) */
    public static boolean sanctioned(String country) {
        return switch (country) {
            case "NG", "IR", "SY", "KP" -> true;
            default -> false;
        };
    }

    /** @return {@code format} with its last four digits replaced by those of {@code digits} (0..9999) */
    static String phone(String format, int digits) {
        char[] c = format.toCharArray();
        for (int i = c.length - 1, replaced = 0; i >= 0 && replaced < 4; i--) {
            if (c[i] >= '0' && c[i] <= '9') {
                c[i] = (char) ('0' + digits % 10);
                digits /= 10;
                replaced++;
            }
        }
        return new String(c);
    }

    /** One user profile; immutable. */
    static final class UserProfile implements RecordData {
        private final long userId;
        private final String name;
        private final String email;
        private final String phone;
        private final int dateOfBirth;
        private final String address;
        private final String country;
        private final int signupDate;
        private final long creditScore;
        private final String riskLevel;
        private final String status;
        private final long updatedAt;

        /**
         * Dates in epoch days, the credit score in hundredths; {@code status} and {@code updatedAt} (epoch micros)
         * only with a lifecycle (null and ignored without).
         */
        UserProfile(long userId, String name, String email, String phone, int dateOfBirth, String address,
                String country, int signupDate, long creditScore, String riskLevel, String status, long updatedAt) {
            this.userId = userId;
            this.name = name;
            this.email = email;
            this.phone = phone;
            this.dateOfBirth = dateOfBirth;
            this.address = address;
            this.country = country;
            this.signupDate = signupDate;
            this.creditScore = creditScore;
            this.riskLevel = riskLevel;
            this.status = status;
            this.updatedAt = updatedAt;
        }

        @Override
        public String key() {
            return Long.toString(userId);
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.integer("user_id", userId);
            out.string("name", name);
            out.string("email", email);
            out.string("phone", phone);
            out.date("date_of_birth", dateOfBirth);
            out.string("address", address);
            out.string("country", country);
            out.date("signup_date", signupDate);
            out.decimal("credit_score", creditScore, 2);
            out.string("risk_level", riskLevel);
            if (status != null) {
                out.string("status", status);
                out.timestamp("updated_at", updatedAt);
            }
        }
    }
}
