package dev.dataemulator.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The faults a table's typed columns cannot hold are refused when the emulation starts, before any connection. */
class JdbcFaultsTest {
    private static EmulationSpec.Builder spec() {
        // nothing listens there: the refusal comes before the sink connects
        return EmulationSpec.builder().domain("transaction").maxRecords(10)
                .sink("jdbc", Map.of("url", "jdbc:postgresql://127.0.0.1:1/none", "retry_timeout", "1s"));
    }

    @Test
    void malformedIsRefusedNamingTheSinksRowsAndTheFault() {
        assertThatThrownBy(() -> EmulationRunner.run(spec().fault("malformed", "0.01").build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'faults.malformed' = '0.01'")
                .hasMessageContaining("the sink writes jdbc table rows, which cannot hold a malformed record");
    }

    @Test
    void labelsAreRefusedWhereTheSettingsNameOneTableOrAKey() {
        for (String[] setting : new String[][] {{"table", "tx"}, {"write_mode", "upsert"}, {"key_column", "user_id"}}) {
            assertThatThrownBy(() -> EmulationRunner.run(EmulationSpec.builder().domain("transaction").maxRecords(10)
                    .sink("jdbc", Map.of("url", "jdbc:postgresql://127.0.0.1:1/none", setting[0], setting[1]))
                    .fault("duplicate", "0.01").build()))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'fault_labels' = 'true': the jdbc sink's " + setting[0])
                    .hasMessageContaining("set fault_labels=false");
        }
    }

    @Test
    void wrongTypeIsRefusedNamingTheSinksRowsAndTheFault() {
        assertThatThrownBy(() -> EmulationRunner.run(spec().fault("wrong_type.rate", "0.01")
                .fault("wrong_type.fields", "amount").build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'faults.wrong_type.rate' = '0.01'")
                .hasMessageContaining("the sink writes jdbc table rows");
    }
}
