package dev.dataemulator.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.FormatRegistry;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.support.ObjectSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSinkTest {
    private static final String[] CITIES = {"Lyon", "Porto", "Oslo", "Rome", "Graz"};

    @TempDir
    Path dir;

    private final Counting tracker = new Counting();
    private final AtomicLong now = new AtomicLong();

    /** Counts what the sink reports. */
    static final class Counting implements DeliveryTracker {
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong encoded = new AtomicLong();

        @Override
        public void delivered(long records) {
            delivered.addAndGet(records);
        }

        @Override
        public void encoded(long bytes) {
            encoded.addAndGet(bytes);
        }

        @Override
        public void failed(long records, Throwable cause) {
            failed.addAndGet(records);
        }

        @Override
        public void abort(Throwable cause) {
        }
    }

    private EmulatedRecord record(long seq) {
        return record(seq, tracker);
    }

    private EmulatedRecord record(long seq, DeliveryTracker tracker) {
        String city = CITIES[(int) (seq % CITIES.length)];
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "k" + seq;
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.string("id", "k" + seq);
                out.string("city", city);
                out.integer("n", seq);
            }
        };
        String json = "{\"id\":\"k" + seq + "\",\"city\":\"" + city + "\",\"n\":" + seq + "}";
        return Fixtures.record(data).emulationId("run-1").domain("trip").seq(seq).timestamp(1_700_000_000L)
                .json(json.getBytes(StandardCharsets.UTF_8)).tracker(tracker).build();
    }

    private ObjectSink sink(String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("path", dir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        // the sink's clock: chunks age only when a test moves it
        ObjectSink sink = ObjectSink.create(FileStore.FACTORY, config, FormatRegistry.discover(), now::get);
        sink.setupResource("trips");
        return sink;
    }

    private List<Path> visibleFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static long lines(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"single, jsonl", "grouped, jsonl", "chunked, jsonl", "single, json", "grouped, json",
        "chunked, csv", "chunked, json"})
    void theBytesReportedAreTheBytesWrittenBeforeCompression(String mode, String format) throws Exception {
        try (ObjectSink sink = sink("sync_type", mode, "format_type", format, "max_chunk_size", "1KiB")) {
            for (long seq = 0; seq < 60; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
            }
            sink.flush();
        }
        long written = 0;
        for (Path file : visibleFiles()) {
            written += Files.size(file);
        }
        assertThat(tracker.delivered).hasValue(60);
        // a JSON array's closing bracket is written when the object completes, after its last record was counted
        long closing = format.equals("json") && !mode.equals("single") ? visibleFiles().size() : 0;
        assertThat(tracker.encoded.get() + closing).isEqualTo(written);
    }

    @Test
    void gzipDoesNotChangeTheBytesReported() throws Exception {
        try (ObjectSink sink = sink("sync_type", "chunked", "max_chunk_size", "1KiB", "gzip", "true")) {
            for (long seq = 0; seq < 60; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
            }
            sink.flush();
        }
        long json = 0;
        for (long seq = 0; seq < 60; seq++) {
            json += record(seq).json().length + 1;
        }
        assertThat(tracker.encoded).hasValue(json);
    }

    /** @return record {@code position} of a resumable emulation's lane 0 (one lane: its positions are 0, 1, 2, ...) */
    private EmulatedRecord laneRecord(long position) {
        return Fixtures.record(record(position)).lane(0, position).build();
    }

    @Test
    void aResumableEmulationsObjectsAreNamedByLaneAndIndexAndAResumeContinuesAfterTheLastStoredOne()
            throws Exception {
        ResumeRequest request = new ResumeRequest("trips", "run-1", 1, Map.of("seed", "7"));
        try (ObjectSink sink = sink("max_chunk_size", "1KiB", "chunk_max_age", "1ms")) {
            assertThat(sink.resume(request)).isEqualTo(ResumePoint.fresh(request));
            for (long position = 0; position < 40; position++) {
                now.addAndGet(1_000_000_000L); // an age far past chunk_max_age: a lane's objects end by size alone
                sink.produce("trips", "k", laneRecord(position));
            }
        }
        Path lane = dir.resolve("trips/trip/run-1/lane-000");
        List<Path> first = visibleFiles().stream().filter(f -> f.startsWith(lane)).toList();
        assertThat(first).extracting(f -> f.getFileName().toString())
                .startsWith("part-000000.jsonl", "part-000001.jsonl");
        long stored = 0;
        for (Path file : first) {
            stored += lines(file);
        }
        assertThat(stored).isEqualTo(40);
        // a killed run's leftover: a hidden, half-written object of the lane
        Path leftover = lane.resolve(".part-000009.jsonl.tmp");
        Files.writeString(leftover, "{\"half");

        try (ObjectSink sink = sink("max_chunk_size", "1KiB")) {
            ResumePoint point = sink.resume(request);
            assertThat(point.settings()).isEqualTo(Map.of("seed", "7"));
            assertThat(point.nextPositions()).isEqualTo(Map.of(0, 40L));
            sink.produce("trips", "k", laneRecord(40));
            assertThat(leftover).as("removed before the lane's first object of the resumed run").doesNotExist();
            sink.flush();
        }
        assertThat(lane.resolve(String.format("part-%06d.jsonl", first.size()))).exists();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(Files.readString(dir.resolve("trips/_resume/run-1/lane-000")))
                .isEqualTo("objects=" + (first.size() + 1) + "\nnext_position=41\n");
    }

    @Test
    void aResumeRefusesObjectsThatNoLanesProgressDescribesNamingTheSetting() {
        ResumeRequest request = new ResumeRequest("trips", "run-1", 1, Map.of());
        try (ObjectSink single = sink("sync_type", "single")) {
            assertThatThrownBy(() -> single.resume(request)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'sync_type' = 'single': cannot resume");
        }
        try (ObjectSink partitioned = sink("partition_by", "city={city}")) {
            assertThatThrownBy(() -> partitioned.resume(request)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'partition_by' = ").hasMessageContaining("cannot be used with resume=true");
        }
    }

    @Test
    void chunksAreRenamedIntoPlaceAndEveryRecordIsReportedOnce() throws Exception {
        try (ObjectSink sink = sink("sync_type", "chunked", "max_chunk_size", "1KiB")) {
            for (long seq = 0; seq < 100; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
            }
            sink.flush();
        }
        assertThat(tracker.delivered).hasValue(100);
        assertThat(tracker.failed).hasValue(0);
        assertThat(temporaryFiles()).isEmpty();
        List<Path> files = visibleFiles();
        assertThat(files).hasSizeGreaterThan(2).allSatisfy(f -> assertThat(dir.relativize(f).toString()
                .replace('\\', '/')).matches("trips/trip/run-1/part-\\d{6}\\.jsonl"));
        long total = 0;
        for (Path file : files) {
            total += lines(file);
        }
        assertThat(total).isEqualTo(100);
    }

    @Test
    void aFileIsVisibleUnderItsNameOnlyWhenComplete() throws Exception {
        try (ObjectSink sink = sink("sync_type", "grouped", "gzip", "true")) {
            for (long seq = 0; seq < 10; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
            }
            assertThat(visibleFiles()).isEmpty();
            assertThat(temporaryFiles()).hasSize(1);
            assertThat(tracker.delivered).hasValue(0);
            sink.flush();
            assertThat(tracker.delivered).hasValue(10);
            assertThat(temporaryFiles()).isEmpty();
            assertThat(visibleFiles()).singleElement().satisfies(f -> {
                assertThat(f.getFileName().toString()).isEqualTo("part-000000.jsonl.gz");
                assertThat(lines(f)).isEqualTo(10);
            });
        }
    }

    @Test
    void aChunkOlderThanChunkMaxAgeIsCompletedWithoutAFlush() throws Exception {
        try (ObjectSink sink = sink("sync_type", "chunked", "chunk_max_age", "40ms")) {
            for (long seq = 0; seq < 10; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
            }
            // far below max_chunk_size, and younger than its age on the sink's clock: still open
            now.addAndGet(Duration.ofMillis(39).toNanos());
            assertThat(temporaryFiles()).hasSize(1);
            assertThat(visibleFiles()).isEmpty();
            // at its age the ager (checking every 10 ms) completes it without a flush
            now.addAndGet(Duration.ofMillis(1).toNanos());
            await().atMost(Duration.ofSeconds(10)).until(() -> tracker.delivered.get() == 10);
            assertThat(temporaryFiles()).isEmpty();
            assertThat(visibleFiles()).singleElement().satisfies(f -> assertThat(lines(f)).isEqualTo(10));
            // the next record starts a new chunk
            sink.produce("trips", "k10", record(10));
            assertThat(temporaryFiles()).hasSize(1);
        }
        assertThat(tracker.delivered).hasValue(11);
        assertThat(visibleFiles()).hasSize(2);
    }

    @Test
    void aSecondRunUnderTheSameEmulationIdNeverSharesAFileWithTheFirst() throws Exception {
        Counting first = tracker;
        Counting second = new Counting();
        try (ObjectSink sink = sink("sync_type", "grouped")) {
            for (long seq = 0; seq < 5; seq++) {
                sink.produce("trips", "k" + seq, record(seq, first));
            }
            // the same emulation id ("run-1") again, from another run with its own tracker
            for (long seq = 0; seq < 7; seq++) {
                sink.produce("trips", "k" + seq, record(seq, second));
            }
            // the first run's file was completed when the second run's first record arrived (and is renamed into
            // place by a put thread)
            await().atMost(Duration.ofSeconds(10)).until(() -> first.delivered.get() == 5);
            assertThat(second.delivered).hasValue(0);
            sink.flush();
        }
        assertThat(second.delivered).hasValue(7);
        assertThat(first.failed).hasValue(0);
        assertThat(second.failed).hasValue(0);
        List<Path> files = visibleFiles();
        assertThat(files).hasSize(2);
        assertThat(files.stream().map(f -> f.getFileName().toString()))
                .containsExactly("part-000000.jsonl", "part-000001.jsonl");
        assertThat(lines(files.get(0))).isEqualTo(5);
        assertThat(lines(files.get(1))).isEqualTo(7);
    }

    @Test
    void pastMaxOpenPartitionsTheOldestFileIsCompleted() throws Exception {
        try (ObjectSink sink = sink("sync_type", "grouped", "partition_by", "city={city}",
                "max_open_partitions", "2")) {
            for (long seq = 0; seq < 50; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
                // completed files are renamed by a put thread: what stays hidden is what is open
                await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles().size() <= 2);
            }
            // cities cycle through five values: every record after the second opens a new file
            await().atMost(Duration.ofSeconds(10)).until(() -> tracker.delivered.get() == 48);
            sink.flush();
        }
        assertThat(tracker.delivered).hasValue(50);
        List<Path> files = visibleFiles();
        assertThat(files).hasSize(50);
        assertThat(files).allSatisfy(f -> assertThat(dir.relativize(f).toString().replace('\\', '/'))
                .matches("trips/trip/city=(Lyon|Porto|Oslo|Rome|Graz)/run-1/part-\\d{6}\\.jsonl"));
    }

    /** A record whose {@code zone} is one of {@code zones}, spread evenly. */
    private EmulatedRecord zoned(long seq, int zones) {
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "k" + seq;
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.integer("zone", seq % zones);
                out.integer("n", seq);
            }
        };
        String json = "{\"zone\":" + seq % zones + ",\"n\":" + seq + ",\"pad\":\"" + "x".repeat(100) + "\"}";
        return Fixtures.record(data).emulationId("run-1").domain("trip").seq(seq).timestamp(1_700_000_000L)
                .json(json.getBytes(StandardCharsets.UTF_8)).tracker(tracker).build();
    }

    @Test
    void byDefaultEachPartitionGetsOneFileWhateverTheWorkersThatFillIt() throws Exception {
        int zones = 151;
        int workers = 5;
        int perWorker = 4_000;
        try (ObjectSink sink = sink("partition_by", "zone={zone}")) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                long base = (long) w * perWorker;
                Thread thread = new Thread(() -> {
                    for (long seq = base; seq < base + perWorker; seq++) {
                        sink.produce("trips", "k" + seq, zoned(seq, zones));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertThat(tracker.delivered).hasValue((long) workers * perWorker);
        Map<String, Long> filesPerPartition = new TreeMap<>();
        for (Path file : visibleFiles()) {
            filesPerPartition.merge(file.getParent().getParent().getFileName().toString(), 1L, Long::sum);
        }
        assertThat(filesPerPartition).hasSize(zones).allSatisfy((zone, files) -> assertThat(files).as(zone)
                .isEqualTo(1));
    }

    @Test
    void singleModeWritesOneDocumentPerRecord() throws Exception {
        try (ObjectSink sink = sink("sync_type", "single", "format_type", "json", "prefix", "/raw/")) {
            for (long seq = 0; seq < 5; seq++) {
                sink.produce("trips", "k" + seq, record(seq));
            }
            // each record's file is complete at once, and renamed into place by a put thread
            await().atMost(Duration.ofSeconds(10)).until(() -> tracker.delivered.get() == 5);
        }
        Path first = dir.resolve("trips/raw/trip/run-1/record-000000000000.json");
        assertThat(Files.readString(first)).isEqualTo("{\"id\":\"k0\",\"city\":\"Lyon\",\"n\":0}\n");
        assertThat(visibleFiles()).hasSize(5);
    }

    @Test
    void theSinkIsFoundByName() {
        assertThat(SinkRegistry.discover().names()).contains("file");
        SinkRegistry.discover().create("file", Map.of("path", dir.toString())).close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "path||'path' = null: is required by the 'file' sink",
        "sync_type|streamed|'sync_type' = 'streamed': expected one of single, grouped, chunked",
        "format_type|xml|'format_type' = 'xml': No format 'xml' (found: [csv, json, jsonl]); add the artifact",
        "format_type|parquet|add dev.dataemulator:emulator-parquet to the class path",
        "max_chunk_size|10|'max_chunk_size' = '10': expected a size in bytes",
        "max_open_partitions|0|'max_open_partitions' = '0': expected an integer between 1 and 100000",
        "max_open_bytes|10|'max_open_bytes' = '10': expected a size in bytes",
        "chunk_max_age|soon|'chunk_max_age' = 'soon': expected",
        "chunk_max_age|0s|'chunk_max_age' = '0s': expected",
        "gzip|maybe|'gzip' = 'maybe': expected true or false",
        "partition_by|dt={created_at:yyyy-MM-dd|'partition_by' = 'dt={created_at:yyyy-MM-dd': '{' at position 3",
        "partition_by|dt={created_at:bbb}|bad date pattern 'bbb'",
        "compression|zstd|'compression' = 'zstd': is not a setting of the 'file' sink with format 'jsonl'"})
    void aBadSettingIsATypedErrorNamingTheSettingAndTheValue(String key, String value, String message) {
        Map<String, String> config = new HashMap<>(Map.of("path", dir.toString()));
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        assertThatThrownBy(() -> FileStore.sink(config))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aResourceMustBeOneDirectoryName() {
        try (ObjectSink sink = FileStore.sink(Map.of("path", dir.toString()))) {
            assertThatThrownBy(() -> sink.setupResource("../etc"))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'resource' = '../etc': must be one directory name");
        }
    }
}
