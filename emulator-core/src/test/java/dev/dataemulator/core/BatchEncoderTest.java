package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.EveryTypeDomain;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class BatchEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<EmulatedRecord> RECORDS = Fixtures.of("counter")
            .registry(DomainRegistry.of(new CounterDomain())).seed(3).records(25);

    private static String encode(RecordFormat format, List<EmulatedRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchEncoder encoder = new BatchEncoder(format, out);
        long sum = 0;
        for (EmulatedRecord record : records) {
            sum += encoder.add(record);
        }
        encoder.finish();
        assertThat(encoder.records()).isEqualTo(records.size());
        assertThat(encoder.bytes()).isEqualTo(out.size()).isGreaterThanOrEqualTo(sum);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsOneArrayOfTheRecordsOwnBytes() throws Exception {
        JsonNode array = JSON.readTree(encode(RecordFormat.JSON, RECORDS));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(25);
        assertThat(array.get(4).get("data").get("seq").asLong()).isEqualTo(4);
        assertThat(JSON.readTree(encode(RecordFormat.JSON, List.of())).size()).isZero();
    }

    @Test
    void jsonLinesHasOneDocumentPerLine() throws Exception {
        String[] lines = encode(RecordFormat.JSONL, RECORDS).split("\n");
        assertThat(lines).hasSize(25);
        for (int i = 0; i < lines.length; i++) {
            assertThat(JSON.readTree(lines[i]).get("data").get("id").asText()).isEqualTo("c-" + i);
        }
    }

    @Test
    void csvHasOneHeaderAndRfc4180QuotingThatARealParserReadsBack() throws Exception {
        String csv = encode(RecordFormat.CSV, RECORDS);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).containsExactly("emulation_id", "timestamp", "data.id", "data.seq",
                    "data.value", "data.note", "data.even", "data.missing", "data.nested.now");
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(25);
            assertThat(rows.get(7).get("data.note")).isEqualTo(RECORDS.get(7).dataAsMap().get("note"))
                    .contains(",").contains("\"").contains("\n");
            assertThat(rows.get(7).get("data.seq")).isEqualTo("7");
            assertThat(rows.get(7).get("data.missing")).isEmpty();
        }
        assertThat(csv).contains("\r\n");
    }

    @Test
    void csvColumnsComeFromTheSchemaWhateverTheFirstRecordHolds() throws Exception {
        DomainRegistry domains = DomainRegistry.of(new EveryTypeDomain());
        List<EmulatedRecord> records = Fixtures.of(EveryTypeDomain.NAME).registry(domains).seed(1).records(300);
        List<String> expected = List.of("emulation_id", "timestamp", "data.id", "data.seq", "data.small",
                "data.ratio", "data.amount", "data.flag", "data.at", "data.day", "data.maybe", "data.when",
                "data.address.city", "data.address.zip", "data.extra.score", "data.tags", "data.lines");
        // whether the first record's nullable struct is null or not, the header is the same
        EmulatedRecord nullExtra = records.stream().filter(r -> r.dataAsMap().get("extra") == null).findFirst()
                .orElseThrow();
        EmulatedRecord someExtra = records.stream().filter(r -> r.dataAsMap().get("extra") != null).findFirst()
                .orElseThrow();
        for (List<EmulatedRecord> batch : List.of(List.of(nullExtra, someExtra), List.of(someExtra, nullExtra),
                records)) {
            try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(encode(RecordFormat.CSV, batch)))) {
                assertThat(parser.getHeaderNames()).containsExactlyElementsOf(expected);
                List<CSVRecord> rows = parser.getRecords();
                assertThat(rows).hasSize(batch.size());
                for (int i = 0; i < rows.size(); i++) {
                    java.util.Map<String, Object> data = batch.get(i).dataAsMap();
                    CSVRecord row = rows.get(i);
                    assertThat(row.get("data.amount")).isEqualTo(data.get("amount").toString());
                    assertThat(row.get("data.at")).isEqualTo(data.get("at"));
                    assertThat(row.get("data.day")).isEqualTo(data.get("day"));
                    assertThat(JSON.readTree(row.get("data.tags"))).isEqualTo(JSON.valueToTree(data.get("tags")));
                    assertThat(JSON.readTree(row.get("data.lines")).size())
                            .isEqualTo(((List<?>) data.get("lines")).size());
                    if (data.get("extra") == null) {
                        assertThat(row.get("data.extra.score")).isEmpty();
                    } else {
                        assertThat(row.get("data.extra.score")).isEqualTo(
                                ((java.util.Map<?, ?>) data.get("extra")).get("score").toString());
                    }
                }
            }
        }
    }

    @Test
    void aDomainWithoutSchemaTakesItsCsvColumnsFromTheFirstRecordAndRejectsOthers() {
        DomainProvider schemaless = new DomainProvider() {
            @Override
            public String name() {
                return "loose";
            }

            @Override
            public DomainGenerator open(DomainContext context) {
                return () -> (seq, random) -> new RecordData() {
                    @Override
                    public String key() {
                        return "k";
                    }

                    @Override
                    public void writeFields(FieldWriter out) {
                        out.integer("seq", seq);
                        if (seq == 2) {
                            out.string("late", "x");
                        }
                    }
                };
            }
        };
        List<EmulatedRecord> records = Fixtures.of("loose").registry(DomainRegistry.of(schemaless)).envelope(false)
                .records(3);
        assertThat(encode(RecordFormat.CSV, records.subList(0, 2))).startsWith("seq\r\n0\r\n1\r\n");
        assertThatThrownBy(() -> encode(RecordFormat.CSV, records)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record 2 of 'loose' has columns [seq, late], expected [seq]");
    }

    @Test
    void unknownFormatNamesTheSettingAndValue() {
        assertThatThrownBy(() -> RecordFormat.parse("format_type", "xml"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid setting 'format_type' = 'xml': expected one of json, jsonl, csv");
        assertThat(RecordFormat.parse("format_type", "JSONL")).isEqualTo(RecordFormat.JSONL);
    }
}
