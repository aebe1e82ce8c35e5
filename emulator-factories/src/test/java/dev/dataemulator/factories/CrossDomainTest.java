package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossDomainTest {

    private static List<EmulatedRecord> fixtures(String domain, long seed, int count, Map<String, String> options) {
        Fixtures fixtures = Fixtures.of(domain).seed(seed).clock(Generated.CLOCK);
        options.forEach(fixtures::option);
        return fixtures.records(count);
    }

    @Test
    void theThreeDomainsAreDiscoveredWithTheirDefaultResources() {
        DomainRegistry registry = DomainRegistry.discover();
        assertThat(registry.domains()).contains("transaction", "user-profile", "device-log");
        assertThat(registry.resourceFor("transaction")).isEqualTo("transactions");
        assertThat(registry.resourceFor("user-profile")).isEqualTo("user-profiles");
        assertThat(registry.resourceFor("device-log")).isEqualTo("device-logs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user_id_min=20000,user_id_max=20999"})
    void everyUserIdOfTransactionsAndDeviceLogsHasAProfileWithTheSameHomeCountry(String settings) {
        Map<String, String> options = new HashMap<>();
        if (!settings.isEmpty()) {
            for (String pair : settings.split(",")) {
                String[] kv = pair.split("=");
                options.put(kv[0], kv[1]);
            }
        }
        long seed = 2024;
        Map<Long, Map<String, Object>> profiles = fixtures("user-profile", seed, 20_000, options).stream()
                .map(EmulatedRecord::dataAsMap)
                .collect(Collectors.toMap(p -> (Long) p.get("user_id"), p -> p));
        List<Map<String, Object>> transactions = fixtures("transaction", seed, 20_000, options).stream()
                .map(EmulatedRecord::dataAsMap).toList();
        List<Map<String, Object>> logs = fixtures("device-log", seed, 20_000, options).stream()
                .map(EmulatedRecord::dataAsMap).toList();

        assertThat(transactions).allSatisfy(t -> assertThat(profiles).containsKey((Long) t.get("user_id")));
        assertThat(logs).allSatisfy(l -> assertThat(profiles).containsKey((Long) l.get("user_id")));

        long homeTransactions = transactions.stream().filter(t -> t.get("fraud_scenario") == null)
                .filter(t -> t.get("location").equals(profiles.get((Long) t.get("user_id")).get("country")))
                .count();
        long legitimate = transactions.stream().filter(t -> t.get("fraud_scenario") == null).count();
        assertThat(homeTransactions / (double) legitimate).isGreaterThan(0.94);
        long homeLogs = logs.stream()
                .filter(l -> l.get("location").equals(profiles.get((Long) l.get("user_id")).get("country")))
                .count();
        assertThat(homeLogs / (double) logs.size()).isGreaterThan(0.89);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction", "user-profile", "device-log"})
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers(String domain) {
        List<EmulatedRecord> first = fixtures(domain, 123, 1000, Map.of());
        List<EmulatedRecord> again = fixtures(domain, 123, 1000, Map.of());
        List<EmulatedRecord> other = fixtures(domain, 124, 1000, Map.of());
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).json()).isEqualTo(first.get(i).json());
            assertThat(other.get(i).json()).isNotEqualTo(first.get(i).json());
        }
        List<EmulatedRecord> later = Fixtures.of(domain).seed(123).clock(Generated.CLOCK).records(500, 10);
        for (int i = 0; i < later.size(); i++) {
            assertThat(later.get(i).json()).isEqualTo(first.get(500 + i).json());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction", "user-profile", "device-log"})
    void anEmulationWithFourWorkersMakesTheFixtureRecords(String domain) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain(domain)
                .sink(sink)
                .threads(4)
                .seed(31)
                .maxRecords(3000)
                .clock(Generated.CLOCK)
                .id("same")
                .build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        List<EmulatedRecord> emulated = sink.records().stream()
                .sorted(Comparator.comparingLong(EmulatedRecord::seq)).toList();
        List<EmulatedRecord> expected = Fixtures.of(domain).seed(31).clock(Generated.CLOCK).emulationId("same")
                .records(3000);
        assertThat(emulated).hasSize(3000);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(emulated.get(i).jsonString()).isEqualTo(expected.get(i).jsonString());
        }
        Set<String> keys = emulated.stream().map(EmulatedRecord::key).collect(Collectors.toSet());
        assertThat(keys).isNotEmpty();
    }
}
