package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.declarative.Snapshots;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code user-profile} with {@code lifecycle=true}, made by the runner: what each change changes and how often, and
 * that folding the changes by key gives the snapshot at the last change's time, every column, at 1 and 8 threads and
 * under shards.
 */
class UserProfileLifecycleTest {
    private static final long SEED = 5;
    /** Profiles sign up over the 730 days before the clock's day; the backfill covers them and their changes. */
    private static final Instant FROM = Instant.parse("2024-11-27T00:00:00Z");
    private static final Instant TO = Generated.NOW;
    /** 3000 users: small enough for six emulations in a few seconds. */
    private static final Map<String, String> USERS = Map.of(FactoryOptions.USER_ID_MIN, "1000",
            FactoryOptions.USER_ID_MAX, "3999");
    private static final List<String> META = List.of("__op", "__version");
    private static final UserProfileProvider PROFILES = new UserProfileProvider();
    private static List<EmulatedRecord> oneThread;

    @BeforeAll
    static void runOnce() {
        oneThread = run(PROFILES, 1, -1, 0, Map.of());
    }

    private static List<EmulatedRecord> run(DomainProvider domain, int threads, int shard, int shards,
            Map<String, String> options) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(domain).build())
                .domain(domain.name())
                .domainOption(FactoryOptions.LIFECYCLE, "true")
                .sink(sink)
                .threads(threads)
                .seed(SEED)
                .clock(Generated.CLOCK)
                .id("profiles")
                .envelope(false)
                .eventTime(EventTime.backfill(FROM, TO)); // no rate: the changes carry their own times
        USERS.forEach(spec::domainOption);
        options.forEach(spec::domainOption);
        if (shard >= 0) {
            spec.shard(shard, shards);
        }
        EmulationReport report = EmulationRunner.run(spec.build());
        assertThat(report.failure()).isEmpty();
        return sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq)).toList();
    }

    /** @return the table the changes leave: create and update set the row (without __op), delete removes it */
    private static Map<String, Map<String, Object>> fold(List<EmulatedRecord> changes) {
        Map<String, Map<String, Object>> table = new TreeMap<>();
        for (EmulatedRecord change : changes) {
            Map<String, Object> row = new LinkedHashMap<>(change.dataAsMap());
            String op = (String) row.remove("__op");
            if ("d".equals(op)) {
                assertThat(table.remove(change.key())).as("a delete of a live key").isNotNull();
            } else {
                table.put(change.key(), row);
            }
        }
        return table;
    }

    private static Map<String, Map<String, Object>> snapshot(Instant at, int threads) {
        Map<String, Map<String, Object>> table = new TreeMap<>();
        for (EmulatedRecord row : run(Snapshots.at(PROFILES, at), threads, -1, 0, Map.of())) {
            assertThat(row.eventTime()).isEqualTo(at);
            assertThat(table.put(row.key(), row.dataAsMap())).as("one row per key").isNull();
        }
        return table;
    }

    @Test
    void foldingTheChangesByKeyGivesTheSnapshotAtTheLastChangeEveryColumnAtOneAndEightThreads() {
        Instant last = oneThread.get(oneThread.size() - 1).eventTime();
        Map<String, Map<String, Object>> folded = fold(oneThread);
        assertThat(folded).hasSizeBetween(1_000, 2_999); // some accounts closed
        assertThat(snapshot(last, 1)).isEqualTo(folded);
        assertThat(snapshot(last, 8)).isEqualTo(folded);

        List<EmulatedRecord> eight = run(PROFILES, 8, -1, 0, Map.of());
        assertThat(fold(eight)).isEqualTo(folded);
        assertThat(eight.stream().map(EmulatedRecord::dataAsMap).toList())
                .isEqualTo(oneThread.stream().map(EmulatedRecord::dataAsMap).toList());

        // a snapshot halfway through is the fold of the changes up to it
        Instant middle = oneThread.get(oneThread.size() / 2).eventTime();
        assertThat(snapshot(middle, 1)).isEqualTo(fold(oneThread.stream()
                .filter(r -> !r.eventTime().isAfter(middle)).toList()));
    }

    @Test
    void threeShardsTogetherMakeTheChangesOfOneEmulation() {
        List<EmulatedRecord> union = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            union.addAll(run(PROFILES, 2, shard, 3, Map.of()));
        }
        union.sort(Comparator.comparingLong(EmulatedRecord::seq));
        assertThat(union.stream().map(EmulatedRecord::dataAsMap).toList())
                .isEqualTo(oneThread.stream().map(EmulatedRecord::dataAsMap).toList());
        assertThat(fold(union)).isEqualTo(fold(oneThread));
    }

    @Test
    void contactDetailsAndAddressesChangeAccountsAreSuspendedAndClosedAtTheDocumentedRates() {
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        Map<String, Instant> timeOf = new HashMap<>();
        for (EmulatedRecord record : oneThread) {
            Map<String, Object> row = record.dataAsMap();
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(row);
            assertThat(Instant.parse((String) row.get("updated_at")).isAfter(record.eventTime())).isFalse();
            timeOf.put(record.key() + "/" + row.get("__version"), record.eventTime());
        }
        assertThat(byKey).hasSize(3_000); // every user of the space, created within the two years
        Map<String, Integer> kinds = new TreeMap<>();
        for (List<Map<String, Object>> versions : byKey.values()) {
            Map<String, Object> created = versions.get(0);
            String key = String.valueOf(created.get("user_id"));
            Instant createdAt = timeOf.get(key + "/1");
            assertThat(createdAt).isBetween(FROM, TO);
            assertThat(created).containsEntry("__op", "c").containsEntry("status", "active")
                    .containsEntry("signup_date", LocalDate.ofInstant(createdAt, ZoneOffset.UTC).toString())
                    .containsEntry("updated_at", createdAt.toString());
            for (int v = 1; v < versions.size(); v++) {
                Map<String, Object> before = versions.get(v - 1);
                Map<String, Object> after = versions.get(v);
                assertThat(after.get("__version")).isEqualTo((long) v + 1);
                for (String kept : List.of("user_id", "name", "date_of_birth", "country", "signup_date",
                        "credit_score", "risk_level")) {
                    assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
                }
                List<String> changed = new ArrayList<>();
                for (String field : List.of("email", "phone", "address", "status")) {
                    if (!after.get(field).equals(before.get(field))) {
                        changed.add(field);
                    }
                }
                String kind;
                if ("d".equals(after.get("__op"))) {
                    assertThat(v).isEqualTo(versions.size() - 1);
                    Map<String, Object> last = new HashMap<>(after);
                    Map<String, Object> previous = new HashMap<>(before);
                    last.keySet().removeAll(META);
                    previous.keySet().removeAll(META);
                    assertThat(last).as("a closure carries the last values").isEqualTo(previous);
                    kind = "closed";
                } else {
                    assertThat(after.get("__op")).isEqualTo("u");
                    assertThat(after.get("updated_at")).isEqualTo(timeOf.get(key + "/" + (v + 1)).toString());
                    assertThat(changed).as("one kind of change at a time").hasSizeLessThanOrEqualTo(1);
                    kind = changed.isEmpty() ? "reactivated-or-same" : changed.get(0);
                    if (kind.equals("status")) {
                        kind = (String) after.get("status");
                    }
                }
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        // from an active account (mean 120 days between changes): e-mail 3, phone 3, address 2, suspension 1,
        // closure 1; a suspension ends with reactivation 4 : closure 1
        int email = kinds.getOrDefault("email", 0);
        int phone = kinds.getOrDefault("phone", 0);
        int address = kinds.getOrDefault("address", 0);
        int suspended = kinds.getOrDefault("suspended", 0);
        assertThat(email).isGreaterThan(2_000);
        assertThat(phone / (double) email).isBetween(0.8, 1.25);
        assertThat(address / (double) email).isBetween(0.55, 0.8);
        assertThat(suspended / (double) email).isBetween(0.25, 0.42);
        assertThat(kinds.get("active")).as("reactivations").isPositive();
        assertThat(kinds.get("closed") / (double) email).isBetween(0.3, 0.5);
    }

    @Test
    void signupBetweenPlacesTheCreationsWhateverTheClock() {
        List<Map<String, Object>> rows = Generated.records(Generated.open(PROFILES, SEED,
                with(FactoryOptions.SIGNUP_BETWEEN, "2026-01-01T00:00:00Z..2026-01-31T00:00:00Z")), SEED, 4_000);
        List<Map<String, Object>> creates = rows.stream().filter(r -> "c".equals(r.get("__op"))).toList();
        assertThat(creates).hasSize(3_000);
        assertThat(creates).allSatisfy(r -> assertThat(Instant.parse((String) r.get("updated_at")))
                .isBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-31T00:00:00Z")));
    }

    @Test
    void debeziumChangesOfAProfileCarryItsKeyObjectAndTheVersionBefore() {
        List<Map<String, Object>> events = Generated.records(Generated.open(PROFILES, SEED,
                with(FactoryOptions.CHANGE_FORMAT, "debezium")), SEED, 200);
        List<Map<String, Object>> rows = Generated.records(Generated.open(PROFILES, SEED,
                with(FactoryOptions.LIFECYCLE, "true")), SEED, 200);
        assertThat(events).hasSize(200);
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> event = events.get(i);
            Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
            row.keySet().removeAll(META);
            assertThat(event.get("op")).isEqualTo(rows.get(i).get("__op"));
            assertThat(event.get("after")).isEqualTo("d".equals(event.get("op")) ? null : row);
        }
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> options = new HashMap<>(USERS);
        options.put(FactoryOptions.LIFECYCLE, "true");
        options.put(key, value);
        return options;
    }

    @Test
    void badLifecycleOptionsAreRejectedNamingTheOptionAndValue() {
        assertThatThrownBy(() -> Generated.open(PROFILES, 1, Map.of(FactoryOptions.LIFECYCLE, "yes")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("lifecycle")
                .hasMessageContaining("yes").hasMessageContaining("true or false");
        assertThatThrownBy(() -> Generated.open(PROFILES, 1,
                Map.of(FactoryOptions.LIFECYCLE, "true", FactoryOptions.CHANGE_FORMAT, "xml")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("change_format")
                .hasMessageContaining("xml").hasMessageContaining("row or debezium");
        assertThatThrownBy(() -> Generated.open(PROFILES, 1, with(FactoryOptions.SIGNUP_BETWEEN, "last year")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("signup_between")
                .hasMessageContaining("last year").hasMessageContaining("expected FROM..TO");
        assertThatThrownBy(() -> Generated.open(PROFILES, 1,
                Map.of(FactoryOptions.SIGNUP_BETWEEN, "2026-01-01T00:00:00Z..2026-02-01T00:00:00Z")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("signup_between")
                .hasMessageContaining("needs lifecycle=true");
        assertThatThrownBy(() -> Generated.open(PROFILES, 1, Map.of(FactoryOptions.CHANGE_FORMAT, "debezium")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("change_format")
                .hasMessageContaining("needs lifecycle=true");
        DomainProvider table = Snapshots.at(PROFILES, TO);
        assertThatThrownBy(() -> table.open(new DomainContext(1, Generated.CLOCK, Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("lifecycle")
                .hasMessageContaining("only profiles with a lifecycle");
        assertThat(PROFILES.timed(Map.of(FactoryOptions.LIFECYCLE, "true"))).isTrue();
        assertThat(PROFILES.timed(Map.of())).isFalse();
    }
}
