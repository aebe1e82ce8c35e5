package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.spi.RecordFormat;
import dev.dataemulator.core.testing.CounterDomain;
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
    void unknownFormatNamesTheSettingAndValue() {
        assertThatThrownBy(() -> RecordFormat.parse("format_type", "xml"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid setting 'format_type' = 'xml': expected one of json, jsonl, csv");
        assertThat(RecordFormat.parse("format_type", "JSONL")).isEqualTo(RecordFormat.JSONL);
    }
}
