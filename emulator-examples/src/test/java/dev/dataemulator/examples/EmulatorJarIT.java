package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code target/emulator.jar}, the self-contained command line that {@code ./mvnw package} builds, run the way an
 * operator runs it: {@code java -jar emulator.jar ...} in a JVM of its own.
 */
class EmulatorJarIT {
    private static final Path JAR = Path.of(System.getProperty("emulator.jar", "target/emulator.jar"));
    /** A log line of the command line's pattern, or of any logger printing a level near the start. */
    private static final String LOG_LINE = "(?s)^(\\d{2}:\\d{2}:\\d{2}|\\[|.{0,40}\\b(TRACE|DEBUG|INFO|WARN|ERROR)\\b).*";

    record Run(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("built by ./mvnw package").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("emulator-out", ".txt");
        Path err = Files.createTempFile("emulator-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("java -jar emulator.jar " + String.join(" ", args)
                        + " did not end within 5 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Run run = java("--version");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Data Emulator " + System.getProperty("project.version") + "\n");
    }

    @Test
    void helpListsTheCommandsAndTheVerboseOption() throws Exception {
        Run run = java("--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("quickstart", "run", "serve", "--verbose", "--version");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void runFindsTheDomainsAndSinksInTheJarAndLogsNothingUnlessVerbose() throws Exception {
        Run quiet = java("run", "--sink", "memory", "--domain", "user-profile", "--max-records", "500");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).contains("user-profile -> memory", "status     COMPLETED", "delivered  500");
        assertThat(quiet.err()).isEmpty();

        Run verbose = java("run", "--verbose", "--sink", "memory", "--domain", "user-profile", "--max-records", "500");
        assertThat(verbose.exitCode()).as(verbose.err()).isZero();
        assertThat(verbose.err()).contains("INFO", "COMPLETED");
        assertThat(verbose.outLines()).noneMatch(line -> line.matches(LOG_LINE));
    }

    @Test
    void theJarHoldsNoTestLibrariesAndWritesParquetAndAvro() throws Exception {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(JAR.toFile())) {
            assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
                    .as("JUnit, AssertJ, Byte Buddy, Kafka's client test classes, BouncyCastle")
                    .noneMatch(name -> name.startsWith("org/junit/") || name.startsWith("org/assertj/")
                            || name.startsWith("net/bytebuddy/") || name.startsWith("org/apache/kafka/test/")
                            || name.startsWith("org/bouncycastle/"));
        }
        Path lake = Files.createTempDirectory("emulator-jar-lake");
        for (String format : List.of("parquet", "avro")) {
            Run run = java("run", "--sink", "file", "-c", "path=" + lake.resolve(format), "-c", "format_type=" + format,
                    "-c", "compression=" + (format.equals("parquet") ? "zstd" : "deflate"), "--max-records", "300");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("status     COMPLETED", "delivered  300");
            try (var files = Files.walk(lake.resolve(format))) {
                assertThat(files.filter(file -> file.toString().endsWith("." + format))).isNotEmpty();
            }
        }
    }

    @Test
    void theQuickStartOnEmbeddedServersPrintsNoLibraryOutputOnStandardOutput() throws Exception {
        Run run = java("quickstart", "--duration", "2s");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Embedded Kafka broker at", "transaction -> kafka", "device-log -> s3",
                "status     COMPLETED");
        assertThat(run.outLines()).as("standard output holds the command's own lines only")
                .noneMatch(line -> line.matches(LOG_LINE))
                .noneMatch(line -> line.contains("Bootstrap metadata") || line.contains("Formatting metadata"));
    }
}
