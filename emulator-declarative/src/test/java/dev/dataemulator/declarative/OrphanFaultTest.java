package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code orphan} fault on declarative {@code ref} fields: a parent and a child run as one emulation, and a join of
 * the child's references against the parent's records finds exactly the labelled orphans.
 */
class OrphanFaultTest {
    private static final String DEFINITION = """
            version: 1
            domains:
              accounts:
                count: 200
                resource: accounts
                key: account_id
                fields:
                  account_id: {unique: {min: 1000, max: 99999}}
                  owner_id: {uuid: {}}
                  owner: {faker: "#{Name.firstName}"}
              transfers:
                resource: transfers
                key: transfer_id
                fields:
                  transfer_id: {uuid: {}}
                  account_id: {ref: {domain: accounts, field: account_id}}
                  owner_id: {ref: {domain: accounts, field: owner_id, same_as: account_id}}
                  owner: {ref: {domain: accounts, field: owner, same_as: account_id}}
                  amount: {long: {min: 1, max: 500}}
                faults:
                  orphan: {rate: 0.05, fields: [account_id, owner_id]}
            """;
    private static final DomainRegistry DOMAINS = DeclarativeDomains.withDefined(DomainRegistry.of(),
            DeclarativeDomains.parse("bank.yaml", DEFINITION));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> REFS = List.of("account_id", "owner_id");

    private static EmulationSpec.Builder run(String domains, MemorySyncProducer sink, int threads) {
        return EmulationSpec.builder().registry(DOMAINS).set("domain", domains).set("max_records", "transfers=3000")
                .sink(sink).threads(threads).seed(7).id("bank-1").clock(CLOCK);
    }

    @Test
    void aJoinAgainstTheParentFindsExactlyTheLabelledOrphansAtOneAndEightThreads() {
        MemorySyncProducer one = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(run("accounts,transfers", one, 1).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(one.records("accounts")).hasSize(200);

        Map<String, Set<String>> parentValues = new HashMap<>();
        for (String field : REFS) {
            Set<String> values = new HashSet<>();
            one.records("accounts").forEach(account -> values.add(value(account, field)));
            parentValues.put(field, values);
        }
        // the join: every reference the parent's records do not hold
        Set<String> unresolved = new HashSet<>();
        for (EmulatedRecord transfer : one.records("transfers")) {
            for (String field : REFS) {
                if (!parentValues.get(field).contains(value(transfer, field))) {
                    unresolved.add(transfer.seq() + ":" + field);
                }
            }
        }
        Set<String> labelled = new HashSet<>();
        for (EmulatedRecord label : one.records("transfers_faults")) {
            Map<String, Object> line = label.dataAsMap();
            assertThat(line.get("kind")).isEqualTo("orphan");
            labelled.add(line.get("seq") + ":" + line.get("field"));
            // the clean value resolves: the original is a parent's value
            String original = String.valueOf(line.get("original")).replace("\"", "");
            assertThat(parentValues.get((String) line.get("field"))).contains(original);
        }
        // about 5% of 3000 records, each damaging one of two fields
        assertThat(labelled).hasSizeBetween(100, 200);
        assertThat(unresolved).isEqualTo(labelled);

        MemorySyncProducer eight = new MemorySyncProducer();
        EmulationRunner.run(run("accounts,transfers", eight, 8).build());
        for (String resource : List.of("accounts", "transfers", "transfers_faults")) {
            assertThat(json(eight.records(resource))).isEqualTo(json(one.records(resource)));
        }
    }

    @Test
    void cleanRecordsAreByteIdenticalAndAnOrphanDiffersOnlyInItsField() {
        MemorySyncProducer faulty = new MemorySyncProducer();
        EmulationRunner.run(run("transfers", faulty, 2).build());
        MemorySyncProducer clean = new MemorySyncProducer();
        // a faults setting replaces the domain's map: a zero rate damages nothing
        EmulationRunner.run(run("transfers", clean, 2).fault("duplicate", "0").build());
        assertThat(clean.records("transfers_faults")).isEmpty();

        List<EmulatedRecord> damaged = sorted(faulty.records("transfers"));
        List<EmulatedRecord> expected = sorted(clean.records("transfers"));
        assertThat(damaged).hasSameSizeAs(expected);
        int orphans = 0;
        for (int i = 0; i < damaged.size(); i++) {
            EmulatedRecord record = damaged.get(i);
            if (record.fault().isEmpty()) {
                assertThat(record.jsonString()).isEqualTo(expected.get(i).jsonString());
                continue;
            }
            orphans++;
            String field = record.fault().orElseThrow().substring("orphan:".length());
            Map<String, Object> fields = new HashMap<>(record.dataAsMap());
            Map<String, Object> cleanFields = new HashMap<>(expected.get(i).dataAsMap());
            assertThat(fields.remove(field)).isNotEqualTo(cleanFields.remove(field));
            assertThat(fields).isEqualTo(cleanFields);
        }
        assertThat(orphans).isEqualTo(faulty.records("transfers_faults").size()).isPositive();
    }

    @Test
    void theSettingEqualsTheDomainsFaults() {
        MemorySyncProducer fromYaml = new MemorySyncProducer();
        EmulationRunner.run(run("transfers", fromYaml, 2).build());
        MemorySyncProducer fromSetting = new MemorySyncProducer();
        EmulationRunner.run(run("transfers", fromSetting, 2).fault("orphan.rate", "0.05")
                .fault("orphan.fields", "account_id,owner_id").build());
        for (String resource : List.of("transfers", "transfers_faults")) {
            assertThat(json(fromSetting.records(resource))).isNotEmpty().isEqualTo(json(fromYaml.records(resource)));
        }
    }

    @Test
    void anOrphanOnAFieldThatIsNoProvableReferenceIsRefusedAtStartNamingTheField() {
        InvalidSettingException notRef = catchThrowableOfType(InvalidSettingException.class,
                () -> EmulationRunner.run(run("transfers", new MemorySyncProducer(), 1)
                        .fault("orphan.rate", "0.1").fault("orphan.fields", "amount").build()));
        assertThat(notRef.getMessage()).contains("'faults.orphan.fields' = 'amount'")
                .contains("field 'amount' of domain 'transfers' is not a reference")
                .contains("its references: account_id, owner_id, owner");

        InvalidSettingException unknown = catchThrowableOfType(InvalidSettingException.class,
                () -> EmulationRunner.run(run("transfers", new MemorySyncProducer(), 1)
                        .fault("orphan.rate", "0.1").fault("orphan.fields", "acount_id").build()));
        assertThat(unknown.getMessage()).contains("did you mean 'account_id'?");

        InvalidSettingException faker = catchThrowableOfType(InvalidSettingException.class,
                () -> EmulationRunner.run(run("transfers", new MemorySyncProducer(), 1)
                        .fault("orphan.rate", "0.1").fault("orphan.fields", "owner").build()));
        assertThat(faker.getMessage()).contains("field 'owner' of domain 'transfers': it refers to 'accounts.owner'")
                .contains("leaves no value provably absent");
    }

    @Test
    void everyProvableParentGeneratorGivesOrphansTheJoinFindsAndOnlyThose() {
        // a reference to each generator whose absent values are proven, and one through a reference (g -> p -> c)
        String definition = """
                version: 1
                domains:
                  g:
                    resource: g
                    count: 40
                    fields:
                      gid: {uuid: {}}
                  p:
                    resource: p
                    count: 60
                    fields:
                      up: {sequence: {start: 1, step: 3}}
                      down: {sequence: {start: 0, step: -2}}
                      n: {int: {min: -5, max: 5, distribution: normal, mean: 0, stddev: 9}}
                      gid: {ref: {domain: g, field: gid}}
                  c:
                    resource: c
                    fields:
                      up: {ref: {domain: p, field: up}}
                      down: {ref: {domain: p, field: down, same_as: up}}
                      n: {ref: {domain: p, field: n, same_as: up}}
                      gid: {ref: {domain: p, field: gid, same_as: up}}
                    faults:
                      orphan: {rate: 0.4, fields: [up, down, n, gid]}
                """;
        DomainRegistry domains = DeclarativeDomains.withDefined(DomainRegistry.of(),
                DeclarativeDomains.parse("chain.yaml", definition));
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationRunner.run(EmulationSpec.builder().registry(domains).set("domain", "g,p,c")
                .set("max_records", "c=500").sink(sink).threads(2).seed(11).clock(CLOCK).build());
        List<String> fields = List.of("up", "down", "n", "gid");
        Set<String> unresolved = new HashSet<>();
        for (String field : fields) {
            Set<String> parent = new HashSet<>();
            sink.records("p").forEach(record -> parent.add(value(record, field)));
            for (EmulatedRecord child : sink.records("c")) {
                if (!parent.contains(value(child, field))) {
                    unresolved.add(child.seq() + ":" + field);
                }
            }
        }
        Set<String> labelled = new HashSet<>();
        sink.records("c_faults").forEach(label -> labelled.add(label.dataAsMap().get("seq") + ":"
                + label.dataAsMap().get("field")));
        assertThat(labelled).hasSizeBetween(150, 250);
        assertThat(labelled.stream().map(label -> label.substring(label.indexOf(':') + 1)).distinct())
                .containsExactlyInAnyOrderElementsOf(fields);
        assertThat(unresolved).isEqualTo(labelled);
    }

    private static String value(EmulatedRecord record, String field) {
        return String.valueOf(record.dataAsMap().get(field));
    }

    private static List<EmulatedRecord> sorted(List<EmulatedRecord> records) {
        return records.stream().sorted(Comparator.comparingLong(EmulatedRecord::seq)).toList();
    }

    private static List<String> json(List<EmulatedRecord> records) {
        return sorted(records).stream().map(EmulatedRecord::jsonString).toList();
    }
}
