package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.support.MemorySyncProducer;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A declarative domain's {@code faults:} map: read with line:column errors, applied like the faults setting. */
class FaultsTest {
    private static final String DEFINITION = """
            version: 1
            domains:
              sales:
                key: sale_id
                fields:
                  sale_id: {uuid: {}}
                  amount: {double: {min: 0, max: 100}}
                  items: {long: {min: 1, max: 20}}
                faults:
                  duplicate: 0.05
                  null: {rate: 0.05, fields: [items]}
                  wrong_type: {rate: 0.05, fields: [amount]}
                  malformed: 0.05
            """;

    private static Map<String, Integer> kinds(MemorySyncProducer sink) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (EmulatedRecord record : sink.records()) {
            if (!record.domain().equals("sales")) {
                // a label, of the domain sales_faults: one per damaged record
                kinds.merge("label", 1, Integer::sum);
                continue;
            }
            kinds.merge(record.fault().orElse("clean"), 1, Integer::sum);
        }
        return kinds;
    }

    @Test
    void aDomainsFaultsApplyWhenTheEmulationSetsNoneAndTheSettingReplacesThem() {
        DomainRegistry domains = DomainRegistry.of(DeclarativeDomains.parse("sales.yaml", DEFINITION)
                .toArray(new dev.dataemulator.core.spi.DomainProvider[0]));
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().registry(domains).domain("sales")
                .sink(sink).maxRecords(2_000).seed(3).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        Map<String, Integer> kinds = kinds(sink);
        assertThat(kinds).containsOnlyKeys("clean", "duplicate", "null:items", "wrong_type:amount", "malformed",
                "label");
        assertThat(kinds.get("label")).isEqualTo(kinds.values().stream().mapToInt(Integer::intValue).sum()
                - kinds.get("clean") - kinds.get("label"));

        MemorySyncProducer own = new MemorySyncProducer();
        EmulationRunner.run(EmulationSpec.builder().registry(domains).domain("sales").sink(own).maxRecords(2_000)
                .seed(3).fault("malformed", "0.1").build());
        assertThat(kinds(own)).containsOnlyKeys("clean", "malformed", "label");
    }

    @Test
    void aBadFaultsEntryIsReportedAtItsLineAndColumn() {
        String bad = DEFINITION.replace("duplicate: 0.05", "dupliate: 0.05").replace("malformed: 0.05",
                "malformed: 2").replace("fields: [items]", "fields: items");
        DefinitionException e = catchThrowableOfType(DefinitionException.class,
                () -> DeclarativeDomains.parse("sales.yaml", bad));
        assertThat(e.problems()).extracting(DefinitionProblem::path, DefinitionProblem::line,
                DefinitionProblem::value).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("domains.sales.faults.dupliate", 10, "dupliate"),
                        org.assertj.core.groups.Tuple.tuple("domains.sales.faults.null.fields", 11, "items"),
                        org.assertj.core.groups.Tuple.tuple("domains.sales.faults.malformed", 13, "2"));
        assertThat(e.problems().stream().filter(p -> p.path().endsWith("dupliate")).findFirst().orElseThrow()
                .suggestion()).isEqualTo("duplicate");
    }
}
