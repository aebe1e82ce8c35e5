package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.RecordFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final long SEED = 7;

    private static List<DomainProvider> shop() throws IOException {
        return DeclarativeDomains.parse("shop.yaml", Files.readString(Path.of("src/test/resources/definitions/shop.yaml")));
    }

    @Test
    void aRecordDoesNotDependOnWhichFactoryMakesItOrInWhatOrder() throws Exception {
        DomainProvider orders = Records.provider(DeclarativeDomains.load(Records.EXAMPLES.resolve("ecommerce.yaml")),
                "orders");
        List<Map<String, Object>> forward = Records.maps(orders, SEED, 2_000);
        DomainGenerator generator = Records.open(orders, SEED);
        Map<Long, Map<String, Object>> backward = new TreeMap<>();
        RecordFactory factory = generator.newFactory();
        for (long seq = 1_999; seq >= 0; seq--) {
            backward.put(seq, Records.toMap(Records.create(factory, "orders", SEED, seq)));
        }
        assertThat(new ArrayList<>(backward.values())).isEqualTo(forward);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Map<Long, Map<String, Object>>>> parts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                parts.add(pool.submit(() -> {
                    RecordFactory own = generator.newFactory();
                    Map<Long, Map<String, Object>> made = new TreeMap<>();
                    for (long seq = thread; seq < 2_000; seq += 8) {
                        made.put(seq, Records.toMap(Records.create(own, "orders", SEED, seq)));
                    }
                    return made;
                }));
            }
            Map<Long, Map<String, Object>> all = new TreeMap<>();
            for (Future<Map<Long, Map<String, Object>>> part : parts) {
                all.putAll(part.get());
            }
            assertThat(new ArrayList<>(all.values())).isEqualTo(forward);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherSeedGivesOtherValues() {
        DomainProvider orders = Records.provider(DeclarativeDomains.load(Records.EXAMPLES.resolve("ecommerce.yaml")),
                "orders");
        assertThat(Records.maps(orders, 1, 10).get(0).get("order_id"))
                .isNotEqualTo(Records.maps(orders, 2, 10).get(0).get("order_id"));
    }

    @Test
    void emulationsWriteTheSameBytesAtOneAndEightThreadsAndUnderShards() throws IOException {
        List<DomainProvider> shop = shop();
        DomainRegistry.Builder registry = DomainRegistry.builder();
        shop.forEach(registry::register);
        DomainRegistry domains = registry.build();
        Map<Long, String> one = run(domains, 1, -1);
        Map<Long, String> eight = run(domains, 8, -1);
        assertThat(one).hasSize(3_000);
        assertThat(eight).isEqualTo(one);
        Map<Long, String> sharded = new TreeMap<>();
        for (int shard = 0; shard < 3; shard++) {
            sharded.putAll(run(domains, 2, shard));
        }
        assertThat(sharded).isEqualTo(one);
    }

    private static Map<Long, String> run(DomainRegistry registry, int threads, int shard) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder()
                .registry(registry)
                .domain("sales")
                .sink(sink)
                .threads(threads)
                .seed(SEED)
                .clock(Records.CLOCK)
                .id("determinism")
                .maxRecords(3_000); // with a shard: records 0..2999 of the domain, of which the shard makes its third
        if (shard >= 0) {
            spec.shard(shard, 3);
        }
        EmulationReport report = EmulationRunner.run(spec.build());
        assertThat(report.failure()).isEmpty();
        return sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq))
                .collect(Collectors.toMap(EmulatedRecord::seq, EmulatedRecord::jsonString, (a, b) -> a, TreeMap::new));
    }

    @Test
    void addingRemovingOrReorderingOtherFieldsChangesNoValue() {
        String before = "version: 1\n"
                + "domains:\n"
                + "  d:\n"
                + "    count: 1000\n"
                + "    fields:\n"
                + "      a: {uuid: {}}\n"
                + "      b: {int: {min: 0, max: 1000000}}\n"
                + "      c: {faker: \"#{Name.firstName}\", null_rate: 0.3}\n"
                + "      e: {unique: {min: 0, max: 5000}}\n"
                + "      f: {array: {size: {min: 0, max: 4}, items: {regex: \"[a-z]{5}\"}}}\n";
        String after = "version: 1\n"
                + "domains:\n"
                + "  d:\n"
                + "    count: 1000\n"
                + "    fields:\n"
                + "      f: {array: {size: {min: 0, max: 4}, items: {regex: \"[a-z]{5}\"}}}\n"
                + "      z: {double: {min: 0, max: 1}}\n"
                + "      e: {unique: {min: 0, max: 5000}}\n"
                + "      c: {faker: \"#{Name.firstName}\", null_rate: 0.3}\n"
                + "      y: {timestamp: {now: {jitter: 1h}}}\n"
                + "      b: {int: {min: 0, max: 1000000}}\n";
        List<Map<String, Object>> first = Records.maps(DeclarativeDomains.parse(before).get(0), SEED, 1_000);
        List<Map<String, Object>> second = Records.maps(DeclarativeDomains.parse(after).get(0), SEED, 1_000);
        for (int seq = 0; seq < 1_000; seq++) {
            for (String field : List.of("b", "c", "e", "f")) {
                assertThat(second.get(seq).get(field)).as("field %s of record %d", field, seq)
                        .isEqualTo(first.get(seq).get(field));
            }
        }
    }
}
