package dev.dataemulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorCliTest {

    record Result(int exitCode, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EmulatorCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpDocumentsEveryRunOptionWithItsDefault() {
        Result result = cli("run", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--domain", "Default: transaction", "--sink", "Default: kafka",
                "--threads", "Default: 5", "--duration", "Default: 10s", "--max-records", "--rate", "--seed",
                "--resource", "--format", "--mode", "--chunk-size", "--[no-]embedded", "--[no-]envelope",
                "Default: on", "--bootstrap-servers",
                "--s3-endpoint", "--sink-config");
    }

    @Test
    void schemaPrintsAvroOrJsonSchemaWithOrWithoutTheEnvelope() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Result avro = cli("schema", "--domain", "transaction");
        assertThat(avro.exitCode()).as(avro.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode envelope = json.readTree(avro.out());
        assertThat(envelope.get("name").asText()).isEqualTo("transaction_envelope");
        assertThat(envelope.get("fields").get(2).get("type").get("fields").get(2).get("type").get("logicalType")
                .asText()).isEqualTo("decimal");

        Result jsonSchema = cli("schema", "--domain", "device-log", "--format", "json-schema", "--no-envelope");
        assertThat(jsonSchema.exitCode()).as(jsonSchema.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode document = json.readTree(jsonSchema.out());
        assertThat(document.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(document.get("properties").get("logout_timestamp").get("type").toString())
                .isEqualTo("[\"string\",\"null\"]");

        Result unknown = cli("schema", "--domain", "shipment");
        assertThat(unknown.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(unknown.err()).contains("Unknown domain 'shipment'");
        Result badFormat = cli("schema", "--format", "xsd");
        assertThat(badFormat.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(badFormat.err()).contains("'format' = 'xsd': expected avro or json-schema");
    }

    @Test
    void schemaRegisterChecksTheRegistrySettingsBeforeContactingIt() {
        Result noScheme = cli("schema", "--register", "localhost:8081");
        assertThat(noScheme.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(noScheme.err()).contains("'schema_registry_url' = 'localhost:8081': expected an http:// or "
                + "https:// URL");
        Result strategy = cli("schema", "--register", "http://127.0.0.1:1", "--subject-name-strategy", "topics");
        assertThat(strategy.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(strategy.err()).contains("expected one of topic, record, topic_record");
    }

    @Test
    void moreBadInputExitsWithTwoNamingTheOption() {
        Result speed = cli("run", "--sink", "memory", "--rate", "10", "--backfill", "2026-01-01T00:00:00Z..",
                "--speed", "0", "-n", "5");
        assertThat(speed.exitCode()).as(speed.err()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(speed.err()).contains("--speed").contains("0");

        Result option = cli("run", "--sink", "memory", "-n", "5", "--domain-option", "novalue");
        assertThat(option.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(option.err()).contains("--domain-option").contains("novalue").contains("KEY=VALUE");

        Result none = cli("sample", "-n", "0");
        assertThat(none.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(none.err()).contains("--max-records").contains("0");
        assertThat(none.out()).isEmpty();

        // checked before any server starts: no embedded broker for an address that cannot be bound
        Result bind = cli("serve", "--bind", "no-such-host.invalid", "--port", "0");
        assertThat(bind.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(bind.err()).contains("--bind").contains("no-such-host.invalid");
        assertThat(bind.out()).doesNotContain("Kafka");
        Result port = cli("serve", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(port.err()).contains("--port").contains("70000");
        Result foreign = cli("serve", "--bind", "192.0.2.1", "--port", "0");
        assertThat(foreign.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(foreign.err()).contains("--bind").contains("192.0.2.1").contains("not an address of this machine");
    }

    @Test
    void runsIntoMemoryAndPrintsASummary() {
        Result result = cli("run", "--sink", "memory", "--domain", "device-log", "--max-records", "2500",
                "--threads", "3", "--seed", "11");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("device-log -> memory 'device-logs'", "status     COMPLETED",
                "records    2,500", "delivered  2,500", "failed     0", "seed       11");
    }

    @Test
    void shardsOfARunAreChosenAsIOverN() {
        Result result = cli("run", "--sink", "memory", "--shard", "1/3", "--max-records", "300", "--seed", "4");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // --max-records bounds the domain's records: shard 1 of 3 makes its third of them
        assertThat(result.out()).contains("records    100", "delivered  100");

        Result outside = cli("run", "--sink", "memory", "--shard", "3/3");
        assertThat(outside.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(outside.err()).contains("--shard 3/3");

        Result malformed = cli("run", "--sink", "memory", "--shard", "half");
        assertThat(malformed.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(malformed.err()).contains("--shard half: expected I/N");
    }

    @Test
    void resumeNeedsAnIdAndASinkThatKeepsProgress() {
        Result noId = cli("run", "--sink", "memory", "--resume", "--max-records", "10");
        assertThat(noId.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(noId.err()).contains("--resume true: needs id");

        Result memory = cli("run", "--sink", "memory", "--id", "nightly", "--resume", "--max-records", "10");
        assertThat(memory.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(memory.err()).contains("--resume true: the sink 'memory' keeps no durable progress");

        Result badId = cli("run", "--sink", "memory", "--id", "night run", "--max-records", "10");
        assertThat(badId.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(badId.err()).contains("--id night run: must be 1 to 64 letters");
    }

    @Test
    void backfillsAnHourOfEventTimeWithACurveAndLateRecords() {
        String hourly = "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1";
        Result result = cli("run", "--sink", "memory", "--domain", "transaction", "--seed", "2", "--rate", "2",
                "--backfill", "2026-01-01T00:00:00Z..2026-01-01T01:00:00Z", "--hourly", hourly, "--late", "0.02:10m");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED", "records    7,200", "delivered  7,200");

        Result backwards = cli("run", "--sink", "memory", "--rate", "2",
                "--backfill", "2026-01-02T00:00:00Z..2026-01-01T00:00:00Z");
        assertThat(backwards.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(backwards.err()).contains("--backfill ", "from before to").doesNotContain("eventTime");
        Result badLate = cli("run", "--sink", "memory", "--late", "often");
        assertThat(badLate.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(badLate.err()).contains("--late often: expected FRACTION:MAX");
        Result badCurve = cli("run", "--sink", "memory", "--rate", "5", "--hourly", "1,2,3");
        assertThat(badCurve.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(badCurve.err()).contains("exactly 24 weights");
    }

    @Test
    void badSettingsExitWithTwoAndNameTheSettingAndValue() {
        Result result = cli("run", "--sink", "memory", "--domain", "transactionz", "--threads", "0");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("--domain transactionz", "--threads 0");
    }

    @Test
    void errorsSpeakTheCommandLinesNamesAndValues() {
        Result result = cli("run", "--sink", "memory", "--rate", "-5");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("error: --rate -5: must be a positive").doesNotContain("ratePerSecond");
    }

    @Test
    void aBadOptionPrintsTheCauseAndAHintNotTheWholeUsage() {
        Result result = cli("run", "--sink", "memory", "--bogus");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("Unknown option: '--bogus'", "Try 'emulator run --help'")
                .doesNotContain("Usage:");
        assertThat(result.err().lines()).hasSize(2);
    }

    @Test
    void anOptionThatDoesNotApplyToTheSinkIsAnError() {
        Result result = cli("run", "--sink", "memory", "--format", "parquet", "--mode", "single");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("--format parquet: applies to --sink file, minio, stdout, not memory",
                "--mode single: applies to --sink file, minio, not memory");
        assertThat(result.out()).doesNotContain("status");
    }

    @Test
    void runHelpListsEverySinkFound() {
        Result result = cli("run", "--help");
        String help = result.out().replaceAll("\\s+", " ");
        assertThat(help).contains("Sink, one of the sinks found: file, iceberg, jdbc, kafka, memory, minio, stdout "
                + "(stdout:");
    }

    @Test
    void runWritesAnIcebergTableInALocalWarehouse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Result result = cli("run", "--sink", "iceberg", "--domain", "user-profile", "--max-records", "700",
                "-c", "warehouse=" + dir, "-c", "table=profiles");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED", "delivered  700");
        try (org.apache.iceberg.jdbc.JdbcCatalog catalog = new org.apache.iceberg.jdbc.JdbcCatalog()) {
            catalog.initialize("emulator", Map.of("uri", "jdbc:sqlite:" + dir.resolve("catalog.db"), "warehouse",
                    dir.toString(), "jdbc.schema-version", "V1", "io-impl",
                    "dev.dataemulator.iceberg.internal.LocalFileIO"));
            long added = 0;
            for (org.apache.iceberg.Snapshot snapshot : catalog.loadTable(
                    org.apache.iceberg.catalog.TableIdentifier.of("emulator", "profiles")).snapshots()) {
                added += Long.parseLong(snapshot.summary().get("added-records"));
            }
            assertThat(added).isEqualTo(700);
        }
    }

    @Test
    void theObjectOptionsWorkForTheFileSink(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Result result = cli("run", "--sink", "file", "-c", "path=" + dir, "--format", "parquet", "--mode", "chunked",
                "--chunk-size", "8MiB", "-n", "1000", "--seed", "3", "--threads", "1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            List<java.nio.file.Path> parquet = files.filter(file -> file.toString().endsWith(".parquet")).toList();
            assertThat(parquet).isNotEmpty();
            for (java.nio.file.Path file : parquet) {
                byte[] bytes = java.nio.file.Files.readAllBytes(file);
                assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).as("Parquet magic of " + file)
                        .isEqualTo("PAR1");
            }
        }
    }

    @Test
    void aKafkaServerGivenWithSinkConfigCountsAsTheFlag() {
        // acks=maybe fails when the producer is made, after the broker is found: the -c server was taken
        Result result = cli("run", "--sink", "kafka", "-c", "bootstrap.servers=127.0.0.1:9", "-c", "acks=maybe",
                "-n", "1");
        assertThat(result.err()).doesNotContain("No Kafka broker", "--bootstrap-servers").contains("acks");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void errorsNameTheOptionsAsTyped() {
        Result result = cli("run", "--sink", "memory", "--backfill", "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("--backfill 2026-01-01T00:00:00Z..2026-01-02T00:00:00Z: needs --rate")
                .doesNotContain("rate_per_second", "ratePerSecond", "event_time");
        Result threads = cli("run", "--sink", "memory", "--threads", "many");
        assertThat(threads.err()).contains("--threads many: expected a whole number");
    }

    @Test
    void aBareDurationIsSeconds() {
        Result result = cli("run", "--sink", "memory", "--duration", "1", "--rate", "200", "--threads", "1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED (duration elapsed)")
                .doesNotContain("records    0 ").doesNotContain("warning");
    }

    @Test
    void theSummarySaysWhyTheRunStoppedAndDomainOptionsReachTheDomain() {
        Result result = cli("run", "--sink", "memory", "--domain", "user-profile", "--domain-option",
                "user_id_max=1099", "--seed", "2");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("status     COMPLETED (domain exhausted)", "records    100 ");
    }

    @Test
    void aBadFaultExitsWithTwoNamingTheEntryWhetherFoundByTheSpecOrAtStart() {
        Result rate = cli("run", "--sink", "memory", "-n", "5", "--fault", "null.rate=2", "--fault",
                "null.fields=amount");
        assertThat(rate.exitCode()).as(rate.err()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(rate.err()).contains("faults.null.rate").contains("'2'").contains("must be from 0 to 1");

        Result field = cli("run", "--sink", "memory", "-n", "5", "--fault", "null.rate=0.5", "--fault",
                "null.fields=amont");
        assertThat(field.exitCode()).as(field.err()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(field.err()).contains("faults.null.fields").contains("did you mean 'amount'?");

        Result good = cli("run", "--sink", "memory", "-n", "50", "--fault", "duplicate=0.5");
        assertThat(good.exitCode()).as(good.err()).isZero();
    }

    @Test
    void aCsvStreamOnStdoutRefusesTheLabelsNamingTheOptionThatTurnsThemOff() {
        // the label lines among JSON Lines records: FaultsTest (core); here, the refusal as the CLI user sees it
        Result csv = cli("run", "--sink", "stdout", "--format", "csv", "-n", "20", "--fault", "duplicate=0.1");
        assertThat(csv.exitCode()).as(csv.err()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(csv.err()).contains("fault-labels").contains("the stream holds one csv document");

        Result off = cli("run", "--sink", "stdout", "--format", "csv", "-n", "20", "--fault", "duplicate=0.1",
                "--no-fault-labels");
        assertThat(off.exitCode()).as(off.err()).isZero();
    }

    @Test
    void aDomainWithoutAResourceOfItsOwnIsNamedInTheSummary() {
        Result result = cli("run", "--sink", "memory", "--domain", "order", "--max-records", "50",
                "--domain-option", "max_amount=20");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("order -> memory 'default_topic'",
                "note       domain 'order' has no resource of its own; writing to 'default_topic'");

        Result mapped = cli("run", "--sink", "memory", "--domain", "order", "--max-records", "5", "--resource",
                "orders");
        assertThat(mapped.out()).doesNotContain("note ");
    }

    @Test
    void samplePrintsRecordsAsEmittedWithNoServer() {
        Result result = cli("sample", "--domain", "transaction", "-n", "20", "--seed", "1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(20)
                .allMatch(line -> line.startsWith("{\"emulation_id\":") && line.contains("\"transaction_id\""));

        Result again = cli("sample", "--domain", "transaction", "-n", "20", "--seed", "1");
        assertThat(ids(again.out())).isEqualTo(ids(result.out()));
    }

    private static java.util.List<String> ids(String jsonLines) {
        return jsonLines.lines().map(line -> line.replaceAll(".*\"transaction_id\":\"([^\"]+)\".*", "$1"))
                .toList();
    }

    @Test
    void sampleSpeaksCsv() {
        Result result = cli("sample", "--domain", "order", "-n", "3", "--format", "csv", "--no-envelope");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(4).first().isEqualTo("order_id,customer,amount");
    }

    @Test
    void malformedDurationIsAUsageError() {
        Result result = cli("run", "--sink", "memory", "--duration", "soon");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("--duration", "soon");
    }

    @Test
    void kafkaWithoutAServerAndWithoutEmbeddedIsAClearError() {
        Result result = cli("run", "--sink", "kafka", "--no-embedded", "--bootstrap-servers", "");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err()).contains("No Kafka broker: pass --bootstrap-servers");
    }

    @Test
    void unknownSinkIsABadInput() {
        Result result = cli("run", "--sink", "ftp");
        assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(result.err())
                .contains("No sink 'ftp' (found: [file, iceberg, jdbc, kafka, memory, minio, stdout])");
    }

    @Test
    void aDomainFileWithoutDomainRunsEveryDomainAsOneEmulationWithASummaryPerDomain() {
        Result run = cli("run", "--domain-file", "src/main/resources/domains/ecommerce.yaml", "--sink", "memory",
                "--max-records", "orders=1234", "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("customers,orders -> memory 'customers,orders'", "status     COMPLETED",
                "delivered  21,234",
                "domain     customers -> 'customers': COMPLETED (domain exhausted), 20,000 records, 20,000 delivered",
                "domain     orders -> 'orders': COMPLETED (max records reached), 1,234 records, 1,234 delivered");
        assertThat(run.out()).doesNotContain("warning");
    }

    @Test
    void aListOfDomainsRunsThoseAndTheChildAloneWithoutASeedWarns() {
        String file = "src/main/resources/domains/ecommerce.yaml";
        Result both = cli("run", "--domain-file", file, "--domain", "orders, customers", "--sink", "memory",
                "--max-records", "300", "--seed", "5");
        assertThat(both.exitCode()).as(both.err()).isZero();
        // the bare count applies to orders, the one domain without a count; customers emits all 20,000
        assertThat(both.out()).contains("orders,customers -> memory 'orders,customers'", "delivered  20,300",
                "seed       5 (emulation ", "domain     orders -> 'orders': COMPLETED (max records reached), 300",
                "domain     customers -> 'customers': COMPLETED (domain exhausted), 20,000");

        Result alone = cli("run", "--domain-file", file, "--domain", "orders", "--sink", "memory", "-n", "10");
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(alone.out()).contains("warning    domain 'orders' refers to records of [customers], which this "
                + "run does not emit", "Give the seed (--seed)", "--domain customers,orders");

        Result bad = cli("run", "--domain-file", file, "--domain", "orders,custmers", "--sink", "memory",
                "--max-records", "payments=5");
        assertThat(bad.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(bad.err()).contains("--domain", "Unknown domain 'custmers'");
        Result badCount = cli("run", "--domain-file", file, "--sink", "memory", "--max-records", "payments=5");
        assertThat(badCount.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(badCount.err()).contains("--max-records", "payments=5",
                "counts records of 'payments', which is not a domain of this run (domains: [customers, orders])");
    }

    @Test
    void aDomainFileAddsItsDomainsToRunAndSample() {
        String file = "src/main/resources/domains/ecommerce.yaml";
        Result run = cli("run", "--domain-file", file, "--domain", "orders", "--sink", "memory", "--max-records",
                "300", "--threads", "2", "--seed", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("orders -> memory 'orders'", "status     COMPLETED", "delivered  300");

        Result customers = cli("run", "--domain-file", file, "--domain", "customers", "--sink", "memory",
                "--threads", "2", "--seed", "5", "--max-records", "50000");
        assertThat(customers.exitCode()).as(customers.err()).isZero();
        // a finite domain: exactly its count, then exhausted
        assertThat(customers.out()).contains("delivered  20,000");

        Result sample = cli("sample", "--domain-file", file, "--domain", "orders", "-n", "2", "--seed", "5",
                "--no-envelope");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        assertThat(sample.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"order_no\":\"ORD-"));
    }

    @Test
    void sampleOfMoreRecordsThanAFiniteDomainHasSaysSoOnStandardError() {
        // ecommerce.yaml's customers: count 20000
        Result sample = cli("sample", "--domain-file", "src/main/resources/domains/ecommerce.yaml", "--domain",
                "customers", "-n", "20005", "--seed", "5", "--no-envelope");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        assertThat(sample.out().lines()).hasSize(20_000);
        assertThat(sample.err()).contains("warning: domain 'customers' has 20,000 records; printed 20,000 of the "
                + "20,005 asked for (--max-records)");

        Result enough = cli("sample", "--domain-file", "src/main/resources/domains/ecommerce.yaml", "--domain",
                "customers", "-n", "3", "--seed", "5");
        assertThat(enough.err()).doesNotContain("warning");
    }

    @Test
    void schemaDescribesADomainOfADomainFile() {
        Result schema = cli("schema", "--domain-file", "src/main/resources/domains/ecommerce.yaml", "--domain",
                "customers", "--format", "json-schema", "--no-envelope");
        assertThat(schema.exitCode()).as(schema.err()).isZero();
        assertThat(schema.out()).contains("\"customer_id\"", "\"tier\"");
    }

    @Test
    void aBadDomainFileExitsWithTwoNamingEveryProblem() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bad-domains", ".yaml");
        try {
            java.nio.file.Files.writeString(file, "version: 1\ndomains:\n  d:\n    fields:\n"
                    + "      x: {int: {min: 5, max: 1}}\n      y: {uuuid: {}}\n");
            Result result = cli("run", "--domain-file", file.toString(), "--domain", "d", "--sink", "memory");
            assertThat(result.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
            assertThat(result.err()).contains("'domains.d.fields.x.int.max' = '1': expected at least min (5) (at "
                    + file.getFileName() + ":5:30)", "did you mean 'uuid'?");
        } finally {
            java.nio.file.Files.delete(file);
        }
        Result missing = cli("run", "--domain-file", "no-such-file.yaml", "--domain", "d", "--sink", "memory");
        assertThat(missing.exitCode()).isEqualTo(EmulatorCli.BAD_INPUT);
        assertThat(missing.err()).contains("--domain-file no-such-file.yaml: cannot be read");
    }
}
