package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.factories.internal.UserProfileGenerator;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UserProfileProviderTest {
    private static final Set<Long> DEFAULT_SPACE =
            LongStream.rangeClosed(1000, 9999).boxed().collect(Collectors.toUnmodifiableSet());

    private final UserProfileProvider provider = new UserProfileProvider();

    @Test
    void namesTheDomainAndItsDefaultTopic() {
        assertThat(provider.name()).isEqualTo("user-profile");
        assertThat(provider.defaultResource()).contains("user-profiles");
    }

    @Test
    void writesTheSeedsFieldsInAStableOrderWithinTheirRanges() {
        List<Map<String, Object>> records = Generated.records(Generated.open(provider, 1, Map.of()), 1, 9000);
        LocalDate today = LocalDate.ofInstant(Generated.NOW, ZoneOffset.UTC);
        for (Map<String, Object> r : records) {
            assertThat(List.copyOf(r.keySet())).containsExactly("user_id", "name", "email", "phone",
                    "date_of_birth", "address", "country", "signup_date", "credit_score", "risk_level");
            assertThat((Long) r.get("user_id")).isBetween(1000L, 9999L);
            assertThat((String) r.get("name")).contains(" ");
            assertThat((String) r.get("email")).matches("[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+");
            assertThat(((String) r.get("phone")).chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(7);
            int age = Period.between(LocalDate.parse((String) r.get("date_of_birth")), today).getYears();
            assertThat(age).isBetween(18, 90);
            assertThat((String) r.get("address")).isNotBlank();
            assertThat((String) r.get("country")).matches("[A-Z]{2}");
            long signupDaysAgo = ChronoUnit.DAYS.between(LocalDate.parse((String) r.get("signup_date")), today);
            assertThat(signupDaysAgo).isBetween(0L, 730L);
            java.math.BigDecimal exact = (java.math.BigDecimal) r.get("credit_score");
            assertThat(exact.scale()).isEqualTo(2);
            double score = exact.doubleValue();
            assertThat(score).isBetween(300.0, 850.0);
            String risk = (String) r.get("risk_level");
            assertThat(risk).isIn("low", "medium", "high");
            if (risk.equals("low")) {
                assertThat(score).isGreaterThanOrEqualTo(700.0);
                assertThat(signupDaysAgo).isGreaterThanOrEqualTo(30);
            }
            if (score < 500 || (signupDaysAgo < 30 && score < 700)
                    || (UserProfileGenerator.sanctioned((String) r.get("country")) && score < 500)) {
                assertThat(risk).isEqualTo("high");
            }
        }
        Map<String, Long> levels = records.stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("risk_level"), Collectors.counting()));
        assertThat(levels).containsKeys("low", "medium", "high");
        assertThat(records.stream().map(r -> r.get("country")).filter("US"::equals).count())
                .isBetween(6300L, 7200L);
        assertThat(records.stream().map(r -> r.get("name")).distinct().count()).isGreaterThan(7000);
    }

    @Test
    void givesEveryUserOfTheSpaceExactlyOneProfileThenIsExhausted() {
        List<EmulatedRecord> records = Fixtures.of("user-profile").registry(DomainRegistry.of(provider)).seed(9)
                .clock(Generated.CLOCK).records(10_000);
        assertThat(records).hasSize(9000);
        Set<Long> ids = records.stream().map(r -> (Long) r.dataAsMap().get("user_id")).collect(Collectors.toSet());
        assertThat(ids).isEqualTo(DEFAULT_SPACE);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.dataAsMap().get("user_id").toString()));

        DomainGenerator generator = Generated.open(provider, 9, Map.of());
        assertThat(generator.capacity()).isEqualTo(9000);
        assertThat(generator.newFactory().create(9000, new SplittableRandom(1))).isNull();
    }

    @Test
    void anEmulationWithFourWorkersEndsCompletedWithEveryUserOnce() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.of(provider))
                .domain("user-profile")
                .sink(sink)
                .threads(4)
                .seed(77)
                .build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        List<EmulatedRecord> records = sink.records("user-profiles");
        assertThat(records).hasSize(9000);
        assertThat(records.stream().map(EmulatedRecord::key).collect(Collectors.toSet())).hasSize(9000);
        assertThat(records.stream().map(r -> (Long) r.dataAsMap().get("user_id")).collect(Collectors.toSet()))
                .isEqualTo(DEFAULT_SPACE);
    }

    @Test
    void honoursACustomUserSpace() {
        List<EmulatedRecord> records = Fixtures.of("user-profile").registry(DomainRegistry.of(provider)).seed(2)
                .option(FactoryOptions.USER_ID_MIN, "1").option(FactoryOptions.USER_ID_MAX, "50").records(100);
        assertThat(records).hasSize(50);
        assertThat(records.stream().map(r -> (Long) r.dataAsMap().get("user_id")).collect(Collectors.toSet()))
                .isEqualTo(LongStream.rangeClosed(1, 50).boxed().collect(Collectors.toSet()));
        List<Long> inOrder = records.stream().map(r -> (Long) r.dataAsMap().get("user_id")).toList();
        assertThat(inOrder).as("a permutation, not the identity").isNotEqualTo(inOrder.stream().sorted().toList());
    }

    @Test
    void usesTheLocaleForNamesAndHomeCountry() {
        List<Map<String, Object>> records = Generated.records(
                Generated.open(provider, 4, Map.of(FactoryOptions.LOCALE, "de-DE")), 4, 1000);
        assertThat(records.stream().filter(r -> "DE".equals(r.get("country"))).count()).isGreaterThan(650);
        assertThat(records).allSatisfy(r ->
                assertThat((String) r.get("email")).matches("[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+"));
    }

    @Test
    void rejectsOptionsItDoesNotRead() {
        assertThatThrownBy(() -> Generated.open(provider, 1, Map.of(FactoryOptions.LABELS, "false")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'labels' = 'false'")
                .hasMessageContaining("unknown option of domain 'user-profile'");
    }
}
