package dev.dataemulator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.testkit.EmbeddedS3;
import dev.dataemulator.testkit.EmbeddedS3Extension;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume of the object sinks: a child JVM running four resumable emulations side by side (chunked JSONL and Parquet
 * into the {@code file} and the {@code minio} sink) is killed with SIGKILL at a random moment, started again and
 * killed again at a random later moment; the emulations are then resumed to completion. Every seq is then in the
 * objects exactly once, no temporary file is left, and the objects are those of an uninterrupted run: the same names,
 * the same bytes.
 */
class ObjectSinkKillResumeIT {
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedTwiceAtRandomMomentsAndResumedTheObjectsAreThoseOfAnUninterruptedRun() throws Exception {
        EmbeddedS3 s3 = S3.server();
        Path killed = dir.resolve("killed");
        Path reference = dir.resolve("reference");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // the file sink's objects come to several hundred over the whole run (checked below): both kills land well
        // before its end
        int first = 5 + random.nextInt(40);
        int second = first + 5 + random.nextInt(60);
        killAfter(killed, first, s3);
        killAfter(killed, second, s3);

        List<EmulationReport> resumed = ResumingObjectWriter.runAll(killed.toString(), s3.endpoint(),
                s3.accessKey(), s3.secretKey(), "", ResumingObjectWriter.RATE);
        // the same emulations into another directory and under another prefix, at full speed (a fixed clock makes
        // the same bytes at any rate)
        List<EmulationReport> uninterrupted = ResumingObjectWriter.runAll(reference.toString(), s3.endpoint(),
                s3.accessKey(), s3.secretKey(), "reference", 0);
        for (EmulationReport report : resumed) {
            assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
            assertThat(report.stats().failed()).isZero();
        }
        for (EmulationReport report : uninterrupted) {
            assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        }
        assertThat(resumed.stream().mapToLong(r -> r.stats().generated()).sum())
                .as("the resumed runs continued where the killed ones stopped (kills after %d and %d objects, "
                        + "seed %d)", first, second, seed)
                .isLessThan(4 * ResumingObjectWriter.RECORDS);

        Map<String, byte[]> files = objects(killed.resolve("orders"));
        assertThat(files.size()).as("objects of a whole run, against the kills' moments").isGreaterThan(2 * second);
        assertThat(files.keySet()).as("no temporary file").noneMatch(name -> name.endsWith(".tmp"));
        assertIdentical(files, objects(reference.resolve("orders")));
        Map<String, byte[]> s3Objects = s3Objects(s3, "order/");
        assertIdentical(s3Objects, s3Objects(s3, "reference/order/"));

        for (Map<String, byte[]> objects : List.of(files, s3Objects)) {
            for (String format : ResumingObjectWriter.FORMATS) {
                assertEverySeqOnce(objects, format);
            }
        }
    }

    /** Starts the child writer and kills it with SIGKILL once the file sink holds {@code objects} objects. */
    private void killAfter(Path killed, int objects, EmbeddedS3 s3) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ResumingObjectWriter.class.getName(), killed.toString(), s3.endpoint(), s3.accessKey(),
                s3.secretKey())
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "child-" + objects + ".log"))
                .start();
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> countObjects(killed.resolve("orders")) >= objects || !child.isAlive());
            assertThat(child.isAlive()).as(() -> "the child still writes when killed; its output: "
                    + read(dir.resolve("child-" + objects + ".log"))).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
        }
    }

    private static long countObjects(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().contains("/lane-") && !p.getFileName().toString().startsWith(".")
                    && Files.isRegularFile(p)).count();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return 0; // the child renamed a hidden temporary file while the walk read it: ask again next poll
            }
            throw e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** @return every file below {@code root} but the checkpoints, by path relative to it */
    private static Map<String, byte[]> objects(Path root) throws IOException {
        Map<String, byte[]> objects = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (!name.startsWith("_resume/")) {
                    objects.put(name, Files.readAllBytes(file));
                }
            }
        }
        return objects;
    }

    /** @return every object of the bucket under {@code prefix}, by key without the prefix */
    private static Map<String, byte[]> s3Objects(EmbeddedS3 s3, String prefix) throws Exception {
        Map<String, byte[]> objects = new TreeMap<>();
        try (MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey()).build()) {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket("orders").prefix(prefix)
                    .recursive(true).build())) {
                String key = result.get().objectName();
                try (InputStream in = client.getObject(GetObjectArgs.builder().bucket("orders").object(key)
                        .build())) {
                    objects.put(key.substring(prefix.length()), in.readAllBytes());
                }
            }
        }
        return objects;
    }

    private static void assertIdentical(Map<String, byte[]> actual, Map<String, byte[]> expected) {
        assertThat(actual.keySet()).as("object names").isEqualTo(expected.keySet());
        for (Map.Entry<String, byte[]> entry : expected.entrySet()) {
            assertThat(actual.get(entry.getKey())).as("bytes of %s", entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    /** Reads the seqs of one format's objects (JSONL by line, Parquet with DuckDB) and checks 0..N-1 once each. */
    private void assertEverySeqOnce(Map<String, byte[]> objects, String format) throws Exception {
        List<Long> seqs = new ArrayList<>();
        Path parquet = Files.createTempDirectory(dir, "parquet");
        for (Map.Entry<String, byte[]> object : objects.entrySet()) {
            if (!object.getKey().endsWith("." + format)) {
                continue;
            }
            if (format.equals("jsonl")) {
                for (String line : new String(object.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                        .split("\n")) {
                    JsonNode record = JSON.readTree(line);
                    seqs.add(record.get("seq").asLong());
                }
            } else {
                Files.write(parquet.resolve(object.getKey().replace('/', '_')), object.getValue());
            }
        }
        if (format.equals("parquet")) {
            seqs.addAll(Readers.parquet(parquet, false).stream().map(Readers.Row::seq).toList());
        }
        assertThat(seqs).as(format).hasSize((int) ResumingObjectWriter.RECORDS).doesNotHaveDuplicates();
        assertThat(seqs.stream().collect(Collectors.toSet())).as(format).isEqualTo(
                LongStream.range(0, ResumingObjectWriter.RECORDS).boxed().collect(Collectors.toSet()));
    }
}
