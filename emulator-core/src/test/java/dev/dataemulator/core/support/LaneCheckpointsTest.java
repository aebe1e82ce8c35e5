package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ObjectFormat;
import dev.dataemulator.core.spi.ObjectStore;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LaneCheckpointsTest {
    private static final int LANES = 2;
    private static final Map<String, String> SETTINGS = Map.of("seed", "7", "sink_config.max_chunk_size", "1024");

    /** A store in memory that reads objects back. */
    static final class MemoryStore implements ObjectStore {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();

        @Override
        public void createContainer(String container) {
        }

        @Override
        public void put(String container, String key, Content object) throws Exception {
            try (InputStream in = object.open()) {
                objects.put(container + "/" + key, in.readAllBytes());
            }
        }

        @Override
        public boolean readsObjects() {
            return true;
        }

        @Override
        public Optional<byte[]> read(String container, String key) {
            return Optional.ofNullable(objects.get(container + "/" + key));
        }

        @Override
        public String objectName(String container, String key) {
            return "memory:" + container + "/" + key;
        }

        @Override
        public String kind() {
            return "memory";
        }

        @Override
        public String toString() {
            return "memory";
        }
    }

    private static EmulatedRecord record(int lane, long position) {
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "k" + position;
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.integer("position", position);
            }
        };
        return Fixtures.record(data).emulationId("run").lane(lane, position).build();
    }

    /** @return lane {@code lane}'s object {@code part}, holding the records at {@code positions} */
    private static Batch object(int lane, long part, long... positions) throws Exception {
        SinkConfig c = new SinkConfig("memory", Map.of(), Set.of());
        ObjectFormat jsonl = FormatRegistry.discover().configure(c, "jsonl");
        Batch batch = Batch.inMemory("bucket", "lane-" + lane + "/part-" + part, record(lane, positions[0]), jsonl,
                false, 1024);
        for (long position : positions) {
            batch.add(record(lane, position));
        }
        batch.finish();
        batch.lane = lane;
        batch.part = part;
        return batch;
    }

    private static String text(MemoryStore store, String key) {
        return new String(store.objects.get("bucket/" + key), StandardCharsets.UTF_8);
    }

    @Test
    void aLanesProgressMovesOnlyOverAGaplessRunOfStoredObjectsAndAResumeReadsItBack() throws Exception {
        MemoryStore store = new MemoryStore();
        ObjectKeys keys = new ObjectKeys("pre", "jsonl", false);
        ResumeRequest request = new ResumeRequest("bucket", "run", LANES, SETTINGS);
        LaneCheckpoints first = new LaneCheckpoints("memory", store, keys);

        assertThat(first.resume(request)).isEqualTo(ResumePoint.fresh(request));
        assertThat(Checkpoints.parseSettings(text(store, "pre/_resume/run/settings"))).isEqualTo(SETTINGS);
        assertThat(first.firstPart("bucket", "run", 0)).isZero();

        // lane 0 makes positions 0..63, then 128..191 (two lanes, blocks of 64)
        first.stored(object(0, 1, 40, 41, 42));
        assertThat(store.objects).as("object 0 is not stored yet: no checkpoint").doesNotContainKey(
                "bucket/pre/_resume/run/lane-000");
        first.stored(object(0, 0, 0, 1, 2));
        assertThat(Checkpoints.parseSettings(text(store, "pre/_resume/run/lane-000")))
                .isEqualTo(Map.of("objects", "2", "next_position", "43"));
        first.stored(object(0, 2, 43, 63));
        assertThat(Checkpoints.parseSettings(text(store, "pre/_resume/run/lane-000")))
                .as("after the block's last position comes the lane's next block")
                .isEqualTo(Map.of("objects", "3", "next_position", "128"));
        first.stored(object(1, 0, 64, 65));

        LaneCheckpoints resumed = new LaneCheckpoints("memory", store, keys);
        ResumePoint point = resumed.resume(new ResumeRequest("bucket", "run", LANES, Map.of("seed", "8")));
        assertThat(point.settings()).as("the stored settings, for the runner to compare").isEqualTo(SETTINGS);
        assertThat(point.nextPositions()).isEqualTo(Map.of(0, 128L, 1, 66L));
        assertThat(resumed.firstPart("bucket", "run", 0)).isEqualTo(3);
        assertThat(resumed.firstPart("bucket", "run", 1)).isEqualTo(1);
        assertThat(resumed.resumable("bucket", "run")).isTrue();
        assertThat(resumed.resumable("bucket", "other")).isFalse();
    }

    @Test
    void aDamagedCheckpointIsASinkExceptionNamingTheObject() {
        MemoryStore store = new MemoryStore();
        ObjectKeys keys = new ObjectKeys("", "jsonl", false);
        store.objects.put("bucket/_resume/run/settings", "seed=7\n".getBytes(StandardCharsets.UTF_8));
        store.objects.put("bucket/_resume/run/lane-001", "objects=many\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new LaneCheckpoints("memory", store, keys)
                .resume(new ResumeRequest("bucket", "run", LANES, SETTINGS)))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("memory:bucket/_resume/run/lane-001 is damaged");
    }
}
