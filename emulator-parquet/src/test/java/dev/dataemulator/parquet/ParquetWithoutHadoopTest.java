package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectWriter;
import dev.dataemulator.core.support.SinkConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Parquet writer runs as users run it: with no Hadoop class on the class path. */
class ParquetWithoutHadoopTest {
    @TempDir
    Path dir;

    @Test
    void hadoopIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "none"})
    void writesEveryCompressionWithoutHadoop(String compression) throws Exception {
        ObjectFormat format = FormatRegistry.discover().configure(new SinkConfig("file",
                Map.of("format_type", "parquet", "compression", compression, "row_group_size", "64KiB"),
                Set.of()), "jsonl");
        List<EmulatedRecord> records = Fixtures.of("order").registry(DomainRegistry.of(new OrderDomain()))
                .envelope(false).records(500);
        Path file = dir.resolve("orders-" + compression + ".parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            ObjectWriter writer = format.open(out, records.get(0));
            for (EmulatedRecord record : records) {
                writer.add(record);
            }
            assertThat(writer.records()).isEqualTo(500);
            writer.finish();
        }

        assertThat(Readers.query(dir, "SELECT count(*), count(DISTINCT order_id), sum(seq) FROM t"))
                .containsExactly(500L, 500L, java.math.BigInteger.valueOf(499 * 500 / 2));
    }
}
