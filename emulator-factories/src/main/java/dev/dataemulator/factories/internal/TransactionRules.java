package dev.dataemulator.factories.internal;

import java.util.List;

/**
 * The numbers behind the transaction domain: base traffic and fraud rules. Amounts are integer cents, so that the
 * rules' thresholds compare exactly and every amount has two decimals.
 */
public final class TransactionRules {
    /** Merchants whose transactions the collusion and takeover scenarios use. */
    public static final List<String> HIGH_RISK_MERCHANTS = List.of("QuickCash", "PaydayLoan", "LoanShark");

    /** Share of base transactions that are small card checks against accounts with {@code user_id % 1000 == 0}. */
    public static final double CARD_PROBE_SHARE = 0.005;
    /** Share of the other base transactions paid to a high-risk merchant. */
    public static final double HIGH_RISK_MERCHANT_SHARE = 0.02;

    /** Regular amount bands: upper bounds of the cumulative shares of micro, small, medium and large amounts. */
    public static final double MICRO_SHARE = 0.03;
    /** Cumulative share up to the small band (2.00..99.99, log-uniform). */
    public static final double SMALL_CUMULATIVE = 0.65;
    /** Cumulative share up to the medium band (100.00..500.00). */
    public static final double MEDIUM_CUMULATIVE = 0.90;
    /** Cumulative share up to the large band (500.01..3000.00); the rest is 3000.01..10000.00. */
    public static final double LARGE_CUMULATIVE = 0.98;

    /** Account takeover: compromised user and amount above 500 → fires with this probability. */
    public static final double TAKEOVER_P = 0.30;
    /** With the profiles' lifecycle: a takeover happens at most this long after an e-mail or phone change. */
    public static final java.time.Duration TAKEOVER_AFTER_CONTACT_CHANGE = java.time.Duration.ofDays(14);
    /** Card testing: amount below 2 and {@code user_id % 1000 == 0} → fires with this probability. */
    public static final double CARD_TESTING_P = 0.25;
    /** Merchant collusion: high-risk merchant and amount above 3000 → fires with this probability. */
    public static final double COLLUSION_P = 0.15;
    /** Geographic anomaly: {@code user_id % 500 == 0} → fires with this probability. */
    public static final double GEO_P = 0.10;
    /** Baseline fraud: any transaction no other rule marked → fires with this probability. */
    public static final double BASELINE_P = 0.002;
    /** Probability that a fraud transaction keeps its {@code is_fraud = 1} label. */
    public static final double LABEL_KEPT_P = 0.985;

    /** Locations a geographic anomaly moves a transaction to. */
    public static final List<String> ANOMALY_COUNTRIES = List.of("CN", "GB", "RU");
    /** Share of base transactions made in the user's home country; the others are abroad. */
    public static final double HOME_LOCATION_SHARE = 0.95;

    /** Scenario names, the values of {@code fraud_scenario}. */
    public static final String ACCOUNT_TAKEOVER = "account_takeover";
    /** Scenario name of card testing. */
    public static final String CARD_TESTING = "card_testing";
    /** Scenario name of merchant collusion. */
    public static final String MERCHANT_COLLUSION = "merchant_collusion";
    /** Scenario name of a geographic anomaly. */
    public static final String GEOGRAPHIC_ANOMALY = "geographic_anomaly";
    /** Scenario name of baseline fraud. */
    public static final String BASELINE = "baseline";

    private TransactionRules() {
    }
}
