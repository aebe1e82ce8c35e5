package dev.dataemulator.factories;

import static dev.dataemulator.factories.internal.TransactionRules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.factories.internal.TransactionGenerator;
import dev.dataemulator.factories.internal.UserSpace;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TransactionProviderTest {
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Set<String> SCENARIOS =
            Set.of(ACCOUNT_TAKEOVER, CARD_TESTING, MERCHANT_COLLUSION, GEOGRAPHIC_ANOMALY, BASELINE);

    private final TransactionProvider provider = new TransactionProvider();

    @Test
    void namesTheDomainAndItsDefaultTopic() {
        assertThat(provider.name()).isEqualTo("transaction");
        assertThat(provider.defaultResource()).contains("transactions");
    }

    @Test
    void writesTheSeedsFieldsInAStableOrderWithinTheirRanges() {
        List<Map<String, Object>> records = Generated.records(Generated.open(provider, 1, Map.of()), 1, 20_000);
        long now = Generated.NOW.getEpochSecond();
        for (Map<String, Object> r : records) {
            assertThat(r).containsOnlyKeys("transaction_id", "user_id", "amount", "currency", "merchant",
                    "timestamp", "location", "is_fraud", "fraud_scenario");
            assertThat(List.copyOf(r.keySet())).containsExactly("transaction_id", "user_id", "amount", "currency",
                    "merchant", "timestamp", "location", "is_fraud", "fraud_scenario");
            assertThat((String) r.get("transaction_id")).matches(UUID_V4);
            assertThat((Long) r.get("user_id")).isBetween(1000L, 9999L);
            java.math.BigDecimal exact = (java.math.BigDecimal) r.get("amount");
            assertThat(exact.scale()).as("two decimals: %s", exact).isEqualTo(2);
            assertThat(exact.doubleValue()).isBetween(0.01, 10_000.0);
            assertThat((String) r.get("currency")).matches("[A-Z]{3}");
            assertThat((String) r.get("merchant")).isNotBlank();
            long ts = Instant.parse((String) r.get("timestamp")).getEpochSecond();
            assertThat(ts).as("never after the emulation's now").isBetween(now - 3300, now);
            assertThat((String) r.get("timestamp")).endsWith("Z").hasSize(20);
            assertThat((String) r.get("location")).matches("[A-Z]{2}");
            assertThat((Long) r.get("is_fraud")).isIn(0L, 1L);
            Object scenario = r.get("fraud_scenario");
            if (scenario == null) {
                assertThat(r.get("is_fraud")).as("legitimate transactions are never labelled fraud").isEqualTo(0L);
            } else {
                assertThat(SCENARIOS).contains((String) scenario);
            }
        }
        assertThat(records.stream().map(r -> r.get("transaction_id")).distinct()).hasSize(records.size());
        assertThat(records.stream().map(r -> r.get("merchant")).distinct().count()).isGreaterThan(100);
    }

    @Test
    void theCurrencyIsTheLocationsAndTimestampsSpreadOverTheLastFiftyFiveMinutes() {
        List<Map<String, Object>> records = Generated.records(Generated.open(provider, 3, Map.of()), 1, 20_000);
        long now = Generated.NOW.getEpochSecond();
        Map<String, String> expected = Map.of("US", "USD", "GB", "GBP", "CN", "CNY", "RU", "RUB", "DE", "EUR",
                "JP", "JPY", "BR", "BRL", "IN", "INR");
        for (Map<String, Object> r : records) {
            String location = (String) r.get("location");
            if (expected.containsKey(location)) {
                assertThat(r.get("currency")).as("currency in %s", location).isEqualTo(expected.get(location));
            }
        }
        assertThat(records.stream().map(r -> r.get("currency")).distinct().count()).isGreaterThan(10);
        long lastQuarterHour = records.stream()
                .filter(r -> Instant.parse((String) r.get("timestamp")).getEpochSecond() > now - 900).count();
        // uniform over 3,300 s: 900 s hold about 27 % of them
        assertThat(lastQuarterHour).isBetween(20_000L * 22 / 100, 20_000L * 33 / 100);
    }

    @Test
    void eachFraudScenarioOccursAtItsDesignedRate() {
        int n = 200_000;
        TransactionGenerator generator = (TransactionGenerator) Generated.open(provider, 42, Map.of());
        List<Map<String, Object>> records = Generated.records(generator, 42, n);
        UserSpace users = generator.universe().users();

        long compromised = 0;
        for (long id = users.min(); id <= users.max(); id++) {
            compromised += users.compromised(id) ? 1 : 0;
        }
        double c = (double) compromised / users.size();
        double u1000 = (double) users.multiplesOf(1000) / users.size();
        double u500 = (double) users.multiplesOf(500) / users.size();
        double q = 1 - CARD_PROBE_SHARE;
        double h = HIGH_RISK_MERCHANT_SHARE;
        double above500 = 1 - MEDIUM_CUMULATIVE;

        double takeover = q * c * ((1 - h) * above500 + h) * TAKEOVER_P;
        double cardTesting = CARD_TESTING_P * (CARD_PROBE_SHARE + q * (1 - h) * MICRO_SHARE * u1000);
        double collusion = q * h * 0.5 * (1 - c * TAKEOVER_P) * COLLUSION_P;
        double geographic = GEO_P * (CARD_PROBE_SHARE * (1 - CARD_TESTING_P) + q * u500);
        double baseline = BASELINE_P * (1 - takeover - cardTesting - collusion - geographic);

        Map<String, Long> counts = new HashMap<>();
        records.forEach(r -> {
            Object s = r.get("fraud_scenario");
            if (s != null) {
                counts.merge((String) s, 1L, Long::sum);
            }
        });
        assertRate(counts, ACCOUNT_TAKEOVER, takeover, n);
        assertRate(counts, CARD_TESTING, cardTesting, n);
        assertRate(counts, MERCHANT_COLLUSION, collusion, n);
        assertRate(counts, GEOGRAPHIC_ANOMALY, geographic, n);
        assertRate(counts, BASELINE, baseline, n);

        // the scenarios leave their marks on the fields
        for (Map<String, Object> r : records) {
            Object s = r.get("fraud_scenario");
            double amount = ((java.math.BigDecimal) r.get("amount")).doubleValue();
            if (ACCOUNT_TAKEOVER.equals(s)) {
                assertThat(amount).isBetween(500.0, 5000.0);
                assertThat(HIGH_RISK_MERCHANTS).contains((String) r.get("merchant"));
                assertThat(users.compromised((Long) r.get("user_id"))).isTrue();
            } else if (CARD_TESTING.equals(s)) {
                assertThat(amount).isBetween(0.01, 2.0);
                assertThat(r.get("location")).isEqualTo("US");
                assertThat((Long) r.get("user_id") % 1000).isZero();
            } else if (MERCHANT_COLLUSION.equals(s)) {
                assertThat(amount).isBetween(300.0, 1500.0);
                assertThat(HIGH_RISK_MERCHANTS).contains((String) r.get("merchant"));
            } else if (GEOGRAPHIC_ANOMALY.equals(s)) {
                assertThat(ANOMALY_COUNTRIES).contains((String) r.get("location"));
                assertThat((Long) r.get("user_id") % 500).isZero();
            } else if (BASELINE.equals(s)) {
                assertThat(amount).isBetween(100.0, 2000.0);
            }
        }

        // the label is kept for 98.5% of fraud and never set on legitimate transactions
        long fraud = records.stream().filter(r -> r.get("fraud_scenario") != null).count();
        long labelled = records.stream().filter(r -> r.get("fraud_scenario") != null)
                .filter(r -> (Long) r.get("is_fraud") == 1L).count();
        assertThat((double) labelled / fraud).isCloseTo(LABEL_KEPT_P, within(0.01));
        assertThat(labelled).isLessThan(fraud);
        assertThat(records.stream().filter(r -> r.get("fraud_scenario") == null)
                .allMatch(r -> (Long) r.get("is_fraud") == 0L)).isTrue();
        // high-risk merchants appear outside fraud too, so the merchant alone does not give fraud away
        assertThat(records.stream().filter(r -> r.get("fraud_scenario") == null)
                .filter(r -> HIGH_RISK_MERCHANTS.contains((String) r.get("merchant"))).count())
                .isGreaterThan(n / 100);
    }

    private static void assertRate(Map<String, Long> counts, String scenario, double rate, int n) {
        double expected = rate * n;
        long observed = counts.getOrDefault(scenario, 0L);
        assertThat(expected).as("expected %s count", scenario).isGreaterThan(50);
        assertThat((double) observed).as("%s count (expected %.1f)", scenario, expected)
                .isCloseTo(expected, within(4 * Math.sqrt(expected) + 0.1 * expected));
    }

    @Test
    void labelsCanBeOmittedLeavingTheOtherFieldsUnchanged() {
        List<Map<String, Object>> labelled = Generated.records(Generated.open(provider, 5, Map.of()), 5, 2000);
        List<Map<String, Object>> unlabelled = Generated.records(
                Generated.open(provider, 5, Map.of(FactoryOptions.LABELS, "false")), 5, 2000);
        for (int i = 0; i < labelled.size(); i++) {
            Map<String, Object> expected = new HashMap<>(labelled.get(i));
            expected.remove("is_fraud");
            expected.remove("fraud_scenario");
            assertThat(unlabelled.get(i)).isEqualTo(expected);
            assertThat(List.copyOf(unlabelled.get(i).keySet())).containsExactly("transaction_id", "user_id", "amount",
                    "currency", "merchant", "timestamp", "location");
        }
        assertThat(Generated.records(Generated.open(provider, 5, Map.of(FactoryOptions.LABELS, "TRUE")), 5, 1)
                .get(0)).containsKey("is_fraud");
    }

    @Test
    void honoursACustomUserSpace() {
        List<Map<String, Object>> records = Generated.records(Generated.open(provider, 3,
                Map.of(FactoryOptions.USER_ID_MIN, "1", FactoryOptions.USER_ID_MAX, "20")), 3, 2000);
        assertThat(records).allSatisfy(r -> assertThat((Long) r.get("user_id")).isBetween(1L, 20L));
        assertThat(records.stream().map(r -> r.get("user_id")).distinct()).hasSize(20);
    }

    @Test
    void rejectsUnknownOptionsAndBadValuesNamingThem() {
        assertThatThrownBy(() -> Generated.open(provider, 1, Map.of("colour", "red")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'colour' = 'red'")
                .hasMessageContaining("unknown option of domain 'transaction'")
                .hasMessageContaining("labels");
        assertThatThrownBy(() -> Generated.open(provider, 1, Map.of(FactoryOptions.LABELS, "maybe")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'labels' = 'maybe'")
                .hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> Generated.open(provider, 1,
                Map.of(FactoryOptions.USER_ID_MIN, "1,5", FactoryOptions.USER_ID_MAX, "ten")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'user_id_min' = '1,5': expected an integer")
                .hasMessageContaining("'user_id_max' = 'ten': expected an integer");
        assertThatThrownBy(() -> Generated.open(provider, 1,
                Map.of(FactoryOptions.USER_ID_MIN, "500", FactoryOptions.USER_ID_MAX, "499")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'user_id_max' = '499'")
                .hasMessageContaining("at least user_id_min (500)");
        assertThatThrownBy(() -> Generated.open(provider, 1, Map.of(FactoryOptions.USER_ID_MIN, "-1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'user_id_min' = '-1': must not be negative");
        assertThatThrownBy(() -> Generated.open(provider, 1, Map.of(FactoryOptions.LOCALE, "not a locale")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'locale' = 'not a locale'");
    }

    @Test
    void writesLocaleIndependentJsonUnderATurkishDefaultLocale() {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            List<EmulatedRecord> records = Fixtures.of("transaction").registry(DomainRegistry.of(provider))
                    .seed(11).clock(Generated.CLOCK).records(2000);
            Pattern amount = Pattern.compile("\"amount\":(\\d+\\.\\d{2})[,}]");
            Predicate<String> plain = json -> amount.matcher(json).find();
            assertThat(records).allSatisfy(r -> {
                assertThat(plain.test(r.jsonString())).as(r.jsonString()).isTrue();
                assertThat(r.jsonString()).doesNotContain("\u0131").startsWith("{\"emulation_id\":\"fixture\"");
                assertThat(r.key()).isEqualTo(r.dataAsMap().get("transaction_id"));
            });
        } finally {
            Locale.setDefault(previous);
        }
    }
}
