package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.ResumableMemorySink;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The runner's resume contract with a resumable sink in memory: a run that dies part way and is resumed ends with
 * the records of one uninterrupted run, each once; a resume with other settings, a sink that cannot resume and a
 * resume without an id are refused, naming what is wrong.
 */
class ResumeTest {
    private static final int RECORDS = 20_000;
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain(),
            new CounterDomain("other", "counters"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private static EmulationSpec.Builder spec(ResumableMemorySink sink) {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(sink).threads(3)
                .maxRecords(RECORDS).seed(42).clock(CLOCK).id("nightly").resume(true);
    }

    /** @return the JSON of each record by seq, failing on a seq met twice */
    private static Map<Long, String> bySeq(Iterable<EmulatedRecord> records) {
        Map<Long, String> bySeq = new TreeMap<>();
        for (EmulatedRecord record : records) {
            assertThat(bySeq.put(record.seq(), record.jsonString())).as("seq %d twice", record.seq()).isNull();
        }
        return bySeq;
    }

    @Test
    void aRunThatDiesTwiceAndIsResumedEndsWithTheRecordsOfOneUninterruptedRunEachOnce() {
        ResumableMemorySink sink = new ResumableMemorySink().refuseAfter(4_321);
        EmulationReport first = EmulationRunner.run(spec(sink).build());
        assertThat(first.status()).isEqualTo(EmulationStatus.FAILED);
        sink.refuseAfter(7_000);
        EmulationReport second = EmulationRunner.run(spec(sink).build());
        assertThat(second.status()).isEqualTo(EmulationStatus.FAILED);
        long before = sink.records().size();
        assertThat(before).isEqualTo(11_321L);

        EmulationReport resumed = EmulationRunner.run(spec(sink.accept()).duration(java.time.Duration.ofMinutes(5))
                .build());

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(resumed.stats().generated()).isEqualTo(RECORDS - before);
        MemorySyncProducer plain = new MemorySyncProducer();
        EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(plain).threads(1)
                .maxRecords(RECORDS).seed(42).clock(CLOCK).id("nightly").build());
        Map<Long, String> expected = bySeq(plain.records());
        assertThat(expected.keySet()).containsExactlyElementsOf(
                LongStream.range(0, RECORDS).boxed().collect(Collectors.toList()));
        assertThat(bySeq(sink.records())).isEqualTo(expected);
    }

    @Test
    void aResumeOfACompletedEmulationMakesNothingMore() {
        ResumableMemorySink sink = new ResumableMemorySink();
        assertThat(EmulationRunner.run(spec(sink).build()).stats().generated()).isEqualTo(RECORDS);

        EmulationReport again = EmulationRunner.run(spec(sink).build());

        assertThat(again.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(again.stats().generated()).isZero();
        assertThat(sink.records()).hasSize(RECORDS);
    }

    @Test
    void aResumeWithAnotherSeedDomainOrThreadCountIsRefusedNamingEachDifference() {
        ResumableMemorySink sink = new ResumableMemorySink().refuseAfter(1_000);
        EmulationRunner.run(spec(sink).build());
        sink.accept();

        EmulationReport report = EmulationRunner.run(spec(sink).seed(43).domain("other").threads(2).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.stats().generated()).isZero();
        assertThat(report.failure()).get().isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(
                e.violations()).extracting(Violation::setting, Violation::value).containsExactlyInAnyOrder(
                        tuple("domain", "other"), tuple("seed", "43"), tuple("threads", "2")))
                .extracting(Throwable::getMessage).asString().contains("'seed' = '43': differs from '42', the value emulation 'nightly' first "
                        + "started with");
        assertThat(sink.records()).hasSize(1_000);
    }

    @Test
    void aResumeMayChangeTheDurationAndTheErrorPolicy() {
        ResumableMemorySink sink = new ResumableMemorySink().refuseAfter(1_000);
        EmulationRunner.run(spec(sink).build());

        EmulationReport report = EmulationRunner.run(spec(sink.accept()).duration(java.time.Duration.ofHours(1))
                .errorPolicy(ErrorPolicy.CONTINUE).progressInterval(java.time.Duration.ofSeconds(1)).build());

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(bySeq(sink.records())).hasSize(RECORDS);
    }

    @Test
    void withoutASeedAResumableEmulationDerivesOneFromItsIdSoTheSameCommandResumes() {
        ResumableMemorySink sink = new ResumableMemorySink().refuseAfter(1_000);
        EmulationReport first = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink(sink).threads(3).maxRecords(RECORDS).clock(CLOCK).id("unseeded").resume(true).build());
        EmulationReport second = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink(sink.accept()).threads(3).maxRecords(RECORDS).clock(CLOCK).id("unseeded").resume(true).build());

        assertThat(second.status()).as(second.toString()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(second.seed()).isEqualTo(first.seed());
        assertThat(sink.records().stream().filter(r -> r.emulationId().equals("unseeded")).map(EmulatedRecord::seq)
                .distinct().count()).isEqualTo(RECORDS);
    }

    @Test
    void aSinkThatKeepsNoProgressIsRefusedAtStartNamingIt() {
        EmulationSpec spec = EmulationSpec.builder().registry(DOMAINS).domain("counter").sink("memory", Map.of())
                .maxRecords(10).id("nightly").resume(true).build();

        assertThatThrownBy(() -> EmulationRunner.start(spec)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'resume' = 'true': the sink 'memory' keeps no durable progress");
    }

    @Test
    void resumeNeedsAnId() {
        assertThatThrownBy(() -> EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink(new MemorySyncProducer()).resume(true).build()).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'resume' = 'true': needs id");
    }
}
