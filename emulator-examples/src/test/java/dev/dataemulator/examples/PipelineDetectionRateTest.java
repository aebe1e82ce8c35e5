package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.declarative.DeclarativeDomains;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's pipeline test: an emulation with labelled faults writes transactions into a directory (the {@code file}
 * sink; any sink works the same way), a pipeline's validation step reads them back, and the test measures the share
 * of damaged records the step caught against the label objects {@code transaction_faults/} the same run wrote.
 */
class PipelineDetectionRateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bound of a {@code decimal(12, 2)} amount. */
    private static final BigDecimal AMOUNT_BOUND = new BigDecimal("10000000000");

    @TempDir
    Path dir;

    /** What a pipeline's validation step rejects, per kind of problem it knows, by record key. */
    private record Rejected(Map<String, Set<String>> byKind, int unreadable) {
    }

    @Test
    void aValidationStepCatchesEveryLabelledRecordOfItsKinds() throws IOException {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .domain("transaction")
                .sink("file", Map.of("path", dir.toString()))
                .maxRecords(20_000).seed(42).threads(2)
                .fault("duplicate", "0.01")
                .fault("null.rate", "0.005").fault("null.fields", "amount,currency")
                .fault("out_of_range.rate", "0.002").fault("out_of_range.fields", "amount")
                .fault("wrong_type.rate", "0.002").fault("wrong_type.fields", "amount")
                .fault("malformed", "0.001")
                .build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);

        Rejected rejected = validate(lines(dir.resolve("transactions/transaction")));
        Map<String, Set<String>> labelled = new TreeMap<>();
        for (String line : lines(dir.resolve("transactions/transaction_faults"))) {
            JsonNode label = JSON.readTree(line);
            labelled.computeIfAbsent(label.get("kind").asText(), kind -> new HashSet<>())
                    .add(label.get("key").asText());
        }

        // detection rate per kind: what the step caught of what was put in
        for (String kind : List.of("duplicate", "null", "out_of_range", "wrong_type")) {
            Set<String> caught = new HashSet<>(rejected.byKind().getOrDefault(kind, Set.of()));
            caught.retainAll(labelled.get(kind));
            double rate = (double) caught.size() / labelled.get(kind).size();
            assertThat(rate).as(kind).isEqualTo(1.0);
            // and nothing clean was rejected
            assertThat(rejected.byKind().get(kind)).as(kind).isEqualTo(labelled.get(kind));
        }
        assertThat(rejected.unreadable()).isEqualTo(labelled.get("malformed").size()).isPositive();
    }

    @Test
    void withPartitionedRecordsTheLabelObjectsAreUnpartitionedBesideThem() throws IOException {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder().domain("transaction")
                .sink("file", Map.of("path", dir.toString(), "partition_by", "country={location}"))
                .maxRecords(2_000).seed(42).id("partitioned").fault("duplicate", "0.05").build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);

        try (Stream<Path> files = Files.walk(dir.resolve("transactions"))) {
            List<String> names = files.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString())
                    .toList();
            assertThat(names).anyMatch(name -> name.matches("transactions/transaction/country=[A-Z]{2}/partitioned/"
                    + "part-\\d+\\.jsonl"));
            assertThat(names).filteredOn(name -> name.contains("_faults")).isNotEmpty().allMatch(name -> name
                    .matches("transactions/transaction_faults/partitioned/part-\\d+\\.jsonl"));
        }
        long repeats = lines(dir.resolve("transactions/transaction")).size() - 2_000L;
        assertThat(lines(dir.resolve("transactions/transaction_faults"))).hasSize((int) repeats);
    }

    /** The declarative reference's example: a domain's own {@code faults:}, the records and labels in memory. */
    @Test
    void aDeclarativeDomainsFaultsAreMeasuredTheSameWay() throws IOException {
        String definition = """
                version: 1
                domains:
                  sales:
                    resource: sales
                    key: sale_id
                    fields:
                      sale_id: {uuid: {}}
                      amount: {decimal: {min: 0, max: 1000, scale: 2}}
                      items: {long: {min: 1, max: 20}}
                    faults:
                      duplicate: 0.01
                      null: {rate: 0.005, fields: [items]}
                      wrong_type: {rate: 0.002, fields: [amount]}
                      malformed: 0.001
                """;
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationRunner.run(EmulationSpec.builder()
                .registry(DeclarativeDomains.withDefinition(DomainRegistry.discover(), "sales.yaml", definition))
                .domain("sales").sink(sink).maxRecords(20_000).seed(7).envelope(false).build());

        Map<String, Set<String>> caught = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        int unreadable = 0;
        for (var record : sink.records("sales")) {
            JsonNode sale;
            try {
                sale = JSON.readTree(record.jsonString());
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            String key = sale.get("sale_id").asText();
            String problem = !seen.add(key) ? "duplicate" : sale.get("items").isNull() ? "null"
                    : sale.get("amount").isTextual() ? "wrong_type" : null;
            if (problem != null) {
                caught.computeIfAbsent(problem, p -> new HashSet<>()).add(key);
            }
        }
        Map<String, Set<String>> labelled = new TreeMap<>();
        for (var label : sink.records("sales_faults")) {
            JsonNode line = JSON.readTree(label.jsonString());
            labelled.computeIfAbsent(line.get("kind").asText(), kind -> new HashSet<>()).add(line.get("key").asText());
        }
        assertThat(labelled.keySet()).containsExactly("duplicate", "malformed", "null", "wrong_type");
        labelled.forEach((kind, keys) -> {
            if (!kind.equals("malformed")) {
                assertThat(caught.get(kind)).as(kind).isEqualTo(keys);
            }
        });
        assertThat(unreadable).isEqualTo(labelled.get("malformed").size());
    }

    /** The pipeline's validation step under test: one check per problem it knows of. */
    private static Rejected validate(List<String> lines) {
        Map<String, Set<String>> byKind = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        int unreadable = 0;
        for (String line : lines) {
            JsonNode data;
            try {
                data = JSON.readTree(line).get("data");
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            String key = data.get("transaction_id").asText();
            JsonNode amount = data.get("amount");
            String problem = !seen.add(key) ? "duplicate"
                    : amount.isNull() || data.get("currency").isNull() ? "null"
                    : amount.isTextual() ? "wrong_type"
                    : amount.decimalValue().abs().compareTo(AMOUNT_BOUND) >= 0 ? "out_of_range"
                    : null;
            if (problem != null) {
                byKind.computeIfAbsent(problem, p -> new HashSet<>()).add(key);
            }
        }
        return new Rejected(byKind, unreadable);
    }

    /** @return the lines of every object under {@code prefix} */
    private static List<String> lines(Path prefix) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(prefix)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
