package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.StopReason;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A parent and a child domain (a {@code ref} between them) run as one emulation: every reference resolves, and each
 * domain's records are byte for byte those of the domain run alone with the run's seed and id.
 */
class MultiDomainTest {
    private static final String DEFINITION = """
            version: 1
            domains:
              customers:
                count: 300
                resource: customers
                key: customer_id
                fields:
                  customer_id: {unique: {min: 100000, max: 999999}}
                  name: {faker: "#{Name.firstName}"}
              payments:
                resource: payments
                key: payment_id
                fields:
                  payment_id: {uuid: {}}
                  customer_id: {ref: {domain: customers, field: customer_id, pick: zipf, exponent: 1.1}}
                  amount: {decimal: {min: 1, max: 500, scale: 2}}
            """;
    private static final DomainRegistry DOMAINS = DeclarativeDomains.withDefined(DomainRegistry.of(),
            DeclarativeDomains.parse("bank.yaml", DEFINITION));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    private static EmulationSpec.Builder run(String domains, MemorySyncProducer sink) {
        return EmulationSpec.builder().registry(DOMAINS).set("domain", domains).sink(sink).clock(CLOCK).threads(4)
                .id("bank-1");
    }

    @Test
    void parentAndChildRunTogetherWithoutOrphansAndAsEachRunAlone() {
        MemorySyncProducer together = new MemorySyncProducer();
        // no seed: the run picks one for both domains; a bare count applies to the unbounded payments only
        EmulationReport report = EmulationRunner.run(run("customers,payments", together).set("max_records", "2000")
                .build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.forDomain("customers").orElseThrow().stats().generated()).isEqualTo(300);
        assertThat(report.forDomain("customers").orElseThrow().stopped()).contains(StopReason.EXHAUSTED);
        assertThat(report.forDomain("payments").orElseThrow().stats().generated()).isEqualTo(2000);
        assertThat(report.forDomain("payments").orElseThrow().stopped()).contains(StopReason.MAX_RECORDS);

        Set<String> customerIds = new HashSet<>();
        together.records("customers").forEach(record -> customerIds.add(field(record, "customer_id")));
        assertThat(customerIds).hasSize(300);
        List<String> referred = together.records("payments").stream().map(record -> field(record, "customer_id"))
                .toList();
        assertThat(referred).hasSize(2000).allMatch(customerIds::contains);

        for (String domain : List.of("customers", "payments")) {
            MemorySyncProducer alone = new MemorySyncProducer();
            EmulationRunner.run(run(domain, alone).set("max_records", "2000").seed(report.seed()).build());
            assertThat(json(together.records(domain))).isNotEmpty().isEqualTo(json(alone.records(domain)));
        }
    }

    @Test
    void aCountNamedForTheChildIsHonouredExactlyAndTheParentStillEmitsAll() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(run("customers,payments", sink)
                .set("max_records", "payments=777").seed(3).build());
        assertThat(sink.records("customers")).hasSize(300);
        assertThat(sink.records("payments")).hasSize(777);
        assertThat(report.stats().delivered()).isEqualTo(1077);
    }

    @Test
    void theChildEmittedAloneWithARandomSeedLogsTheWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmulationRunner.run(run("payments", new MemorySyncProducer()).maxRecords(10).build());
            EmulationRunner.run(run("payments", new MemorySyncProducer()).maxRecords(10).seed(5).build());
            EmulationRunner.run(run("customers,payments", new MemorySyncProducer()).maxRecords(10).build());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        String warning = "domain 'payments' refers to records of [customers], which this run does not emit";
        assertThat(log).contains("WARN").contains(warning)
                .contains("resolve only against the parent records emitted with the same seed")
                .contains("--seed").contains("--domain customers,payments");
        // only the first run warns: the others give the seed or run the parent too
        assertThat(log.split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
    }

    private static List<String> json(List<EmulatedRecord> records) {
        return records.stream().sorted(Comparator.comparingLong(EmulatedRecord::seq)).map(EmulatedRecord::jsonString)
                .toList();
    }

    /** @return the text of a top-level field of the record's data */
    private static String field(EmulatedRecord record, String name) {
        return String.valueOf(record.dataAsMap().get(name));
    }
}
