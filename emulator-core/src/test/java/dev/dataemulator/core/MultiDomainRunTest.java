package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.testing.CounterDomain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Several domains in one emulation: one id and seed, a resource and a report per domain, counts per domain. */
class MultiDomainRunTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    /** Two unbounded domains and a finite one (40 records) whose records refer to {@code counter}'s. */
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain(),
            new CounterDomain("tally", "tallies"), new Finite("stock", 40, Set.of("counter")));

    private static EmulationSpec.Builder run(String domains) {
        return EmulationSpec.builder().registry(DOMAINS).set("domain", domains).sink(new MemorySyncProducer())
                .clock(CLOCK).threads(3);
    }

    @Test
    void namedCountsAndTheBareCountAreHonouredExactlyUnderOneIdAndSeed() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(DOMAINS)
                .set("domain", "counter, tally,stock").set("max_records", "250,tally=1234").sink(sink).clock(CLOCK)
                .threads(3).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.perDomain()).extracting(EmulationReport::domain).containsExactly("counter", "tally", "stock");
        // the bare count applies to the unbounded domain not named; the finite one emits all its 40 records
        assertThat(report.forDomain("counter").orElseThrow().stats().generated()).isEqualTo(250);
        assertThat(report.forDomain("tally").orElseThrow().stats().generated()).isEqualTo(1234);
        assertThat(report.forDomain("stock").orElseThrow().stopped()).contains(StopReason.EXHAUSTED);
        assertThat(report.stats().generated()).isEqualTo(250 + 1234 + 40);
        assertThat(report.stats().delivered()).isEqualTo(250 + 1234 + 40);
        assertThat(sink.records("counters")).hasSize(250);
        assertThat(sink.records("tallies")).hasSize(1234);
        assertThat(sink.records("stocks")).hasSize(40);
        assertThat(sink.records()).extracting(EmulatedRecord::emulationId).containsOnly(report.id());
        assertThat(report.perDomain()).extracting(EmulationReport::seed).containsOnly(report.seed());
        assertThat(report.perDomain()).extracting(EmulationReport::id).containsOnly(report.id());
        assertThat(report.domain()).isEqualTo("counter,tally,stock");
        assertThat(report.resource()).isEqualTo("counters,tallies,stocks");
    }

    @Test
    void eachDomainsRecordsAreThoseOfTheDomainRunAloneWithTheSameSeedAndId() {
        MemorySyncProducer together = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(run("counter,tally").set("max_records", "300")
                .sink(together).id("one-run").build());
        for (String domain : List.of("counter", "tally")) {
            MemorySyncProducer alone = new MemorySyncProducer();
            EmulationRunner.run(run(domain).set("max_records", "300").sink(alone).id("one-run")
                    .seed(report.seed()).build());
            String resource = DOMAINS.resourceFor(domain);
            assertThat(json(together.records(resource))).hasSize(300).isEqualTo(json(alone.records(resource)));
        }
    }

    @Test
    void aDomainThatFailsStopsTheOthersAndTheRunFails() {
        MemorySyncProducer memory = new MemorySyncProducer();
        SyncProducer sink = new SyncProducer() {
            @Override
            public void setupResource(String resource) {
                memory.setupResource(resource);
            }

            @Override
            public void produce(String resource, String key, EmulatedRecord record) {
                if (resource.equals("tallies") && record.seq() == 10) {
                    throw new SinkException("rejected");
                }
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
        };
        try (Emulation emulation = EmulationRunner.start(run("counter,tally").sink(sink).ratePerSecond(2000)
                .build())) {
            EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
            assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
            assertThat(report.stopped()).contains(StopReason.FAILED);
            assertThat(report.forDomain("tally").orElseThrow().status()).isEqualTo(EmulationStatus.FAILED);
            assertThat(report.forDomain("counter").orElseThrow().status()).isEqualTo(EmulationStatus.STOPPED);
            assertThat(report.failure()).get().extracting(Throwable::getMessage).asString().contains("rejected");
        }
    }

    @Test
    void aServiceKeepsTheRunUnderItsOneIdAndStopsEveryDomain() {
        try (EmulatorService service = EmulatorService.create()) {
            Emulation emulation = service.start(run("counter,tally").id("both").ratePerSecond(500).build());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emulation.report()
                    .perDomain().stream().allMatch(domain -> domain.stats().delivered() > 0));
            assertThat(service.list()).containsExactly(emulation);
            assertThat(emulation.status()).isEqualTo(EmulationStatus.RUNNING);

            EmulationReport report = service.stop("both").awaitCompletion(Duration.ofSeconds(20));
            assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
            assertThat(report.perDomain()).extracting(EmulationReport::status)
                    .containsExactly(EmulationStatus.STOPPED, EmulationStatus.STOPPED);
            assertThat(report.stats().generated()).isEqualTo(report.stats().delivered() + report.stats().failed())
                    .isEqualTo(report.perDomain().stream().mapToLong(domain -> domain.stats().generated()).sum());
            assertThat(service.report("both").status()).isEqualTo(EmulationStatus.STOPPED);
        }
    }

    @Test
    void theReferenceWarningNamesTheParentAndTheRemedyOnlyWhenTheSeedIsRandomAndTheParentLeftOut() {
        assertThat(run("stock").build().referenceWarning()).get().asString()
                .contains("domain 'stock' refers to records of [counter], which this run does not emit")
                .contains("resolve only against the parent records emitted with the same seed")
                .contains("--seed").contains("--domain counter,stock");
        assertThat(run("stock").seed(7).build().referenceWarning()).isEmpty();
        assertThat(run("counter,stock").build().referenceWarning()).isEmpty();
        assertThat(run("tally").build().referenceWarning()).isEmpty();
    }

    @Test
    void theDomainSpecOfAFiniteDomainDropsTheDurationAndTheBareCount() {
        EmulationSpec spec = run("counter,stock").set("max_records", "9").duration(Duration.ofSeconds(5)).build();
        EmulationSpec stock = spec.forDomain("stock");
        assertThat(stock.domain()).isEqualTo("stock");
        assertThat(stock.maxRecords()).isEmpty();
        assertThat(stock.duration()).isEmpty();
        EmulationSpec counter = spec.forDomain("counter");
        assertThat(counter.maxRecords()).hasValue(9);
        assertThat(counter.duration()).contains(Duration.ofSeconds(5));
        assertThat(run("counter,stock").set("max_records", "stock=3").build().forDomain("stock").maxRecords())
                .hasValue(3);
        assertThat(run("counter,tally").set("max_records", "tally=5, 7").build().toSettings())
                .containsEntry("domain", "counter,tally").containsEntry("max_records", "7,tally=5");
        assertThatThrownBy(() -> spec.forDomain("tally")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoDomainsWritingToOneResourceDoNotStart() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec spec = EmulationSpec.builder().registry(DomainRegistry.of(new CounterDomain(),
                new CounterDomain("tally", "counters"))).set("domain", "counter,tally").sink(sink).build();
        assertThatThrownBy(() -> EmulationRunner.start(spec)).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.setting()).isEqualTo("domain");
                    assertThat(violation.value()).isEqualTo("counter,tally");
                    assertThat(violation.reason()).contains("runs domains 'counter' and 'tally', which both write "
                            + "to 'counters'");
                }));
        assertThat(sink.count()).isZero();
    }

    static Stream<Arguments> badRuns() {
        return Stream.of(
                bad("an unknown domain in the list", b -> b.set("domain", "counter,tallly"), "domain",
                        "counter,tallly", "Unknown domain 'tallly'"),
                bad("an empty name in the list", b -> b.set("domain", "counter,,tally"), "domain", "counter,,tally",
                        "expected domain names, comma-separated"),
                bad("a domain twice", b -> b.set("domain", "counter,tally,counter"), "domain",
                        "counter,tally,counter", "names domain 'counter' twice"),
                bad("a count for a domain not in the run", b -> b.set("max_records", "stock=5"), "max_records",
                        "stock=5", "counts records of 'stock', which is not a domain of this run"),
                bad("a count without its domain", b -> b.set("max_records", "=5"), "max_records", "=5",
                        "expected a count N or DOMAIN=N entries"),
                bad("a count that is not a number", b -> b.set("max_records", "tally=lots"), "max_records",
                        "tally=lots", "expected a whole number"),
                bad("a zero count", b -> b.set("max_records", "tally=0"), "max_records", "tally=0",
                        "must be at least 1"),
                bad("two bare counts", b -> b.set("max_records", "5,6"), "max_records", "5,6",
                        "expected a count N or DOMAIN=N entries"),
                bad("a domain counted twice", b -> b.set("max_records", "tally=5,tally=6"), "max_records",
                        "tally=5,tally=6", "each domain once"),
                bad("one resource for several domains", b -> b.resource("everything"), "resource", "everything",
                        "a run of several domains writes each to its own"),
                bad("a bare count that applies to no domain", b -> b.set("domain", "tally,stock")
                        .set("max_records", "5,tally=9"), "max_records", "5,tally=9",
                        "a bare count applies to the domains of the run without a count of their own"));
    }

    private static Arguments bad(String name, UnaryOperator<EmulationSpec.Builder> change, String setting,
            String value, String reason) {
        return Arguments.of(name, change, setting, value, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRuns")
    void aBadMultiDomainSettingNamesTheSettingAndTheValue(String name, UnaryOperator<EmulationSpec.Builder> change,
            String setting, String value, String reason) {
        assertThatThrownBy(() -> change.apply(run("counter,tally")).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .anySatisfy(violation -> {
                            assertThat(violation.setting()).isEqualTo(setting);
                            assertThat(violation.value()).isEqualTo(value);
                            assertThat(violation.reason()).contains(reason);
                        }));
    }

    private static List<String> json(List<EmulatedRecord> records) {
        return records.stream().sorted(java.util.Comparator.comparingLong(EmulatedRecord::seq))
                .map(EmulatedRecord::jsonString).toList();
    }

    /** A counter domain with a count of its own that declares the domains it refers to. */
    private static final class Finite implements DomainProvider {
        private final CounterDomain counter;
        private final long count;
        private final Set<String> references;

        Finite(String name, long count, Set<String> references) {
            this.counter = new CounterDomain(name, name + "s");
            this.count = count;
            this.references = references;
        }

        @Override
        public String name() {
            return counter.name();
        }

        @Override
        public Optional<String> defaultResource() {
            return counter.defaultResource();
        }

        @Override
        public DomainGenerator open(DomainContext context) {
            return counter.open(new DomainContext(context.seed(), context.clock(),
                    Map.of("capacity", String.valueOf(count))));
        }

        @Override
        public long capacity(Map<String, String> options) {
            return count;
        }

        @Override
        public Set<String> references() {
            return references;
        }
    }
}
