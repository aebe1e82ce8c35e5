package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.testkit.EmbeddedKafkaExtension;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP control service over real HTTP, emulating into a real embedded broker. */
class EmulatorHttpServerIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmulatorHttpServer server;

    record Response(int status, JsonNode body) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = new EmulatorHttpServer(new InetSocketAddress("127.0.0.1", 0), Map.of(
                "kafka", Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                "memory", Map.of()));
        server.start();
    }

    @Test
    void endedEmulationsAreKeptOnlyWithinTheServicesRetention() throws Exception {
        try (EmulatorHttpServer small = new EmulatorHttpServer(new InetSocketAddress("127.0.0.1", 0),
                Map.of("memory", Map.of()), EmulatorService.builder().maxEnded(2).build())) {
            small.start();
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + small.port() + "/emulator";
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create(base))
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"emulator_sync": "memory", "emulation_domain": "device-log", "max_records": 5}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(started.statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode list = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(list.findValuesAsText("status")).containsOnly("COMPLETED").hasSize(2);
            });
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Response call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void aStoppedResumableEmulationIsShownResumableAndResumesToEverySeqExactlyOnce(@TempDir Path out)
            throws Exception {
        String id = "http-resume";
        long records = 6_000;
        String body = """
                {"emulator_sync": "file", "emulation_domain": "transaction", "threads": 2, "seed": 11,
                 "max_records": %d, "rate": 1500, "id": "%s", "resume": true,
                 "sink_config": {"path": "%s", "max_chunk_size": "16KiB"}}""".formatted(records, id,
                out.toString().replace("\\", "\\\\"));
        Response started = call("POST", "/emulator", body);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.body().get("resume").asBoolean()).isTrue();
        assertThat(started.body().get("resumable").asBoolean()).as("running").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/emulator/" + id + "/status", null).body()
                .get("stats").get("delivered").asLong() > 0);
        assertThat(call("POST", "/emulator/" + id + "/resume", null).status()).as("running").isEqualTo(409);
        call("DELETE", "/emulator/" + id, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/emulator/" + id + "/status", null).body()
                .get("status").asText().equals("STOPPED"));
        JsonNode stopped = call("GET", "/emulator", null).body();
        JsonNode listed = null;
        for (JsonNode emulation : stopped) {
            if (emulation.get("id").asText().equals(id)) {
                listed = emulation;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("resumable").asBoolean()).as("stopped before its max_records").isTrue();
        long before = listed.get("stats").get("delivered").asLong();
        assertThat(before).isBetween(1L, records - 1);

        Response resumed = call("POST", "/emulator/" + id + "/resume", null);
        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(202);
        assertThat(resumed.body().get("id").asText()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", "/emulator/" + id + "/status", null).body()
                .get("status").asText().equals("COMPLETED"));
        JsonNode done = call("GET", "/emulator/" + id + "/status", null).body();
        assertThat(done.get("resumable").asBoolean()).isFalse();
        assertThat(done.get("stats").get("generated").asLong()).as("the resumed run made only the rest")
                .isLessThan(records);
        assertThat(call("POST", "/emulator/" + id + "/resume", null).status()).as("completed").isEqualTo(409);
        assertThat(call("POST", "/emulator/no-such-id/resume", null).status()).isEqualTo(404);

        List<String> ids = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("transactions"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    ids.add(JSON.readTree(line).get("data").get("transaction_id").asText());
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        dev.dataemulator.core.Fixtures.of("transaction").seed(11).emulationId(id).records((int) records)
                .forEach(r -> expected.add(String.valueOf(r.dataAsMap().get("transaction_id"))));
        assertThat(ids).hasSize((int) records).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(ids)).isEqualTo(expected);
    }

    @Test
    void anEmulationStartedWithoutResumeCannotBeResumed() throws Exception {
        Response started = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "device-log", "max_records": 5}""");
        String id = started.body().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/emulator/" + id + "/status", null).body()
                .get("status").asText().equals("COMPLETED"));
        Response refused = call("POST", "/emulator/" + id + "/resume", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("field").asText()).isEqualTo("id");
        assertThat(refused.body().get("error").asText()).contains("not started with resume=true");
    }

    @Test
    void startWatchAndStopAnEmulationIntoKafka() throws Exception {
        Response started = call("POST", "/emulator", """
                {"emulator_sync": "kafka", "emulation_domain": "transaction", "timeout": 120, "threads": 3}""");
        assertThat(started.status()).isEqualTo(202);
        String id = started.body().get("id").asText();
        assertThat(started.body().get("emulation_domain").asText()).isEqualTo("transaction");
        assertThat(started.body().get("resource").asText()).isEqualTo("transactions");
        assertThat(started.body().get("threads").asInt()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response status = call("GET", "/emulator/" + id + "/status", null);
            assertThat(status.body().get("status").asText()).isEqualTo("RUNNING");
            assertThat(status.body().get("stats").get("delivered").asLong()).isPositive();
            assertThat(status.body().get("workers")).hasSize(3);
            assertThat(status.body().get("workers").get(0).get("status").asText()).isEqualTo("STARTED");
        });

        Response list = call("GET", "/emulator", null);
        assertThat(list.body().findValuesAsText("id")).contains(id);

        Response deleted = call("DELETE", "/emulator/" + id, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.body().get("id").asText()).isEqualTo(id);
        // the state after the stop was requested, never the RUNNING it had before
        assertThat(deleted.body().get("status").asText()).isIn("STOPPING", "STOPPED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = call("GET", "/emulator/" + id + "/status", null).body();
            assertThat(status.get("status").asText()).isEqualTo("STOPPED");
            JsonNode stats = status.get("stats");
            assertThat(stats.get("generated").asLong())
                    .isEqualTo(stats.get("delivered").asLong() + stats.get("failed").asLong());
            assertThat(status.get("workers").findValuesAsText("status")).containsOnly("FINISHED");
            assertThat(status.get("stop_reason").asText()).isEqualTo("STOPPED");
        });
        Response deletedAgain = call("DELETE", "/emulator/" + id, null);
        assertThat(deletedAgain.status()).isEqualTo(202);
        assertThat(deletedAgain.body().get("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void responsesEchoSeedMaxRecordsAndRateAndTheStopReason() throws Exception {
        Response started = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "threads": 1, "seed": 7,
                 "max_records": 50, "rate": 500}""");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("seed").asLong()).isEqualTo(7);
        assertThat(started.body().get("max_records").asLong()).isEqualTo(50);
        assertThat(started.body().get("rate").asDouble()).isEqualTo(500.0);
        String id = started.body().get("id").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = call("GET", "/emulator/" + id + "/status", null).body();
            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.get("stop_reason").asText()).isEqualTo("MAX_RECORDS");
            assertThat(status.get("stats").get("delivered").asLong()).isEqualTo(50);
        });

        Response unseeded = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "max_records": 1}""");
        assertThat(unseeded.body().get("seed").isIntegralNumber()).as("the seed in use is echoed").isTrue();
    }

    @Test
    void responsesEchoTheEventTimeSettings() throws Exception {
        double[] hourly = new double[24];
        java.util.Arrays.fill(hourly, 1);
        hourly[12] = 25;
        Response started = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "threads": 1, "max_records": 10, "rate": 5,
                 "backfill_from": "2026-01-01T00:00:00Z", "backfill_to": "2026-01-02T00:00:00Z",
                 "hourly": %s, "late_fraction": 0.02, "late_max": 600}""".formatted(java.util.Arrays.toString(hourly)));
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        JsonNode body = started.body();
        assertThat(body.get("backfill_from").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(body.get("backfill_to").asText()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(body.has("speed")).isFalse();
        // weights normalised to a mean of 1: 23 ones and one 25 sum to 48, so 0.5 and 12.5
        assertThat(body.get("hourly")).hasSize(24);
        assertThat(body.get("hourly").get(0).asDouble()).isEqualTo(0.5);
        assertThat(body.get("hourly").get(12).asDouble()).isEqualTo(12.5);
        assertThat(body.get("late_fraction").asDouble()).isEqualTo(0.02);
        assertThat(body.get("late_max").asDouble()).isEqualTo(600.0);

        Response live = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "max_records": 1}""");
        assertThat(live.body().has("backfill_from")).isFalse();
        assertThat(live.body().has("hourly")).isFalse();
        assertThat(live.body().has("late_fraction")).isFalse();
    }

    @Test
    void routesMatchExactly() throws Exception {
        Response typo = call("POST", "/emulator-typo", """
                {"emulator_sync": "memory", "emulation_domain": "transaction"}""");
        assertThat(typo.status()).isEqualTo(404);
        assertThat(typo.body().get("error").asText()).contains("no route POST /emulator-typo");
        assertThat(call("GET", "/emulator/x/status/more", null).status()).isEqualTo(404);
        assertThat(call("GET", "/emulators", null).status()).isEqualTo(404);
        assertThat(call("GET", "/emulator/", null).status()).isEqualTo(200);
    }

    @Test
    void aKnownPathWithAnotherMethodIsA405() throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/emulator"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(JSON.readTree(put.body()).get("error").asText()).contains("method PUT not allowed on /emulator");

        assertThat(call("POST", "/emulator/some-id/status", "{}").status()).isEqualTo(405);
        assertThat(call("GET", "/emulator/some-id", null).status()).isEqualTo(405);
    }

    @Test
    void aBadRequestNamesEveryBadField() throws Exception {
        Response response = call("POST", "/emulator", """
                {"emulator_sync": "ftp", "emulation_domain": "weather", "threads": 0, "timout": 5,
                 "rate": -1}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("timout", "emulator_sync", "emulation_domain", "threads", "rate");
        assertThat(response.body().get("error").asText()).startsWith("5 invalid fields");
    }

    @Test
    void severalEmulationsRunAtOnce() throws Exception {
        String body = """
                {"emulator_sync": "memory", "emulation_domain": "device-log", "timeout": 60, "threads": 1}""";
        String first = call("POST", "/emulator", body).body().get("id").asText();
        String second = call("POST", "/emulator", body).body().get("id").asText();
        assertThat(first).isNotEqualTo(second);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                call("GET", "/emulator/" + first + "/status", null).body().get("status").asText().equals("RUNNING")
                && call("GET", "/emulator/" + second + "/status", null).body().get("status").asText()
                        .equals("RUNNING"));
        call("DELETE", "/emulator/" + first, null);
        call("DELETE", "/emulator/" + second, null);
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Response unknownDomain = call("POST", "/emulator", """
                {"emulator_sync": "kafka", "emulation_domain": "weather", "timeout": 5}""");
        assertThat(unknownDomain.status()).isEqualTo(400);
        assertThat(unknownDomain.body().get("field").asText()).isEqualTo("emulation_domain");
        assertThat(unknownDomain.body().get("value").asText()).isEqualTo("weather");
        assertThat(unknownDomain.body().get("error").asText()).contains("Unknown domain 'weather'");

        Response negativeTimeout = call("POST", "/emulator", """
                {"emulator_sync": "kafka", "emulation_domain": "transaction", "timeout": -1}""");
        assertThat(negativeTimeout.status()).isEqualTo(400);
        assertThat(negativeTimeout.body().get("field").asText()).isEqualTo("timeout");

        Response unknownSink = call("POST", "/emulator", """
                {"emulator_sync": "ftp", "emulation_domain": "transaction"}""");
        assertThat(unknownSink.status()).isEqualTo(400);
        assertThat(unknownSink.body().get("field").asText()).isEqualTo("emulator_sync");

        Response s3OptionOnKafka = call("POST", "/emulator", """
                {"emulator_sync": "kafka", "emulation_domain": "transaction", "format_type": "csv"}""");
        assertThat(s3OptionOnKafka.status()).isEqualTo(400);
        assertThat(s3OptionOnKafka.body().get("field").asText()).isEqualTo("format_type");
        assertThat(s3OptionOnKafka.body().get("error").asText()).contains("sink_config");

        Response unknownField = call("POST", "/emulator", """
                {"emulator_sync": "kafka", "emulation_domain": "transaction", "timout": 5}""");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().get("field").asText()).isEqualTo("timout");

        Response badThreads = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "threads": 0}""");
        assertThat(badThreads.status()).isEqualTo(400);
        assertThat(badThreads.body().get("field").asText()).isEqualTo("threads");
        assertThat(badThreads.body().get("value").asText()).isEqualTo("0");

        Response notJson = call("POST", "/emulator", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("error").asText()).contains("not valid JSON");
    }

    @Test
    void theFileSinkTakesItsSettingsFromSinkConfigAsTheCommandLinesDashC(@TempDir Path dir) throws Exception {
        Response started = call("POST", "/emulator", """
                {"emulator_sync": "file", "emulation_domain": "transaction", "max_records": 300, "threads": 2,
                 "sink_config": {"path": "%s", "format_type": "jsonl", "max_chunk_size": 4096, "gzip": false}}"""
                .formatted(dir.toString().replace("\\", "\\\\")));
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.body().get("emulator_sync").asText()).isEqualTo("file");
        assertThat(started.body().get("sink_config").get("path").asText()).isEqualTo(dir.toString());
        assertThat(started.body().get("sink_config").get("max_chunk_size").asText()).isEqualTo("4096");
        String id = started.body().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                call("GET", "/emulator/" + id + "/status", null).body().get("status").asText().equals("COMPLETED"));

        // every record is a line of one of the files, and the small chunk size made several of them
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(1);
        Set<String> ids = new TreeSet<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                ids.add(JSON.readTree(line).get("data").get("transaction_id").asText());
            }
        }
        assertThat(ids).hasSize(300);
    }

    @Test
    void theIcebergSinkIsReachedWithItsSettingsInSinkConfig(@TempDir Path dir) throws Exception {
        Response started = call("POST", "/emulator", """
                {"emulator_sync": "iceberg", "emulation_domain": "transaction", "max_records": 400, "threads": 2,
                 "sink_config": {"warehouse": "%s", "partition_by": "identity(currency)", "commit_interval": "1s"}}"""
                .formatted(dir.toString().replace("\\", "\\\\")));
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        String id = started.body().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                call("GET", "/emulator/" + id + "/status", null).body().get("status").asText().equals("COMPLETED"));
        assertThat(dir.resolve("catalog.db")).isRegularFile();
        List<Path> dataFiles;
        try (Stream<Path> walk = Files.walk(dir.resolve("emulator/transactions/data"))) {
            dataFiles = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        // one directory per currency, as identity(currency) says
        assertThat(dataFiles).isNotEmpty().allSatisfy(file -> assertThat(file.getParent().getFileName().toString())
                .startsWith("currency="));

        Response badTransform = call("POST", "/emulator", """
                {"emulator_sync": "iceberg", "emulation_domain": "transaction", "max_records": 5,
                 "sink_config": {"warehouse": "%s", "partition_by": "days(timestamp)"}}"""
                .formatted(dir.toString().replace("\\", "\\\\")));
        assertThat(badTransform.status()).isEqualTo(400);
        assertThat(badTransform.body().toString()).contains("partition_by", "days(timestamp)");
    }

    @Test
    void sinkConfigIsCheckedByTheSinkAndItsSecretsAreNeverEchoed(@TempDir Path dir) throws Exception {
        Response unknownKey = call("POST", "/emulator", """
                {"emulator_sync": "file", "emulation_domain": "transaction", "max_records": 5,
                 "sink_config": {"path": "%s", "colour": "red"}}""".formatted(dir.toString().replace("\\", "\\\\")));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.body().get("field").asText()).isEqualTo("sink_config.colour");
        assertThat(unknownKey.body().get("value").asText()).isEqualTo("red");
        assertThat(unknownKey.body().get("error").asText()).contains("'colour' = 'red'", "'file' sink");

        Response notAnObject = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction", "sink_config": "path=/tmp"}""");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.body().get("field").asText()).isEqualTo("sink_config");

        Response nested = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "transaction",
                 "sink_config": {"secret_key": {"value": "hunter2"}}}""");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.body().get("field").asText()).isEqualTo("sink_config.secret_key");
        assertThat(nested.body().toString()).doesNotContain("hunter2");

        Response twice = call("POST", "/emulator", """
                {"emulator_sync": "minio", "emulation_domain": "transaction", "format_type": "csv",
                 "sink_config": {"format_type": "json"}}""");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("errors").findValuesAsText("field")).contains("sink_config.format_type");

        // the server's bootstrap servers stay, the request's producer settings join them; the secret is masked
        Response kafka = call("POST", "/emulator", """
                {"emulator_sync": "kafka", "emulation_domain": "user-profile", "max_records": 20,
                 "sink_config": {"linger.ms": 5, "sasl.jaas.config": "x required password=\\"hunter2\\";"}}""");
        assertThat(kafka.status()).as(kafka.body().toString()).isEqualTo(202);
        assertThat(kafka.body().get("sink_config").get("linger.ms").asText()).isEqualTo("5");
        assertThat(kafka.body().get("sink_config").get("sasl.jaas.config").asText()).isEqualTo("****");
        assertThat(kafka.body().get("sink_config").has("bootstrap.servers")).isFalse();
        String id = kafka.body().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                call("GET", "/emulator/" + id + "/status", null).body().get("status").asText().equals("COMPLETED"));
        assertThat(call("GET", "/emulator", null).body().toString()).doesNotContain("hunter2");
    }

    @Test
    void unknownIdIsA404() throws Exception {
        assertThat(call("GET", "/emulator/nope/status", null).status()).isEqualTo(404);
        Response delete = call("DELETE", "/emulator/nope", null);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.body().get("error").asText()).contains("no emulation 'nope'");
    }

    @Test
    void postedDomainsCanBeEmulatedAndABadDefinitionIsA400ListingEveryProblem() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/domains/ecommerce.yaml"));
        Response added = call("POST", "/domains", yaml);
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        assertThat(added.body().get("domains").toString()).isEqualTo("[\"customers\",\"orders\"]");

        Response started = call("POST", "/emulator", """
                {"emulator_sync": "memory", "emulation_domain": "orders", "max_records": 200, "threads": 2}""");
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        String id = started.body().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = call("GET", "/emulator/" + id + "/status", null).body();
            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.get("stats").get("delivered").asLong()).isEqualTo(200);
        });

        Response bad = call("POST", "/domains", "{\"version\": 1, \"domains\": {\"d\": {\"fields\": "
                + "{\"x\": {\"int\": {\"min\": 5, \"max\": 1}}, \"y\": {\"uuuid\": {}}}}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors")).hasSize(2);
        assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("domains.d.fields.x.int.max");
        assertThat(bad.body().get("errors").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(bad.body().get("errors").get(1).get("error").asText()).contains("did you mean 'uuid'?");

        Response bundled = call("POST", "/domains", "version: 1\ndomains:\n  transaction: {fields: {x: {uuid: {}}}}\n");
        assertThat(bundled.status()).isEqualTo(400);
        assertThat(bundled.body().get("error").asText()).contains("'transaction' is bundled");
    }
}
