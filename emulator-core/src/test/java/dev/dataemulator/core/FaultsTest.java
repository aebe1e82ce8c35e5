package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.internal.Faults;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.EveryTypeDomain;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code faults} setting: damaged records differ from the clean run only where labelled, an independent JSON
 * Schema validator and a count of repeated records find exactly the labelled ones, at any thread count and shard.
 */
class FaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain(), new EveryTypeDomain());
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final int COUNT = 10_000;
    private static final Map<String, String> FAULTS = faults();
    private static final Set<String> SCHEMA_KINDS = Set.of("null", "out_of_range", "wrong_type", "malformed");

    private static Map<String, String> faults() {
        Map<String, String> faults = new LinkedHashMap<>();
        faults.put("duplicate", "0.01");
        faults.put("null.rate", "0.01");
        faults.put("null.fields", "amount,address,at");
        faults.put("out_of_range.rate", "0.01");
        faults.put("out_of_range.fields", "small,amount");
        faults.put("wrong_type.rate", "0.01");
        faults.put("wrong_type.fields", "ratio,flag,seq,amount");
        faults.put("malformed", "0.01");
        return faults;
    }

    /** A record as delivered: seq, label (empty when clean) and JSON. */
    private record Delivered(long seq, String label, String json) {
    }

    private static List<Delivered> run(Map<String, String> faults, int threads, UnaryOperator<EmulationSpec.Builder> more) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder().registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .sink(sink).threads(threads).maxRecords(COUNT).seed(7).clock(FIXED).id("faulty").envelope(false);
        faults.forEach((key, value) -> spec.set("faults." + key, value));
        EmulationReport report = EmulationRunner.run(more.apply(spec).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        // inserted duplicates count as made and delivered
        assertThat(report.stats().generated()).isEqualTo(report.stats().delivered()).isEqualTo(sink.count());
        List<Delivered> delivered = new ArrayList<>();
        for (EmulatedRecord record : sink.records()) {
            delivered.add(new Delivered(record.seq(), record.fault().orElse(""), record.jsonString()));
        }
        return delivered;
    }

    @Test
    void aRunWithFaultsEqualsTheCleanRunExceptForTheLabelledRecordsAndTheInsertedDuplicates() {
        Map<Long, String> clean = new TreeMap<>();
        for (Delivered record : run(Map.of(), 1, spec -> spec)) {
            assertThat(record.label()).isEmpty();
            clean.put(record.seq(), record.json());
        }
        List<Delivered> faulty = run(FAULTS, 1, spec -> spec);

        Map<Long, String> originals = new TreeMap<>();
        int duplicates = 0;
        for (Delivered record : faulty) {
            if (record.label().isEmpty()) {
                assertThat(record.json()).isEqualTo(clean.get(record.seq()));
                assertThat(originals.put(record.seq(), record.json())).isNull();
            } else if (record.label().equals("duplicate")) {
                duplicates++;
                assertThat(record.json()).isEqualTo(clean.get(record.seq()));
            } else {
                assertThat(record.json()).as(record.label()).isNotEqualTo(clean.get(record.seq()));
                assertThat(originals.put(record.seq(), record.json())).isNull();
            }
        }
        // every seq once, plus one copy per duplicate label
        assertThat(originals).hasSize(COUNT).containsOnlyKeys(clean.keySet());
        assertThat(faulty).hasSize(COUNT + duplicates);
        assertThat(duplicates).isPositive();
    }

    @Test
    void anIndependentValidatorFindsExactlyTheLabelledRecords() {
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .build())).getSchema(EveryTypeDomain.SCHEMA.toJsonSchema(false));
        List<Delivered> faulty = run(FAULTS, 1, spec -> spec);

        Map<Long, String> flagged = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Set<Long> repeated = new HashSet<>();
        for (Delivered record : faulty) {
            JsonNode node;
            try {
                node = JSON.readTree(record.json());
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !validator.validate(node).isEmpty()) {
                assertThat(flagged.put(record.seq(), record.label())).isNull();
            }
            String keyAndPayload = record.seq() + "\n" + record.json();
            if (seen.merge(keyAndPayload, 1, Integer::sum) > 1) {
                repeated.add(record.seq());
            }
        }
        Map<Long, String> labelled = new TreeMap<>();
        Set<Long> duplicateLabels = new HashSet<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Delivered record : faulty) {
            String kind = record.label().split(":")[0];
            kinds.merge(kind.isEmpty() ? "clean" : kind, 1, Integer::sum);
            if (SCHEMA_KINDS.contains(kind)) {
                labelled.put(record.seq(), record.label());
            } else if (kind.equals("duplicate")) {
                duplicateLabels.add(record.seq());
            }
        }
        assertThat(flagged).isEqualTo(labelled);
        assertThat(repeated).isEqualTo(duplicateLabels);
        assertThat(kinds.keySet()).containsExactlyInAnyOrder("clean", "duplicate", "null", "out_of_range",
                "wrong_type", "malformed");
    }

    @Test
    void faultsAndLabelsAreTheSameAtOneAndEightThreadsAndUnderShards() {
        Map<String, Integer> one = bag(run(FAULTS, 1, spec -> spec));
        assertThat(bag(run(FAULTS, 8, spec -> spec))).isEqualTo(one);
        List<Delivered> shards = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            int index = shard;
            shards.addAll(run(FAULTS, 2, spec -> spec.shard(index, 3)));
        }
        assertThat(bag(shards)).isEqualTo(one);
    }

    private static Map<String, Integer> bag(List<Delivered> records) {
        Map<String, Integer> bag = new HashMap<>();
        records.forEach(record -> bag.merge(record.seq() + " " + record.label() + " " + record.json(), 1,
                Integer::sum));
        return bag;
    }

    @Test
    void eachKindTakesItsRateWithinStatisticalToleranceOverAMillionRecords() {
        Map<String, String> entries = Map.of("duplicate", "0.01", "null.rate", "0.005", "null.fields",
                "amount,currency", "malformed", "0.0005", "wrong_type.rate", "0.2", "wrong_type.fields", "amount");
        Faults faults = Faults.parse(entries);
        long streamKey = Seeding.derive(11, "transaction");
        int n = 1_000_000;
        Map<String, Integer> counts = new HashMap<>();
        for (long seq = 0; seq < n; seq++) {
            Faults.Choice choice = faults.decide(streamKey, seq);
            counts.merge(choice == null ? "clean" : choice.label(), 1, Integer::sum);
        }
        assertWithin(counts.get("duplicate"), n, 0.01);
        assertWithin(counts.get("null:amount"), n, 0.0025);
        assertWithin(counts.get("null:currency"), n, 0.0025);
        assertWithin(counts.get("malformed"), n, 0.0005);
        assertWithin(counts.get("wrong_type:amount"), n, 0.2);
        assertWithin(counts.get("clean"), n, 1 - 0.01 - 0.005 - 0.0005 - 0.2);
        assertThat(counts).hasSize(6);
    }

    /** Five standard deviations of a binomial count: fails for a wrong rate, passes by chance all but ~1e-6. */
    private static void assertWithin(int count, int n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) count).as("rate %s", p).isBetween(n * p - 5 * sigma, n * p + 5 * sigma);
    }

    @Test
    void theFaultsSettingHasATextFormThatRoundTrips() {
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink(new MemorySyncProducer());
        FAULTS.forEach((key, value) -> builder.set("faults." + key, value));
        EmulationSpec spec = builder.build();
        assertThat(spec.faults()).isEqualTo(FAULTS);
        EmulationSpec.Builder again = EmulationSpec.builder().registry(DOMAINS).sink(new MemorySyncProducer());
        spec.toSettings().forEach(again::set);
        assertThat(again.build().toSettings()).isEqualTo(spec.toSettings()).containsEntry("faults.null.fields",
                "amount,address,at");
    }

    static Stream<Arguments> badEntries() {
        return Stream.of(
                Arguments.of(Map.of("null.rate", "1.5", "null.fields", "amount"), "faults.null.rate", "1.5",
                        "must be from 0 to 1"),
                Arguments.of(Map.of("duplicate", "-0.1"), "faults.duplicate", "-0.1", "must be from 0 to 1"),
                Arguments.of(Map.of("duplicate", "often"), "faults.duplicate", "often", "expected a rate from 0 to 1"),
                Arguments.of(Map.of("nul.rate", "0.1"), "faults.nul.rate", "0.1",
                        "unknown fault 'nul', did you mean 'null'?"),
                Arguments.of(Map.of("null.rate", "0.1"), "faults.null.fields", null, "needed with faults.null.rate"),
                Arguments.of(Map.of("null.fields", "amount,,x", "null.rate", "0.1"), "faults.null.fields",
                        "amount,,x", "expected comma-separated field names"),
                Arguments.of(Map.of("duplicate.rate", "0.1"), "faults.duplicate.rate", "0.1",
                        "this fault damages no field"),
                Arguments.of(Map.of("null.ratio", "0.1"), "faults.null.ratio", "0.1",
                        "expected faults.null.rate or faults.null.fields"),
                Arguments.of(Map.of("duplicate", "0.6", "malformed", "0.6"), "faults", null,
                        "more than 1 (a record takes at most one fault)"));
    }

    @ParameterizedTest
    @MethodSource("badEntries")
    void aBadEntryIsRefusedByBuildNamingTheEntryAndItsValue(Map<String, String> entries, String setting,
            String value, String reason) {
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink(new MemorySyncProducer());
        entries.forEach(builder::fault);
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    Violation violation = e.violations().get(0);
                    assertThat(violation.setting()).isEqualTo(setting);
                    if (value != null) {
                        assertThat(violation.value()).isEqualTo(value);
                    }
                    assertThat(violation.reason()).contains(reason);
                });
    }

    static Stream<Arguments> entriesRefusedAtStart() {
        return Stream.of(
                Arguments.of("null", "amont", "domain 'every-type' has no field 'amont', did you mean 'amount'?"),
                Arguments.of("null", "maybe", "field 'maybe' may be null already"),
                Arguments.of("out_of_range", "ratio", "field 'ratio' (double) declares no bounds"),
                Arguments.of("wrong_type", "id", "field 'id' (uuid) is not a number or a boolean"),
                Arguments.of("orphan", "seq", "orphan faults are not supported yet"));
    }

    @ParameterizedTest
    @MethodSource("entriesRefusedAtStart")
    void aFieldTheSchemaDoesNotAllowIsRefusedWhenTheEmulationStarts(String kind, String field, String reason) {
        EmulationSpec spec = EmulationSpec.builder().registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .sink(new MemorySyncProducer()).maxRecords(10).fault(kind + ".rate", "0.1")
                .fault(kind + ".fields", field).build();
        assertThatThrownBy(() -> EmulationRunner.run(spec))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(Violation::setting, Violation::value, Violation::reason)
                        .singleElement().satisfies(v -> {
                            assertThat(v.toList()).startsWith("faults." + kind + ".fields", field);
                            assertThat((String) v.toList().get(2)).contains(reason);
                        }));
    }

    @Test
    void faultsATypedFormatCannotHoldAreRefusedAtStartNamingTheFormatAndTheFault() {
        // a sink that writes a typed format, as the object sinks do with Parquet
        MemorySyncProducer memory = new MemorySyncProducer();
        dev.dataemulator.core.spi.SyncProducer parquetLike = new dev.dataemulator.core.spi.SyncProducer() {
            @Override
            public void setupResource(String resource) {
                memory.setupResource(resource);
            }

            @Override
            public void produce(String resource, String key, EmulatedRecord record) {
                memory.produce(resource, key, record);
            }

            @Override
            public void flush() {
                memory.flush();
            }

            @Override
            public void close() {
                memory.close();
            }

            @Override
            public java.util.Optional<String> typedFormat() {
                return java.util.Optional.of("parquet");
            }
        };
        EmulationSpec.Builder malformed = EmulationSpec.builder().registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .sink(parquetLike).maxRecords(10).fault("malformed", "0.1");
        assertThatThrownBy(() -> EmulationRunner.run(malformed.build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'faults.malformed' = '0.1'").hasMessageContaining("parquet");
        EmulationSpec.Builder wrongType = EmulationSpec.builder().registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .sink(parquetLike).maxRecords(10).fault("wrong_type.rate", "0.1").fault("wrong_type.fields", "flag");
        assertThatThrownBy(() -> EmulationRunner.run(wrongType.build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'faults.wrong_type.rate' = '0.1'").hasMessageContaining("parquet");
        assertThat(memory.count()).isZero();

        // the faults a typed value holds still run
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS)
                .domain(EveryTypeDomain.NAME).sink(parquetLike).maxRecords(100).seed(1).fault("duplicate", "0.5")
                .build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(memory.count()).isGreaterThan(100);
    }
}
