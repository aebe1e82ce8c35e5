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
import dev.dataemulator.core.support.Shards;
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

    /** A record as delivered: seq, key, label (empty when clean) and JSON. */
    private record Delivered(long seq, String key, String label, String json) {
    }

    /** What a run delivered: the records in arrival order, and the label stream's JSON lines. */
    private record Run(List<Delivered> records, List<JsonNode> labels) {
    }

    private static final String RESOURCE = "every-types";
    private static final String LABELS = RESOURCE + "_faults";

    private static Run run(Map<String, String> faults, int threads, UnaryOperator<EmulationSpec.Builder> more) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder().registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .sink(sink).threads(threads).maxRecords(COUNT).seed(7).clock(FIXED).id("faulty").envelope(false);
        faults.forEach((key, value) -> spec.set("faults." + key, value));
        EmulationReport report = EmulationRunner.run(more.apply(spec).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        // inserted duplicates and labels count as made and delivered
        assertThat(report.stats().generated()).isEqualTo(report.stats().delivered()).isEqualTo(sink.count());
        List<Delivered> delivered = new ArrayList<>();
        for (EmulatedRecord record : sink.records(RESOURCE)) {
            delivered.add(new Delivered(record.seq(), record.key(), record.fault().orElse(""), record.jsonString()));
        }
        List<JsonNode> labels = new ArrayList<>();
        for (EmulatedRecord label : sink.records(LABELS)) {
            assertThat(label.domain()).isEqualTo(EveryTypeDomain.NAME + "_faults");
            assertThat(label.fault()).isEmpty();
            labels.add(readTree(label.jsonString()));
        }
        return new Run(delivered, labels);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Test
    void aRunWithFaultsEqualsTheCleanRunExceptForTheLabelledRecordsAndTheInsertedDuplicates() {
        Map<Long, String> clean = new TreeMap<>();
        for (Delivered record : run(Map.of(), 1, spec -> spec).records()) {
            assertThat(record.label()).isEmpty();
            clean.put(record.seq(), record.json());
        }
        List<Delivered> faulty = run(FAULTS, 1, spec -> spec).records();

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
    void aDuplicateComesLaterOnAtMostTheWindowAfterTheRecordItRepeatsAndNeverPastItsBlock() {
        List<Delivered> faulty = run(FAULTS, 1, spec -> spec).records();
        Map<Long, Integer> firstAt = new HashMap<>();
        List<Integer> gaps = new ArrayList<>();
        for (int i = 0; i < faulty.size(); i++) {
            Delivered record = faulty.get(i);
            if (!record.label().equals("duplicate")) {
                assertThat(firstAt.put(record.seq(), i)).isNull();
                continue;
            }
            // one thread makes seqs in order: the records between are the later seqs, and the repeats among them
            int originalAt = firstAt.get(record.seq());
            long seqsBetween = faulty.subList(originalAt + 1, i).stream()
                    .filter(between -> !between.label().equals("duplicate")).count();
            assertThat(seqsBetween).isBetween(0L, (long) Faults.REPEAT_WINDOW);
            // the block of 64 seqs a worker claims at once holds the record and its repeat
            assertThat(record.seq() / 64).isEqualTo((record.seq() + seqsBetween) / 64);
            gaps.add((int) seqsBetween);
        }
        // later on: most repeats have other records between them and their original
        assertThat(gaps).isNotEmpty();
        assertThat(gaps.stream().filter(gap -> gap >= 2).count()).isGreaterThan(gaps.size() / 2);
    }

    @Test
    void theLabelStreamHoldsOneLineForEachDamagedRecordWithItsKeyKindFieldAndOriginalValue() {
        Run faulty = run(FAULTS, 1, spec -> spec);
        Map<Long, Delivered> clean = new HashMap<>();
        run(Map.of(), 1, spec -> spec).records().forEach(record -> clean.put(record.seq(), record));

        List<String> fromRecords = new ArrayList<>();
        faulty.records().stream().filter(record -> !record.label().isEmpty())
                .forEach(record -> fromRecords.add(record.seq() + " " + record.key() + " " + record.label()));
        List<String> fromLabels = new ArrayList<>();
        for (JsonNode label : faulty.labels()) {
            assertThat(label.fieldNames()).toIterable().containsExactly("emulation_id", "seq", "key", "kind",
                    "field", "original");
            assertThat(label.get("emulation_id").asText()).isEqualTo("faulty");
            long seq = label.get("seq").asLong();
            String kind = label.get("kind").asText();
            JsonNode field = label.get("field");
            fromLabels.add(seq + " " + label.get("key").asText() + " " + kind
                    + (field.isNull() ? "" : ":" + field.asText()));
            JsonNode cleanRecord = readTree(clean.get(seq).json());
            JsonNode original = label.get("original");
            switch (kind) {
                case "duplicate" -> assertThat(original.isNull()).isTrue();
                case "malformed" -> assertThat(original.asText()).isEqualTo(clean.get(seq).json());
                default -> assertThat(readTree(original.asText())).as(label.toString())
                        .isEqualTo(cleanRecord.get(field.asText()));
            }
        }
        // in arrival order: a label follows its record
        assertThat(fromLabels).isEqualTo(fromRecords);
        assertThat(fromLabels).hasSizeGreaterThan(COUNT * 4 / 100);
    }

    @Test
    void anIndependentValidatorFindsExactlyTheRecordsOfTheLabelStream() {
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .build())).getSchema(EveryTypeDomain.SCHEMA.toJsonSchema(false));
        Run faulty = run(FAULTS, 1, spec -> spec);

        // the JSONL object as a reader sees it: one line per record, nothing else
        Map<Long, Integer> flagged = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<Long, Integer> repeated = new TreeMap<>();
        for (Delivered record : faulty.records()) {
            JsonNode node = readTree(record.json());
            if (node == null || !validator.validate(node).isEmpty()) {
                flagged.merge(record.seq(), 1, Integer::sum);
            }
            if (seen.merge(record.key() + "\n" + record.json(), 1, Integer::sum) > 1) {
                repeated.merge(record.seq(), 1, Integer::sum);
            }
        }
        Map<Long, Integer> labelled = new TreeMap<>();
        Map<Long, Integer> duplicateLabels = new TreeMap<>();
        Set<String> kinds = new HashSet<>();
        for (JsonNode label : faulty.labels()) {
            String kind = label.get("kind").asText();
            kinds.add(kind);
            (SCHEMA_KINDS.contains(kind) ? labelled : duplicateLabels).merge(label.get("seq").asLong(), 1,
                    Integer::sum);
        }
        assertThat(flagged).isEqualTo(labelled);
        assertThat(repeated).isEqualTo(duplicateLabels);
        assertThat(kinds).containsExactlyInAnyOrder("duplicate", "null", "out_of_range", "wrong_type", "malformed");
    }

    @Test
    void faultsAndLabelsAreTheSameAtOneAndEightThreadsAndUnderShards() {
        Map<String, Integer> one = bag(run(FAULTS, 1, spec -> spec));
        assertThat(bag(run(FAULTS, 8, spec -> spec))).isEqualTo(one);
        Map<String, Integer> shards = new HashMap<>();
        for (int shard = 0; shard < 3; shard++) {
            int index = shard;
            bag(run(FAULTS, 2, spec -> spec.shard(index, 3))).forEach((line, n) -> shards.merge(line, n,
                    Integer::sum));
        }
        assertThat(shards).isEqualTo(one);
        assertThat(one.keySet()).anyMatch(line -> line.startsWith("label {"));
    }

    @Test
    void fixturesServeTheRunnersRecordsRepeatsAndLabelsInItsOrderAtOneThreadAndUnderAShard() {
        for (int shard = 0; shard < 2; shard++) {
            int index = shard;
            Run expected = run(FAULTS, 1, spec -> index == 0 ? spec : spec.shard(1, 3));
            int shards = index == 0 ? 1 : 3;
            Fixtures fixtures = Fixtures.of(EveryTypeDomain.NAME).registry(DOMAINS).seed(7).clock(FIXED)
                    .emulationId("faulty").envelope(false);
            FAULTS.forEach(fixtures::fault);
            Fixtures.Stream stream = fixtures.stream();
            long limit = Shards.count(shards, index, COUNT);
            List<Delivered> records = new ArrayList<>();
            List<JsonNode> labels = new ArrayList<>();
            for (long position = 0; position < limit; position++) {
                List<EmulatedRecord> emitted = new ArrayList<>();
                emitted.add(stream.record(Shards.seq(shards, index, position)));
                emitted.addAll(stream.repeatsAfter(position, shards, index, limit));
                for (EmulatedRecord record : emitted) {
                    records.add(new Delivered(record.seq(), record.key(), record.fault().orElse(""),
                            record.jsonString()));
                    EmulatedRecord label = stream.label(record);
                    if (label != null) {
                        labels.add(readTree(label.jsonString()));
                    }
                }
            }
            assertThat(records).as("shard %s", index).isEqualTo(expected.records());
            assertThat(labels).isEqualTo(expected.labels());
            assertThat(records).anyMatch(record -> record.label().equals("duplicate"));
        }
    }

    private static Map<String, Integer> bag(Run run) {
        Map<String, Integer> bag = new HashMap<>();
        run.records().forEach(record -> bag.merge(record.seq() + " " + record.label() + " " + record.json(), 1,
                Integer::sum));
        run.labels().forEach(label -> bag.merge("label " + label, 1, Integer::sum));
        return bag;
    }

    @Test
    void withFaultLabelsFalseNoLabelResourceIsSetUpAndRecordsStillCarryTheirLabel() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS)
                .domain(EveryTypeDomain.NAME).sink(sink).maxRecords(2_000).seed(7).set("fault_labels", "false")
                .fault("malformed", "0.05").build());
        assertThat(report.stats().delivered()).isEqualTo(sink.count()).isEqualTo(2_000);
        assertThat(sink.resources()).containsExactly(RESOURCE);
        assertThat(sink.records(RESOURCE)).anyMatch(record -> record.fault().isPresent());
    }

    @Test
    void aJsonLinesStreamHoldsTheLabelLinesAmongTheRecordLines() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        MemorySyncProducer memory = new MemorySyncProducer();
        UnaryOperator<EmulationSpec.Builder> spec = builder -> builder.registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .maxRecords(500).seed(3).clock(FIXED).id("lines").fault("null.rate", "0.1").fault("null.fields",
                        "amount");
        EmulationRunner.run(spec.apply(EmulationSpec.builder()).sink(memory).build());
        EmulationRunner.run(spec.apply(EmulationSpec.builder()).sink(new dev.dataemulator.core.support
                .StreamSyncProducer(out, dev.dataemulator.core.spi.RecordFormat.JSONL)).build());

        List<String> lines = List.of(out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        List<String> labels = lines.stream().filter(line -> line.startsWith("{\"emulation_id\":\"lines\",\"seq\""))
                .toList();
        assertThat(labels).isEqualTo(memory.records(LABELS).stream().map(EmulatedRecord::jsonString).toList())
                .isNotEmpty();
        assertThat(lines).hasSize(500 + labels.size());
    }

    @Test
    void aStreamHoldingOneCsvDocumentRefusesTheLabelsAtStartNamingFaultLabels() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        EmulationSpec.Builder spec = EmulationSpec.builder().registry(DOMAINS).domain(EveryTypeDomain.NAME)
                .sink(new dev.dataemulator.core.support.StreamSyncProducer(out,
                        dev.dataemulator.core.spi.RecordFormat.CSV))
                .maxRecords(100).fault("duplicate", "0.1");
        assertThatThrownBy(() -> EmulationRunner.run(spec.build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'fault_labels' = 'true': the stream holds one csv document")
                .hasMessageContaining("set fault_labels=false");
        assertThat(out.size()).isZero();

        // without labels the records' stream runs, the cut rows among them
        EmulationRunner.run(spec.faultLabels(false).fault("malformed", "0.2").build());
        String[] rows = out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        int columns = rows[0].split(",").length;
        assertThat(rows).hasSizeGreaterThan(100);
        assertThat(java.util.Arrays.stream(rows).filter(row -> row.split(",", -1).length < columns / 2 + 1))
                .hasSizeGreaterThan(5);
    }

    @Test
    void aLabelTheSinkRefusesIsCountedFailedLikeARecord() {
        MemorySyncProducer memory = new MemorySyncProducer();
        dev.dataemulator.core.spi.SyncProducer refusingLabels = new ForwardingSink(memory) {
            @Override
            public void produce(String resource, String key, EmulatedRecord record) {
                if (resource.equals(LABELS)) {
                    throw new SinkException("no labels here");
                }
                super.produce(resource, key, record);
            }
        };
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS)
                .domain(EveryTypeDomain.NAME).sink(refusingLabels).maxRecords(2_000).seed(7)
                .errorPolicy(ErrorPolicy.CONTINUE).fault("malformed", "0.05").build());
        long damaged = memory.records(RESOURCE).stream().filter(record -> record.fault().isPresent()).count();
        assertThat(damaged).isPositive();
        assertThat(report.stats().failed()).isEqualTo(damaged);
        assertThat(report.stats().delivered()).isEqualTo(2_000);
        assertThat(report.stats().generated()).isEqualTo(2_000 + damaged);
    }

    /** A sink passing every call to another, for tests that change one call. */
    private static class ForwardingSink implements dev.dataemulator.core.spi.SyncProducer {
        private final dev.dataemulator.core.spi.SyncProducer to;
        private final String typedFormat;

        ForwardingSink(dev.dataemulator.core.spi.SyncProducer to) {
            this(to, null);
        }

        ForwardingSink(dev.dataemulator.core.spi.SyncProducer to, String typedFormat) {
            this.to = to;
            this.typedFormat = typedFormat;
        }

        @Override
        public void setupResource(String resource) {
            to.setupResource(resource);
        }

        @Override
        public void produce(String resource, String key, EmulatedRecord record) {
            to.produce(resource, key, record);
        }

        @Override
        public void flush() {
            to.flush();
        }

        @Override
        public void close() {
            to.close();
        }

        @Override
        public java.util.Optional<String> typedFormat() {
            return java.util.Optional.ofNullable(typedFormat);
        }
    }

    /** Counts records and labels by kind without keeping them: a million records in a few seconds. */
    private static final class CountingSink implements dev.dataemulator.core.spi.SyncProducer {
        final java.util.concurrent.atomic.LongAdder records = new java.util.concurrent.atomic.LongAdder();
        final Map<String, java.util.concurrent.atomic.LongAdder> labels =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void setupResource(String resource) {
        }

        @Override
        public void produce(String resource, String key, EmulatedRecord record) {
            if (resource.endsWith("_faults")) {
                Map<String, Object> label = record.dataAsMap();
                String field = label.get("field") == null ? "" : ":" + label.get("field");
                labels.computeIfAbsent(label.get("kind") + field,
                        k -> new java.util.concurrent.atomic.LongAdder()).increment();
            } else {
                records.increment();
            }
            record.tracker().delivered(1);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachKindTakesItsRateOfTheEmittedRecordsWithinStatisticalToleranceOverAMillionRecords() {
        CountingSink sink = new CountingSink();
        EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(sink)
                .threads(2).maxRecords(1_000_000).seed(11).fault("duplicate", "0.05").fault("null.rate", "0.005")
                .fault("null.fields", "seq,even").fault("malformed", "0.0005").fault("wrong_type.rate", "0.2")
                .fault("wrong_type.fields", "value").build());
        Map<String, Long> counts = new TreeMap<>();
        sink.labels.forEach((kind, count) -> counts.put(kind, count.sum()));
        long emitted = sink.records.sum();
        long repeats = counts.get("duplicate");
        assertThat(emitted).isEqualTo(1_000_000 + repeats);
        // each a share of what is emitted, repeats included
        assertWithin(repeats, emitted, 0.05);
        assertWithin(counts.get("null:seq"), emitted, 0.0025);
        assertWithin(counts.get("null:even"), emitted, 0.0025);
        assertWithin(counts.get("malformed"), emitted, 0.0005);
        assertWithin(counts.get("wrong_type:value"), emitted, 0.2);
        assertThat(counts).hasSize(5);
    }

    /** Five standard deviations of a binomial count: fails for a wrong rate, passes by chance all but ~1e-6. */
    private static void assertWithin(long count, long n, double p) {
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
                        "more than 1 (a record takes at most one fault"),
                Arguments.of(Map.of("duplicate", "0.4", "malformed", "0.3"), "faults", null,
                        "duplicate counts twice, for the record and its repeat"));
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
                Arguments.of("orphan", "seq", "field 'seq' of domain 'every-type' is not a reference to another "
                        + "domain (a declarative 'ref'), so no value of it is an orphan; the domain has no reference"),
                Arguments.of("orphan", "amont", "has no field 'amont', did you mean 'amount'?"));
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
        dev.dataemulator.core.spi.SyncProducer parquetLike = new ForwardingSink(memory, "parquet");
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
