package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.testing.CounterDomain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class StdoutSinkTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStandardOutput() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(original);
    }

    private String run(Map<String, String> config) {
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.of(new CounterDomain())).domain("counter").envelope(false)
                .sink("stdout", config).threads(2).maxRecords(5).seed(1).build());
        assertThat(report.stats().delivered()).isEqualTo(5);
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesOneJsonRecordPerLineByDefault() {
        String out = run(Map.of());
        assertThat(out.lines()).hasSize(5).allMatch(line -> line.startsWith("{\"id\":\"c-"));
    }

    @Test
    void writesCsvWithOneHeader() {
        String out = run(Map.of("format_type", "csv"));
        assertThat(out).startsWith("id,seq,value,").contains("c-0,0,", "c-4,4,");
        assertThat(out.split("id,seq,", -1)).hasSize(2);
    }

    @Test
    void rejectsUnknownSettings() {
        assertThatThrownBy(() -> SinkRegistry.discover().create("stdout", Map.of("format", "csv")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'format' = 'csv': is not a setting of the 'stdout' sink (known: format_type)");
    }
}
