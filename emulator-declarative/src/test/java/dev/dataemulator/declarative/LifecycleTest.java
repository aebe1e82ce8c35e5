package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.SchemaValidator;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * The changes of a lifecycle domain, made by the runner: their order, their versions, what each change draws again,
 * and that folding them by key gives the snapshot, at any thread count and under shards.
 */
class LifecycleTest {
    private static final long SEED = 11;
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-01T00:00:00Z");
    private static DomainProvider accounts;
    private static List<EmulatedRecord> oneThread;

    @BeforeAll
    static void runOnce() throws IOException {
        accounts = DeclarativeDomains.parse("accounts.yaml",
                Files.readString(Records.EXAMPLES.resolve("accounts.yaml"))).get(0);
        oneThread = run(accounts, 1, -1, 0);
    }

    static List<EmulatedRecord> run(DomainProvider domain, int threads, int shard, int shards) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(domain).build())
                .domain(domain.name())
                .sink(sink)
                .threads(threads)
                .seed(SEED)
                .clock(Records.CLOCK)
                .id("lifecycle")
                .envelope(false)
                .eventTime(EventTime.backfill(FROM, TO)); // no rate: the changes carry their own times
        if (shard >= 0) {
            spec.shard(shard, shards);
        }
        EmulationReport report = EmulationRunner.run(spec.build());
        assertThat(report.failure()).isEmpty();
        return sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq)).toList();
    }

    private static Map<String, Object> fields(EmulatedRecord record) {
        return Records.toMap(record.data());
    }

    @Test
    void changesComeInEventTimeOrderUntilTheBackfillEndsWithoutARate() {
        assertThat(oneThread).hasSizeGreaterThan(3_000);
        for (int i = 0; i < oneThread.size(); i++) {
            assertThat(oneThread.get(i).seq()).isEqualTo(i);
        }
        for (int i = 1; i < oneThread.size(); i++) {
            assertThat(oneThread.get(i).eventTime()).as("change %d", i)
                    .isAfterOrEqualTo(oneThread.get(i - 1).eventTime());
        }
        assertThat(oneThread.get(0).eventTime()).isAfterOrEqualTo(FROM);
        assertThat(oneThread.get(oneThread.size() - 1).eventTime()).isBefore(TO);
    }

    @Test
    void eachEntityIsCreatedThenUpdatedThenPerhapsDeletedWithVersionsOneTwoThree() {
        Map<Object, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        for (EmulatedRecord record : oneThread) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(fields(record));
        }
        assertThat(byKey).hasSize(3_000); // every entity is created in January, within the backfill
        int deleted = 0;
        int frozen = 0;
        for (List<Map<String, Object>> versions : byKey.values()) {
            for (int v = 0; v < versions.size(); v++) {
                Map<String, Object> row = versions.get(v);
                assertThat(row.get("__version")).isEqualTo((long) v + 1);
                String op = (String) row.get("__op");
                assertThat(op).isEqualTo(v == 0 ? "c" : "d".equals(op) ? "d" : "u");
                if (v > 0) {
                    Map<String, Object> before = versions.get(v - 1);
                    assertThat(row.get("account_id")).isEqualTo(before.get("account_id"));
                    assertThat(row.get("owner")).isEqualTo(before.get("owner"));
                    assertThat(row.get("opened_at")).isEqualTo(before.get("opened_at"));
                    if ("d".equals(op)) {
                        deleted++;
                        assertThat(v).isEqualTo(versions.size() - 1);
                        Map<String, Object> last = new HashMap<>(row);
                        Map<String, Object> previous = new HashMap<>(before);
                        last.keySet().removeAll(List.of("__op", "__version"));
                        previous.keySet().removeAll(List.of("__op", "__version"));
                        assertThat(last).as("a delete carries the last values").isEqualTo(previous);
                    } else if ("frozen".equals(row.get("status"))) {
                        frozen++;
                        assertThat(row.get("balance")).as("frozen draws only updated_at").isEqualTo(before.get("balance"));
                        assertThat(row.get("tier")).isEqualTo(before.get("tier"));
                    }
                }
                assertThat(row.get("note")).isEqualTo(row.get("tier") + "-" + row.get("status"));
            }
            assertThat(versions.get(0).get("status")).isEqualTo("active");
            assertThat(versions.get(0).get("updated_at")).isEqualTo(versions.get(0).get("opened_at"));
        }
        assertThat(deleted).isPositive();
        assertThat(frozen).isPositive();
    }

    @Test
    void updatedAtIsTheEventTimeOfTheChangeThatDrewIt() {
        for (EmulatedRecord record : oneThread) {
            Map<String, Object> row = fields(record);
            if (!"d".equals(row.get("__op"))) {
                assertThat(row.get("updated_at")).isEqualTo(record.eventTime());
            }
        }
    }

    @Test
    void theSameChangesAtEightThreadsAndUnderShards() {
        List<String> expected = oneThread.stream().map(EmulatedRecord::jsonString).toList();
        assertThat(run(accounts, 8, -1, 0).stream().map(EmulatedRecord::jsonString).toList()).isEqualTo(expected);
        Map<Long, String> sharded = new TreeMap<>();
        for (int shard = 0; shard < 3; shard++) {
            run(accounts, 2, shard, 3).forEach(r -> sharded.put(r.seq(), r.jsonString()));
        }
        assertThat(new ArrayList<>(sharded.values())).isEqualTo(expected);
    }

    @Test
    void foldingTheChangesByKeyGivesTheSnapshotAtTheLastChangeEveryColumn() {
        Instant last = oneThread.get(oneThread.size() - 1).eventTime();
        Map<Object, Map<String, Object>> folded = fold(oneThread);
        Map<Object, Map<String, Object>> snapshot = new TreeMap<>(Comparator.comparing(String::valueOf));
        for (EmulatedRecord record : run(Snapshots.at(accounts, last), 1, -1, 0)) {
            snapshot.put(record.key(), fields(record));
        }
        assertThat(snapshot).hasSizeLessThan(3_000).isNotEmpty();
        assertThat(snapshot).isEqualTo(folded);
        // at an earlier instant too: the stream up to it, folded
        Instant middle = oneThread.get(oneThread.size() / 2).eventTime();
        List<EmulatedRecord> upToMiddle = oneThread.stream().filter(r -> !r.eventTime().isAfter(middle)).toList();
        Map<Object, Map<String, Object>> middleSnapshot = new TreeMap<>(Comparator.comparing(String::valueOf));
        for (EmulatedRecord record : run(Snapshots.at(accounts, middle), 8, -1, 0)) {
            middleSnapshot.put(record.key(), fields(record));
        }
        assertThat(middleSnapshot).isEqualTo(fold(upToMiddle));
    }

    /** Applies create and update (the row, without __op) and delete (removes the key) in stream order. */
    static Map<Object, Map<String, Object>> fold(List<EmulatedRecord> changes) {
        Map<Object, Map<String, Object>> table = new TreeMap<>(Comparator.comparing(String::valueOf));
        Map<Object, Long> versions = new HashMap<>();
        for (EmulatedRecord change : changes) {
            Map<String, Object> row = new LinkedHashMap<>(fields(change));
            String op = (String) row.remove("__op");
            long version = (Long) row.get("__version");
            Long before = versions.put(change.key(), version);
            assertThat(version).as("versions of %s in order", change.key()).isEqualTo(before == null ? 1 : before + 1);
            if ("d".equals(op)) {
                table.remove(change.key());
            } else {
                table.put(change.key(), row);
            }
        }
        return table;
    }

    @Test
    void theJavaBuilderMakesTheSameChangesAsTheYaml() {
        DeclarativeDomain built = DeclarativeDomain.builder("accounts").key("account_id").count(3_000)
                .lifecycle(Lifecycle.builder()
                        .created(Gen.timestampBetween("2026-01-01", "2026-01-31"))
                        .initial("active")
                        .state("active", Lifecycle.state().dwellExponential("10d")
                                .next(orderedMap("active", 6, "frozen", 1, "closed", 1))
                                .changes("balance", "tier", "updated_at"))
                        .state("frozen", Lifecycle.state().dwell("1d", "5d").next(orderedMap("active", 3, "closed", 1))
                                .changes("updated_at"))
                        .state("closed", Lifecycle.deleteState())
                        .build())
                .field("account_id", Gen.unique(100_000, 999_999))
                .field("status", Gen.state())
                .field("balance", Gen.decimal(0, 50_000, 2))
                .field("tier", Gen.weighted(orderedMap("basic", 8, "gold", 2)))
                .field("owner", Gen.faker("#{Name.fullName}"))
                .field("opened_at", Gen.timestampNow(null, null))
                .field("updated_at", Gen.timestampNow(null, null))
                .field("note", Gen.template("{tier}-{status}"))
                .build();
        assertThat(run(built.compile(), 1, -1, 0).stream().map(EmulatedRecord::jsonString).toList())
                .isEqualTo(oneThread.stream().map(EmulatedRecord::jsonString).toList());
    }

    private static Map<String, Integer> orderedMap(Object... keysAndWeights) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndWeights.length; i += 2) {
            map.put((String) keysAndWeights[i], (Integer) keysAndWeights[i + 1]);
        }
        return map;
    }

    @Test
    void bothChangeFormatsMatchTheirTypedSchemas() throws Exception {
        for (String format : List.of("row", "debezium")) {
            DomainGenerator generator = accounts.open(new DomainContext(SEED, Records.CLOCK,
                    Map.of("change_format", format)));
            RecordSchema schema = generator.schema().orElseThrow();
            SchemaValidator validator = SchemaValidator.of("accounts", schema);
            RecordFactory factory = generator.newFactory();
            for (long seq = 0; seq < 2_000; seq++) {
                factory.eventMillis(seq);
                validator.validate(Records.create(factory, "accounts", SEED, seq));
            }
            JsonNode avro = new ObjectMapper().readTree(schema.toAvroSchema(false));
            List<String> names = new ArrayList<>();
            avro.get("fields").forEach(field -> names.add(field.get("name").asText()));
            assertThat(names).as(format).containsExactlyElementsOf(format.equals("row")
                    ? List.of("account_id", "status", "balance", "tier", "owner", "opened_at", "updated_at", "note",
                            "__op", "__version")
                    : List.of("before", "after", "source", "op", "ts_ms"));
        }
        assertThat(accounts.open(new DomainContext(SEED, Records.CLOCK, Map.of("change_format", "debezium")))
                .unwrapped()).as("the envelope never wraps Debezium events").isTrue();
    }

    @Test
    void debeziumEventsCarryBeforeAfterSourceAndAJsonKey() throws Exception {
        DomainGenerator generator = accounts.open(new DomainContext(SEED, Records.CLOCK,
                Map.of("change_format", "debezium")));
        RecordFactory factory = generator.newFactory();
        Map<String, Map<String, Object>> latest = new HashMap<>();
        int deletes = 0;
        for (long seq = 0; seq < oneThread.size(); seq++) {
            long time = factory.eventMillis(seq);
            RecordData event = Records.create(factory, "accounts", SEED, seq);
            Map<String, Object> value = Records.toMap(event);
            Map<String, Object> row = fields(oneThread.get((int) seq));
            Map<String, Object> fields = new LinkedHashMap<>(row);
            fields.keySet().removeAll(List.of("__op", "__version"));
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) value.get("source");
            assertThat(value.get("op")).isEqualTo(row.get("__op"));
            assertThat(value.get("ts_ms")).isEqualTo(time).isEqualTo(oneThread.get((int) seq).eventTimeMillis());
            assertThat(source).containsEntry("connector", "emulator").containsEntry("table", "accounts")
                    .containsEntry("name", "accounts").containsEntry("ts_ms", time).containsEntry("sequence", seq)
                    .containsEntry("snapshot", "false").containsKeys("version", "db");
            assertThat(event.key()).isEqualTo("{\"account_id\":" + fields.get("account_id") + "}");
            assertThat(value.get("before")).isEqualTo(latest.get(event.key()));
            if ("d".equals(row.get("__op"))) {
                deletes++;
                assertThat(value.get("after")).isNull();
                assertThat(value.get("before")).isEqualTo(fields);
                assertThat(event.deletesKey()).isTrue();
                latest.remove(event.key());
            } else {
                assertThat(value.get("after")).isEqualTo(fields);
                assertThat(event.deletesKey()).isFalse();
                latest.put(event.key(), fields);
            }
        }
        assertThat(deletes).isPositive();
    }

    @Test
    void valuesAreDrawnPerEntityAndVersionNotPerRecord() {
        Map<String, Object> first = fields(oneThread.get(0));
        assertThat(first.get("balance")).isInstanceOf(BigDecimal.class);
        long distinctBalances = oneThread.stream().map(r -> fields(r).get("balance")).distinct().count();
        assertThat(distinctBalances).isGreaterThan(3_000);
    }

    @Test
    void liveAChangeIsMadeWhenTheClockReachesItsEventTime() {
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        long due = oneThread.stream().filter(r -> !r.eventTime().isAfter(now)).count();
        assertThat(due).isPositive().isLessThan(oneThread.size());
        MemorySyncProducer sink = new MemorySyncProducer();
        try (Emulation emulation = EmulationRunner.start(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(accounts).build()).domain("accounts").sink(sink)
                .seed(SEED).envelope(false).id("lifecycle").clock(Clock.fixed(now, ZoneOffset.UTC)).build())) {
            await().atMost(Duration.ofMinutes(1)).until(() -> sink.records().size() == due);
            emulation.stop();
            EmulationReport report = emulation.awaitCompletion(Duration.ofMinutes(1));
            // the clock is fixed: the next change's time never arrives, so exactly the due ones were made
            assertThat(report.stats().generated()).isEqualTo(due);
        }
        assertThat(sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq))
                .map(EmulatedRecord::jsonString).toList())
                .isEqualTo(oneThread.subList(0, (int) due).stream().map(EmulatedRecord::jsonString).toList());
    }

    @Test
    void anAcceleratedClockPacesByTheChangesTimes() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(accounts).build()).domain("accounts").sink(sink)
                .seed(SEED).envelope(false).id("lifecycle").clock(Records.CLOCK).maxRecords(500)
                .eventTime(EventTime.accelerated(FROM, 10_000_000)).build());
        assertThat(report.failure()).isEmpty();
        assertThat(sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq))
                .map(EmulatedRecord::jsonString).toList())
                .isEqualTo(oneThread.subList(0, 500).stream().map(EmulatedRecord::jsonString).toList());
    }

    @Test
    void theReportSaysTheBackfillEnded() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(accounts).build()).domain("accounts").sink(sink)
                .seed(SEED).clock(Records.CLOCK).eventTime(EventTime.backfill(FROM, Instant.parse("2026-01-10T00:00:00Z")))
                .build());
        assertThat(report.stopped()).contains(StopReason.EVENT_TIME_END);
        assertThat(sink.records()).isNotEmpty().allSatisfy(r -> assertThat(r.eventTime())
                .isBefore(Instant.parse("2026-01-10T00:00:00Z")));
    }
}
