package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.support.SinkConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallObjectsTest {

    /** A completed object of {@code bytes} encoded bytes, completed for {@code cause}. */
    private static ObjectSeries.Part part(long bytes, ObjectSeries.Cause cause) {
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "k";
            }

            @Override
            public void writeFields(FieldWriter out) {
            }
        };
        ObjectSeries.Part part = new ObjectSeries.Part(Fixtures.record(data).build()) {
            @Override
            public long encodedBytes() {
                return bytes;
            }

            @Override
            public void add(EmulatedRecord record) {
            }
        };
        part.cause = cause;
        return part;
    }

    private static SmallObjects smallObjects(Map<String, String> config) {
        SinkConfig c = new SinkConfig("file", config, Set.of());
        ObjectSinkSettings settings = ObjectSinkSettings.read(c, FormatRegistry.of());
        c.validate();
        return new SmallObjects("file", settings);
    }

    @Test
    void manyTinyObjectsClosedForTooManyPartitionsWarnOnceNamingTheSetting() {
        SmallObjects small = smallObjects(Map.of("max_open_partitions", "64", "max_chunk_size", "1MiB"));
        for (int i = 1; i < SmallObjects.EARLY_OBJECTS; i++) {
            assertThat(small.note(part(2_000, ObjectSeries.Cause.OPEN_PARTITIONS))).as("object %d", i).isNull();
        }
        assertThat(small.note(part(2_000, ObjectSeries.Cause.AGED)))
                .contains("The file sink has closed 64 objects early, averaging 2000 bytes")
                .contains("max_chunk_size (1048576 bytes)")
                .contains("63 of them because more partitions were open at once than max_open_partitions (64)")
                .contains("raise max_open_partitions");
        for (int i = 0; i < 1_000; i++) {
            assertThat(small.note(part(2_000, ObjectSeries.Cause.OPEN_PARTITIONS))).as("once").isNull();
        }
    }

    @Test
    void agedChunksNameChunkMaxAge() {
        SmallObjects small = smallObjects(Map.of("chunk_max_age", "5s"));
        String warning = null;
        for (int i = 0; i < SmallObjects.EARLY_OBJECTS; i++) {
            warning = small.note(part(100, ObjectSeries.Cause.AGED));
        }
        assertThat(warning).contains("because they reached chunk_max_age (PT5S); raise chunk_max_age");
    }

    @Test
    void fullObjectsOrEarlyObjectsOfAWorthwhileSizeGiveNoWarning() {
        SmallObjects small = smallObjects(Map.of("max_chunk_size", "1MiB"));
        for (int i = 0; i < 1_000; i++) {
            assertThat(small.note(part(100, ObjectSeries.Cause.FULL))).isNull();
            assertThat(small.note(part(100, ObjectSeries.Cause.DRAINED))).isNull();
            // a sixteenth of the chunk size is worth an object of its own
            assertThat(small.note(part(1024 * 1024 / 16, ObjectSeries.Cause.OPEN_PARTITIONS))).isNull();
        }
    }
}
