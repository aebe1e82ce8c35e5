package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.support.SinkConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatRegistryTest {

    @Test
    void coreBringsTheTextFormats() {
        FormatRegistry formats = FormatRegistry.of();
        assertThat(formats.names()).containsExactly("csv", "json", "jsonl");
        ObjectFormat json = formats.configure(new SinkConfig("file", Map.of("format_type", "JSON"), Set.of()),
                "jsonl");
        assertThat(json.extension()).isEqualTo("json");
        assertThat(json.forSingleRecords().extension()).isEqualTo("json");
        assertThat(json.compressesItself()).isFalse();
    }

    @Test
    void aMissingFormatNamesWhatWasFoundAndTheArtifactToAdd() {
        SinkConfig config = new SinkConfig("file", Map.of("format_type", "parquet"), Set.of());
        FormatRegistry.of().configure(config, "jsonl");
        assertThatThrownBy(config::validate)
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'format_type' = 'parquet'")
                .hasMessageContaining("No format 'parquet' (found: [csv, json, jsonl]); add "
                        + "dev.dataemulator:emulator-parquet to the class path");
        assertThatThrownBy(() -> FormatRegistry.of().provider("xml"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessage("No format 'xml' (found: [csv, json, jsonl]); add the artifact that provides it to the "
                        + "class path");
    }
}
