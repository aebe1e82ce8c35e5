package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.testing.EveryTypeDomain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A schema drift that drops and renames nested fields (structs, lists of structs) and the fault it combines with:
 * records from {@code at} on are the clean records with those fields left out or under their new names, nested
 * values whole; the new version names the old one. Added fields are proved in emulator-declarative.
 */
class DriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-01-01T12:00:00Z");

    private static List<EmulatedRecord> run(Map<String, String> faults) {
        return run(faults, new java.util.HashMap<>());
    }

    /** @param labels filled with the label stream's original value by seq */
    private static List<EmulatedRecord> run(Map<String, String> faults, Map<Long, String> labels) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder().registry(DomainRegistry.of(new EveryTypeDomain()))
                .domain(EveryTypeDomain.NAME).sink(sink).threads(2).seed(3).envelope(false)
                .eventTime(EventTime.backfill(Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T00:00:00Z"))).ratePerSecond(1.0 / 60);
        faults.forEach(spec::fault);
        assertThat(EmulationRunner.run(spec.build()).status()).isEqualTo(EmulationStatus.COMPLETED);
        List<EmulatedRecord> records = new ArrayList<>(sink.records("every-types")); // the labels aside
        records.sort(Comparator.comparingLong(EmulatedRecord::seq));
        sink.records("every-types_faults").forEach(label -> labels.put(label.seq(),
                (String) label.dataAsMap().get("original")));
        return records;
    }

    @Test
    void nestedFieldsAreDroppedOrRenamedWholeAndAFaultedFieldKeepsItsFaultUnderItsNewName() throws Exception {
        List<EmulatedRecord> clean = run(Map.of());
        Map<Long, String> labels = new java.util.HashMap<>();
        List<EmulatedRecord> drifted = run(Map.of("drift.at", AT.toString(), "drift.drop", "address,tags",
                "drift.rename.lines", "items", "drift.rename.extra", "bonus", "null.rate", "0.2", "null.fields",
                "lines"), labels);
        assertThat(drifted).hasSameSizeAs(clean).hasSizeGreaterThan(1000);
        RecordSchema old = EveryTypeDomain.SCHEMA;
        int after = 0;
        int nulled = 0;
        for (int i = 0; i < clean.size(); i++) {
            EmulatedRecord was = clean.get(i);
            EmulatedRecord is = drifted.get(i);
            ObjectNode expected = (ObjectNode) JSON.readTree(was.json());
            if (is.fault().isPresent()) {
                // the label stream keeps the clean value, as the first version names the field
                assertThat(JSON.readTree(labels.get(is.seq()))).isEqualTo(expected.get("lines"));
                expected.putNull("lines");
                nulled++;
            }
            if (is.eventTime().isBefore(AT)) {
                assertThat(JSON.readTree(is.json())).isEqualTo(expected);
                assertThat(is.schema()).containsSame(old);
                continue;
            }
            after++;
            ObjectNode renamed = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (!name.equals("address") && !name.equals("tags")) {
                    renamed.set(name.equals("lines") ? "items" : name.equals("extra") ? "bonus" : name,
                            field.getValue());
                }
            }
            assertThat(JSON.readTree(is.json())).as("seq %d", is.seq()).isEqualTo(renamed);
            RecordSchema version = is.schema().orElseThrow();
            assertThat(version.previous()).containsSame(old);
            assertThat(version.renamed()).isEqualTo(Map.of("lines", "items", "extra", "bonus"));
            assertThat(version.fields()).extracting(RecordSchema.Field::name).containsExactly("id", "seq", "small",
                    "ratio", "amount", "flag", "at", "day", "maybe", "when", "bonus", "items");
        }
        assertThat(after).isBetween(clean.size() / 3, clean.size() * 2 / 3);
        assertThat(nulled).isPositive();
    }
}
