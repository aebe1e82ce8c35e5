package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void aRunTheDurationEndedBeforeAnyRecordGetsAWarning() {
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").sink("memory", java.util.Map.of())
                .duration(Duration.ofMillis(10)).build();
        EmulationReport report = new EmulationReport("e1", "transaction", "transactions", 1,
                EmulationStatus.COMPLETED, new EmulationStats(0, 0, 0, 0, Duration.ofMillis(10)), List.of(), null,
                StopReason.DURATION);
        StringWriter text = new StringWriter();
        Summary.print(new PrintWriter(text), spec, report, "memory 'transactions'");

        assertThat(text.toString()).contains("status     COMPLETED (duration elapsed)",
                "warning    the duration (10 ms) ended the run before any record was made");
    }
}
