package dev.dataemulator.factories.internal;

import static dev.dataemulator.factories.internal.TransactionRules.*;

import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.declarative.EntityLifecycle;
import java.time.Clock;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/** Shared state of the transaction domain for one emulation: universe and merchant pool. Thread-safe. */
public final class TransactionGenerator implements DomainGenerator {
    private static final int MERCHANT_POOL = 500;
    private static final LogUniform SMALL_CENTS = new LogUniform(200, 9_999);

    private final Universe universe;
    private final Clock clock;
    private final boolean labels;
    private final String[] merchants;
    private final String[] highRisk = HIGH_RISK_MERCHANTS.toArray(String[]::new);
    private final String[] anomalyCountries = ANOMALY_COUNTRIES.toArray(String[]::new);
    private final boolean probes;
    private final RecordSchema schema;
    /** The user profiles' lifecycle takeovers follow, or null. */
    private final EntityLifecycle.History profiles;

    /**
     * @param universe the seed's universe
     * @param clock the emulation clock
     */
    public TransactionGenerator(Universe universe, Clock clock) {
        this(universe, clock, null);
    }

    /**
     * @param universe the seed's universe
     * @param clock the emulation clock
     * @param profiles the user profiles' lifecycle an account takeover follows (a contact change before it), or
     *     null for takeovers at any time
     */
    public TransactionGenerator(Universe universe, Clock clock, EntityLifecycle.History profiles) {
        this.profiles = profiles;
        this.universe = universe;
        this.clock = clock;
        this.labels = universe.options().labels();
        this.merchants = Pools.merchants(universe.seed(), universe.options().locale(), MERCHANT_POOL,
                new HashSet<>(HIGH_RISK_MERCHANTS));
        this.probes = universe.users().multiplesOf(1000) > 0;
        this.schema = schema(labels);
    }

    /**
     * @param labels whether records carry {@code is_fraud} and {@code fraud_scenario}
     * @return the fields of a transaction, as {@link dev.dataemulator.factories.TransactionProvider} lists them
     */
    public static RecordSchema schema(boolean labels) {
        RecordSchema.Builder builder = RecordSchema.builder("transaction")
                .required("transaction_id", FieldType.UUID, "random version 4 UUID")
                .required("user_id", FieldType.LONG, "a user of the shared user space")
                .required("amount", FieldType.decimal(12, 2), "0.01..10000.00")
                .required("currency", FieldType.STRING, "ISO 4217 code")
                .required("merchant", FieldType.STRING)
                .required("timestamp", FieldType.TIMESTAMP, "when the transaction happened, whole seconds")
                .required("location", FieldType.STRING, "ISO 3166 alpha-2 country code");
        if (labels) {
            builder.required("is_fraud", FieldType.INT, "observed, noisy fraud label: 0 or 1")
                    .optional("fraud_scenario", FieldType.STRING, "ground-truth scenario, null when legitimate");
        }
        return builder.build();
    }

    @Override
    public Optional<RecordSchema> schema() {
        return Optional.of(schema);
    }

    /** @return the universe */
    public Universe universe() {
        return universe;
    }

    @Override
    public RecordFactory newFactory() {
        return this::create;
    }

    private RecordData create(long seq, SplittableRandom r) {
        UserSpace users = universe.users();
        String id = Text.uuid(r.nextLong(), r.nextLong());
        long userId;
        String merchant;
        long cents;
        boolean highRiskMerchant = false;
        if (probes && r.nextDouble() < CARD_PROBE_SHARE) {
            userId = users.randomMultipleOf(1000, r);
            merchant = merchants[r.nextInt(merchants.length)];
            cents = 1 + r.nextInt(199);
        } else {
            userId = users.randomId(r);
            if (r.nextDouble() < HIGH_RISK_MERCHANT_SHARE) {
                highRiskMerchant = true;
                merchant = highRisk[r.nextInt(highRisk.length)];
                cents = r.nextBoolean() ? 50_001 + r.nextInt(250_000) : 300_001 + r.nextInt(500_000);
            } else {
                merchant = merchants[r.nextInt(merchants.length)];
                cents = regularCents(r);
            }
        }
        String location = r.nextDouble() < HOME_LOCATION_SHARE
                ? universe.homeCountry(userId) : universe.randomCountry(r);
        // uniform over the 55 minutes up to the emulation's "now", never in the future
        long timestamp = Math.floorDiv(clock.millis(), 1000L) - r.nextInt(3301);

        String scenario = null;
        if (cents > 50_000 && users.compromised(userId) && r.nextDouble() < TAKEOVER_P
                && afterContactChange(userId, timestamp * 1000)) {
            scenario = ACCOUNT_TAKEOVER;
            cents = 50_000 + r.nextInt(450_001);
            merchant = highRisk[r.nextInt(highRisk.length)];
        } else if (cents < 200 && userId % 1000 == 0 && r.nextDouble() < CARD_TESTING_P) {
            scenario = CARD_TESTING;
            cents = 1 + r.nextInt(200);
            location = "US";
        } else if (highRiskMerchant && cents > 300_000 && r.nextDouble() < COLLUSION_P) {
            scenario = MERCHANT_COLLUSION;
            cents = 30_000 + r.nextInt(120_001);
        } else if (userId % 500 == 0 && r.nextDouble() < GEO_P) {
            scenario = GEOGRAPHIC_ANOMALY;
            location = anomalyCountries[r.nextInt(anomalyCountries.length)];
        } else if (r.nextDouble() < BASELINE_P) {
            scenario = BASELINE;
            cents = 10_000 + r.nextInt(190_001);
        }
        boolean fraud = scenario != null && r.nextDouble() < LABEL_KEPT_P;
        return new Transaction(id, userId, cents, currencyOf(location), merchant, timestamp, location, fraud,
                scenario, labels);
    }

    /**
     * @return whether a takeover of {@code userId} may happen at {@code millis}: always without the profiles'
     *     lifecycle; with it, when the profile's last change by then is an e-mail or phone change at most
     *     {@link TransactionRules#TAKEOVER_AFTER_CONTACT_CHANGE} earlier
     */
    private boolean afterContactChange(long userId, long millis) {
        if (profiles == null) {
            return true;
        }
        EntityLifecycle.Latest latest = profiles.latest(universe.users().seqOf(userId), millis);
        return latest != null && UserProfileLifecycle.CONTACT_CHANGES.contains(latest.state())
                && millis - latest.time() <= TAKEOVER_AFTER_CONTACT_CHANGE.toMillis();
    }

    /**
     * ISO 4217 currency codes by ISO 3166 country code, for every country the JDK knows a currency of, indexed by the
     * code's two letters ({@code (first - 'A') * 26 + (second - 'A')}): this runs for every transaction, and an
     * array read costs a fraction of a map lookup.
     */
    private static final String[] CURRENCIES = currencies();

    private static String[] currencies() {
        String[] table = new String[26 * 26];
        for (String country : Locale.getISOCountries()) {
            try {
                Currency currency = Currency.getInstance(new Locale("", country));
                int index = countryIndex(country);
                if (currency != null && index >= 0) {
                    table[index] = currency.getCurrencyCode();
                }
            } catch (IllegalArgumentException noCurrency) {
                // a territory without a currency of its own: USD below
            }
        }
        return table;
    }

    /** @return the table index of a two-letter upper-case code, or -1 for anything else */
    private static int countryIndex(String country) {
        if (country.length() != 2) {
            return -1;
        }
        int first = country.charAt(0) - 'A';
        int second = country.charAt(1) - 'A';
        return first >= 0 && first < 26 && second >= 0 && second < 26 ? first * 26 + second : -1;
    }

    /** @return the currency of the country the transaction happens in; USD where the country has none */
    static String currencyOf(String country) {
        int index = countryIndex(country);
        String currency = index < 0 ? null : CURRENCIES[index];
        return currency != null ? currency : "USD";
    }

    private static long regularCents(SplittableRandom r) {
        double band = r.nextDouble();
        if (band < MICRO_SHARE) {
            return 1 + r.nextInt(199);
        }
        if (band < SMALL_CUMULATIVE) {
            return SMALL_CENTS.next(r);
        }
        if (band < MEDIUM_CUMULATIVE) {
            return 10_000 + r.nextInt(40_001);
        }
        if (band < LARGE_CUMULATIVE) {
            return 50_001 + r.nextInt(250_000);
        }
        return 300_001 + r.nextInt(700_000);
    }

    /** One transaction; immutable. */
    static final class Transaction implements RecordData {
        private final String id;
        private final long userId;
        private final long cents;
        private final String currency;
        private final String merchant;
        private final long timestamp;
        private final String location;
        private final boolean fraud;
        private final String scenario;
        private final boolean labels;

        /** @param timestamp epoch seconds */
        Transaction(String id, long userId, long cents, String currency, String merchant, long timestamp,
                String location, boolean fraud, String scenario, boolean labels) {
            this.id = id;
            this.userId = userId;
            this.cents = cents;
            this.currency = currency;
            this.merchant = merchant;
            this.timestamp = timestamp;
            this.location = location;
            this.fraud = fraud;
            this.scenario = scenario;
            this.labels = labels;
        }

        @Override
        public String key() {
            return id;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("transaction_id", id);
            out.integer("user_id", userId);
            out.decimal("amount", cents, 2);
            out.string("currency", currency);
            out.string("merchant", merchant);
            out.timestamp("timestamp", timestamp * 1_000_000L);
            out.string("location", location);
            if (labels) {
                out.integer("is_fraud", fraud ? 1 : 0);
                out.string("fraud_scenario", scenario);
            }
        }
    }
}
