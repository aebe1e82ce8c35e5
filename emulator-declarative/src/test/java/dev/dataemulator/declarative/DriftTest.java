package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Schema drift ({@code faults.drift}): records before {@code at} are byte-identical to a run without drift, records
 * at or after it have the new version (fields dropped, renamed, added by the declarative vocabulary), at any thread
 * count; a domain's {@code faults: drift:} applies; every bad drift entry is refused naming it.
 */
class DriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITION = """
            version: 1
            domains:
              accounts:
                key: account_id
                fields:
                  account_id: {uuid: {}}
                  amount: {decimal: {min: 0, max: 1000, scale: 2}}
                  tier: {one_of: [gold, silver]}
                  opened: {int: {min: 1990, max: 2025}}
            """;
    private static final DomainRegistry DOMAINS = registry(DEFINITION);
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");
    private static final Map<String, String> DRIFT = Map.of("drift.at", AT.toString(),
            "drift.add.channel", "{one_of: [web, app]}", "drift.drop", "tier", "drift.rename.amount", "amount_eur");

    private static DomainRegistry registry(String definition) {
        return DomainRegistry.of(DeclarativeDomains.parse("accounts.yaml", definition).toArray(new DomainProvider[0]));
    }

    private static EmulationSpec.Builder spec(DomainRegistry domains, Map<String, String> faults, int threads) {
        EmulationSpec.Builder spec = EmulationSpec.builder().registry(domains).domain("accounts")
                .sink(new MemorySyncProducer()).threads(threads).seed(11).envelope(false)
                .eventTime(EventTime.backfill(FROM, TO)).ratePerSecond(1.0 / 1200);
        faults.forEach(spec::fault);
        return spec;
    }

    /** @return the records by seq */
    private static List<EmulatedRecord> run(DomainRegistry domains, Map<String, String> faults, int threads) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(spec(domains, faults, threads).sink(sink).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        List<EmulatedRecord> records = new ArrayList<>(sink.records());
        records.sort(Comparator.comparingLong(EmulatedRecord::seq));
        return records;
    }

    @Test
    void recordsBeforeAtAreTheCleanRecordsAndRecordsFromAtOnHaveTheNewVersion() throws Exception {
        List<EmulatedRecord> clean = run(DOMAINS, Map.of(), 1);
        List<EmulatedRecord> drifted = run(DOMAINS, DRIFT, 1);
        RecordSchema old = DOMAINS.schema("accounts");
        assertThat(drifted).hasSameSizeAs(clean).hasSizeGreaterThan(1000);
        int before = 0;
        Map<String, Integer> channels = new TreeMap<>();
        for (int i = 0; i < clean.size(); i++) {
            EmulatedRecord was = clean.get(i);
            EmulatedRecord is = drifted.get(i);
            assertThat(is.seq()).isEqualTo(was.seq());
            assertThat(is.key()).isEqualTo(was.key());
            if (is.eventTime().isBefore(AT)) {
                before++;
                assertThat(is.json()).as("seq %d", is.seq()).isEqualTo(was.json());
                assertThat(is.schema()).contains(old);
                continue;
            }
            ObjectNode want = (ObjectNode) JSON.readTree(was.json());
            want.remove("tier");
            ObjectNode is1 = (ObjectNode) JSON.readTree(is.json());
            String channel = is1.get("channel").asText();
            channels.merge(channel, 1, Integer::sum);
            ObjectNode renamed = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = want.fields(); it.hasNext();) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = it.next();
                renamed.set(field.getKey().equals("amount") ? "amount_eur" : field.getKey(), field.getValue());
            }
            renamed.put("channel", channel);
            assertThat(is1).as("seq %d", is.seq()).isEqualTo(renamed);
            assertThat(names(is1.fieldNames())).containsExactly("account_id", "amount_eur", "opened",
                    "channel");
            assertThat(is.schema().orElseThrow().fields()).extracting(RecordSchema.Field::name)
                    .containsExactly("account_id", "amount_eur", "opened", "channel");
            assertThat(is.schema().orElseThrow().fields()).extracting(RecordSchema.Field::type)
                    .containsExactly(FieldType.UUID, old.field("amount").orElseThrow().type(), FieldType.INT,
                            FieldType.STRING);
        }
        // 14 of 31 days before the drift
        assertThat(before).isBetween(clean.size() * 12 / 31, clean.size() * 16 / 31);
        assertThat(channels.keySet()).containsExactly("app", "web");
    }

    private static <T> List<T> names(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    @Test
    void theSameRecordsAtOneAndEightThreads() {
        List<EmulatedRecord> one = run(DOMAINS, DRIFT, 1);
        List<EmulatedRecord> eight = run(DOMAINS, DRIFT, 8);
        assertThat(eight).extracting(EmulatedRecord::jsonString)
                .containsExactlyElementsOf(one.stream().map(EmulatedRecord::jsonString).toList());
        assertThat(eight).extracting(r -> r.schema().orElseThrow().size())
                .containsExactlyElementsOf(one.stream().map(r -> r.schema().orElseThrow().size()).toList());
    }

    @Test
    void aDomainsDriftApplies() {
        DomainRegistry domains = registry(DEFINITION + """
                    faults:
                      drift:
                        at: "2026-01-15T00:00:00Z"
                        add: {channel: {one_of: [web, app]}}
                        drop: [tier]
                        rename: {amount: amount_eur}
                """);
        List<EmulatedRecord> fromDomain = run(domains, Map.of(), 2);
        assertThat(fromDomain).extracting(EmulatedRecord::jsonString)
                .containsExactlyElementsOf(run(DOMAINS, DRIFT, 2).stream().map(EmulatedRecord::jsonString).toList());
    }

    @Test
    void aBadDriftInADefinitionIsReportedAtItsLine() {
        DefinitionException e = catchThrowableOfType(DefinitionException.class, () -> DeclarativeDomains.parse(
                "accounts.yaml", DEFINITION + """
                            faults:
                              drift:
                                at: "yesterday"
                                renam: {amount: amount_eur}
                        """));
        assertThat(e.problems()).extracting(DefinitionProblem::path, DefinitionProblem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("domains.accounts.faults.drift.at", 12),
                org.assertj.core.groups.Tuple.tuple("domains.accounts.faults.drift.renam", 13));
        assertThat(e.problems().get(1).suggestion()).isEqualTo("rename");
    }

    private static void assertRefused(Map<String, String> change, String entry, String... reasons) {
        Map<String, String> faults = new LinkedHashMap<>(DRIFT);
        change.forEach((key, value) -> {
            if (value == null) {
                faults.remove(key);
            } else {
                faults.put(key, value);
            }
        });
        InvalidSettingException e = catchThrowableOfType(InvalidSettingException.class,
                () -> EmulationRunner.run(spec(DOMAINS, faults, 1).build()));
        assertThat(e).as("%s", change).isNotNull();
        assertThat(e.violations()).extracting(InvalidSettingException.Violation::setting).containsExactly(entry);
        for (String reason : reasons) {
            assertThat(e.getMessage()).contains(reason);
        }
    }

    @Test
    void everyBadDriftEntryIsRefusedNamingIt() {
        assertRefused(Map.of("drift.at", "2025-12-31T00:00:00Z"), "faults.drift.at", "outside the run's event "
                + "times 2026-01-01T00:00:00Z..2026-02-01T00:00:00Z");
        assertRefused(Map.of("drift.at", "2026-02-01T00:00:00Z"), "faults.drift.at", "outside the run's event times");
        assertRefused(Map.of("drift.at", "soon"), "faults.drift.at", "ISO-8601 instant");
        assertRefused(Map.of("drift.rename.account_id", "id"), "faults.drift.rename.account_id", "record key");
        assertRefused(Map.of("drift.drop", "tier,account_id"), "faults.drift.drop", "'account_id' is the record key");
        assertRefused(Map.of("drift.rename.amount", "opened"), "faults.drift.rename.amount",
                "already has a field 'opened'");
        assertRefused(Map.of("drift.drop", "teir"), "faults.drift.drop", "no field 'teir', did you mean 'tier'?");
        assertRefused(Map.of("drift.rename.amout", "amount_eur"), "faults.drift.rename.amout",
                "no field 'amout', did you mean 'amount'?");
        assertRefused(Map.of("drift.add.opened", "{int: {min: 1, max: 2}}"), "faults.drift.add.opened",
                "already has a field 'opened'");
        assertRefused(Map.of("drift.add.channel", "{one_off: [web, app]}"), "faults.drift.add.channel",
                "did you mean 'one_of'?");
        assertRefused(Map.of("drift.renam.amount", "x"), "faults.drift.renam.amount", "did you mean 'rename'?");
        assertRefused(Map.of("drift.rename.amount", "amount-eur"), "faults.drift.rename.amount",
                "not a field name");
        assertRefused(Map.of("drift.drop", "amount"), "faults.drift.drop", "also renamed");
        assertRefused(Map.of("null.rate", "0.1", "null.fields", "tier"), "faults.null.fields",
                "dropped by faults.drift.drop");
        Map<String, String> noAt = new LinkedHashMap<>();
        noAt.put("drift.at", null);
        assertRefused(noAt, "faults.drift.at", "needed");
        assertThatThrownBy(() -> EmulationSpec.builder().fault("drift.at", AT.toString()).build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("changes nothing");
    }
}
