package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.testing.CounterDomain;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Map<Long, String> run(int threads, long seed) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(sink)
                .threads(threads).maxRecords(3000).seed(seed).clock(FIXED).id("run-1").build());
        return sink.records().stream()
                .collect(Collectors.toMap(EmulatedRecord::seq, EmulatedRecord::jsonString, (a, b) -> a, TreeMap::new));
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount() {
        Map<Long, String> one = run(1, 42);
        Map<Long, String> four = run(4, 42);
        assertThat(four).hasSize(3000).isEqualTo(one);
    }

    @Test
    void shardsOfTheSameSeedAndMaxRecordsTogetherMakeExactlyTheRecordsOfOneRunner() {
        Map<Long, String> whole = run(2, 42);
        assertThat(whole).hasSize(3000);
        Map<Long, String> union = new TreeMap<>();
        for (int shard = 0; shard < 3; shard++) {
            MemorySyncProducer sink = new MemorySyncProducer();
            EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain("counter")
                    .sink(sink).threads(2).maxRecords(3000).shard(shard, 3).seed(42).clock(FIXED).id("run-1")
                    .build());
            // maxRecords bounds the domain's records, not each shard's
            assertThat(report.stats().generated()).isEqualTo(1000);
            int index = shard;
            sink.records().forEach(record -> {
                assertThat(record.seq() % 3).isEqualTo(index);
                assertThat(union.put(record.seq(), record.jsonString())).isNull();
            });
        }
        assertThat(union).isEqualTo(whole);
    }

    @Test
    void maxRecordsNotDivisibleByTheShardCountGivesEachShardTheFloorOrCeiling() {
        List<Long> generated = shardCounts(4, 10, spec -> spec.maxRecords(10));
        assertThat(generated).containsExactly(3L, 3L, 2L, 2L);
    }

    @Test
    void aFiniteDomainIsSplitAcrossShardsWithoutOverlap() {
        List<Long> generated = shardCounts(3, 1000, spec -> spec.threads(2).domainOption("capacity", "1000"));
        assertThat(generated).containsExactly(334L, 333L, 333L);
    }

    /** Runs every shard of {@code count} to completion; checks each shard makes only its records below bound. */
    private static List<Long> shardCounts(int count, long bound, UnaryOperator<EmulationSpec.Builder> settings) {
        List<Long> generated = new ArrayList<>();
        for (int shard = 0; shard < count; shard++) {
            MemorySyncProducer sink = new MemorySyncProducer();
            EmulationReport report = EmulationRunner.run(settings.apply(EmulationSpec.builder().registry(DOMAINS)
                    .domain("counter").sink(sink).shard(shard, count)).build());
            assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
            int index = shard;
            assertThat(sink.records()).allMatch(r -> r.seq() % count == index && r.seq() < bound);
            generated.add(report.stats().generated());
        }
        return generated;
    }

    @Test
    void differentSeedsGiveDifferentRecords() {
        assertThat(run(2, 1)).isNotEqualTo(run(2, 2));
    }

    @Test
    void fixturesReproduceWhatTheRunnerProduced() {
        Map<Long, String> produced = run(3, 7);
        List<EmulatedRecord> fixtures = Fixtures.of("counter").registry(DOMAINS).seed(7).clock(FIXED)
                .emulationId("run-1").records(3000);
        assertThat(fixtures).hasSize(3000);
        Map<Long, String> expected = fixtures.stream().collect(Collectors.toMap(EmulatedRecord::seq,
                EmulatedRecord::jsonString, (a, b) -> a, TreeMap::new));
        assertThat(expected).isEqualTo(produced);
    }

    @Test
    void envelopeWrapsTheDataAsTheSeedDid() {
        EmulatedRecord record = Fixtures.of("counter").registry(DOMAINS).clock(FIXED).records(1).get(0);
        assertThat(record.jsonString()).startsWith("{\"emulation_id\":\"fixture\",\"timestamp\":1767225600,"
                + "\"data\":{\"id\":\"c-0\",\"seq\":0,");
        EmulatedRecord bare = Fixtures.of("counter").registry(DOMAINS).clock(FIXED).envelope(false).records(1).get(0);
        assertThat(bare.jsonString()).startsWith("{\"id\":\"c-0\",\"seq\":0,");
        assertThat(bare.dataAsMap()).containsEntry("id", "c-0").containsEntry("missing", null)
                .containsKey("nested");
    }
}
