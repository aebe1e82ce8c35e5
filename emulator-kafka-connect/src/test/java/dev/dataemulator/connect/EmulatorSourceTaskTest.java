package dev.dataemulator.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.connect.internal.ConnectValues;
import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.connect.internal.TaskSettings;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;
import org.junit.jupiter.api.Test;

class EmulatorSourceTaskTest {
    private static final String CLOCK = "2026-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> settings(String domains, long maxRecords, int shards) {
        Map<String, String> settings = new HashMap<>();
        settings.put("name", "emu");
        settings.put("domains", domains);
        settings.put("seed", "42");
        settings.put("shards", Integer.toString(shards));
        settings.put("max.records", Long.toString(maxRecords));
        settings.put("clock.instant", CLOCK);
        settings.put("batch.size", "64");
        return settings;
    }

    /** @return every record of every task of a connector run with {@code maxTasks} tasks */
    private static List<SourceRecord> runAll(Map<String, String> settings, int maxTasks, int expected)
            throws InterruptedException {
        List<Map<String, String>> configs = TaskHarness.taskConfigs(settings, maxTasks);
        assertThat(configs).hasSize(maxTasks);
        List<SourceRecord> all = new ArrayList<>();
        TaskHarness harness = new TaskHarness();
        for (Map<String, String> config : configs) {
            EmulatorSourceTask task = harness.start(config);
            all.addAll(harness.poll(task, expected));
            task.stop();
        }
        return all;
    }

    /**
     * @return a schemaless record's value as {@code JsonConverter} with {@code schemas.enable=false} writes it, read
     *     back as a tree: what a Connect pipeline stores, to compare with the emulator's own JSON encoding of the
     *     record (numbers compare by value, so a decimal's trailing zero does not count)
     */
    private static JsonNode schemalessJson(SourceRecord record) throws java.io.IOException {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return JSON.readTree(converter.fromConnectData(record.topic(), record.valueSchema(), record.value()));
    }

    private static String describe(SourceRecord record) {
        return record.topic() + "|" + record.key() + "|" + record.value() + "|" + header(record, "seq") + "|"
                + record.sourcePartition() + "|" + record.sourceOffset();
    }

    private static Object header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null ? null : header.value();
    }

    @Test
    void oneTaskAndThreeTasksWriteTheSameRecords() throws InterruptedException {
        Map<String, String> settings = settings("transaction,device-log", 500, 6);

        List<SourceRecord> one = runAll(settings, 1, 1_000);
        List<SourceRecord> three = runAll(settings, 3, 1_000);

        assertThat(one).hasSize(1_000);
        assertThat(three).hasSize(1_000);
        Set<String> oneSet = one.stream().map(EmulatorSourceTaskTest::describe).collect(Collectors.toSet());
        Set<String> threeSet = three.stream().map(EmulatorSourceTaskTest::describe).collect(Collectors.toSet());
        assertThat(threeSet).hasSize(1_000).isEqualTo(oneSet);
    }

    @Test
    void shardsTogetherWriteExactlyTheCoreRecordsOfTheSeed() throws InterruptedException {
        List<SourceRecord> written = runAll(settings("transaction", 300, 4), 2, 300);

        List<EmulatedRecord> expected = Fixtures.of("transaction").seed(42).emulationId("emu")
                .clock(Domains.clock(Instant.parse(CLOCK))).records(300);
        ConnectValues typed = ConnectValues.of(expected.get(0).schema().orElseThrow(), true);
        Map<Long, SourceRecord> bySeq = new HashMap<>();
        for (SourceRecord record : written) {
            assertThat(bySeq.put((Long) header(record, "seq"), record)).as("duplicate seq").isNull();
        }
        assertThat(bySeq).hasSize(300);
        for (EmulatedRecord record : expected) {
            SourceRecord actual = bySeq.get(record.seq());
            assertThat(actual.topic()).isEqualTo("transactions");
            assertThat(actual.key()).isEqualTo(record.key());
            assertThat(actual.valueSchema()).isEqualTo(typed.schema());
            assertThat(actual.value()).isEqualTo(typed.toStruct(record));
            // and independently of the connector's mapping: the fields as core's own map view reads them
            org.apache.kafka.connect.data.Struct envelope = (org.apache.kafka.connect.data.Struct) actual.value();
            assertThat(envelope.get("emulation_id")).isEqualTo("emu");
            org.apache.kafka.connect.data.Struct struct = envelope.getStruct("data");
            Map<String, Object> fields = record.dataAsMap();
            assertThat(struct.schema().fields()).extracting(org.apache.kafka.connect.data.Field::name)
                    .containsExactlyElementsOf(fields.keySet());
            for (String name : List.of("transaction_id", "user_id", "amount", "currency", "merchant", "location",
                    "fraud_scenario")) {
                assertThat(struct.get(name)).as("%s of record %d", name, record.seq()).isEqualTo(fields.get(name));
            }
            // an INT field: Connect's INT32 against the map's Long
            assertThat(((Number) struct.get("is_fraud")).longValue()).isEqualTo(fields.get("is_fraud"));
            assertThat(((java.util.Date) struct.get("timestamp")).toInstant().toString())
                    .isEqualTo(fields.get("timestamp"));
            assertThat(header(actual, "emulation_id")).isEqualTo("emu");
            assertThat(header(actual, "domain")).isEqualTo("transaction");
            assertThat(actual.sourcePartition()).isEqualTo(Map.of("domain", "transaction", "shard",
                    (int) (record.seq() % 4)));
            assertThat(actual.sourceOffset()).isEqualTo(Map.of("seq", record.seq() + 4));
        }
    }

    @Test
    void aBackfillSpreadsEventTimesBySequenceNumberSoTasksAndShardsFollowOneTimeline() throws Exception {
        Map<String, String> settings = settings("transaction", 100_000, 4);
        settings.put("event.time.backfill", "2025-06-01T00:00:00Z..2025-06-01T00:10:00Z");
        settings.put("event.time.rate", "1");
        settings.put("rate.curve.hourly", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");
        settings.put("lateness", "0.1:1m");
        settings.put("envelope", "true");
        settings.put("value.schemas.enable", "false");

        // the backfill ends each shard at its end: 600 records in all, whatever the task count
        List<SourceRecord> written = runAll(settings, 3, 600);
        assertThat(written).hasSize(600);
        Map<Long, EmulatedRecord> expected = new HashMap<>();
        Fixtures.of("transaction").seed(42).emulationId("emu").clock(Domains.clock(Instant.parse(CLOCK)))
                .ratePerSecond(1).lateness(0.1, java.time.Duration.ofMinutes(1))
                .eventTime(dev.dataemulator.core.EventTime.backfill(Instant.parse("2025-06-01T00:00:00Z"),
                        Instant.parse("2025-06-01T00:10:00Z")))
                .records(1000).forEach(r -> expected.put(r.seq(), r));
        assertThat(expected).hasSize(600);
        for (SourceRecord record : written) {
            EmulatedRecord same = expected.get((Long) header(record, "seq"));
            assertThat(schemalessJson(record)).isEqualTo(JSON.readTree(same.json()));
        }
    }

    @Test
    void typedValuesRoundTripThroughJsonConverterWithSchemasOn() throws Exception {
        for (String domain : List.of("transaction", "user-profile", "device-log")) {
            for (String envelope : List.of("true", "false")) {
                Map<String, String> settings = settings(domain, 200, 1);
                settings.put("envelope", envelope);
                List<SourceRecord> written = runAll(settings, 1, 200);
                assertThat(written).hasSize(200);
                List<EmulatedRecord> expected = Fixtures.of(domain).seed(42).emulationId("emu")
                        .envelope(Boolean.parseBoolean(envelope)).clock(Domains.clock(Instant.parse(CLOCK)))
                        .records(200);
                Map<Long, EmulatedRecord> bySeq = new HashMap<>();
                expected.forEach(record -> bySeq.put(record.seq(), record));
                JsonConverter converter = new JsonConverter();
                converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
                for (SourceRecord record : written) {
                    byte[] bytes = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
                    SchemaAndValue back = converter.toConnectData(record.topic(), bytes);
                    assertThat(back.schema()).isEqualTo(record.valueSchema());
                    assertThat(back.value()).isEqualTo(record.value());

                    // the payload holds the record's values: exact decimals, epoch millis for timestamps
                    EmulatedRecord source = bySeq.get((Long) header(record, "seq"));
                    JsonNode payload = JSON.readTree(bytes).get("payload");
                    JsonNode data = Boolean.parseBoolean(envelope) ? payload.get("data") : payload;
                    JsonNode json = JSON.readTree(source.json());
                    JsonNode sourceData = Boolean.parseBoolean(envelope) ? json.get("data") : json;
                    var fields = sourceData.properties().iterator();
                    while (fields.hasNext()) {
                        var field = fields.next();
                        JsonNode actual = data.get(field.getKey());
                        String type = source.schema().orElseThrow().field(field.getKey()).orElseThrow().type()
                                .toString();
                        if (field.getValue().isNull()) {
                            assertThat(actual.isNull()).isTrue();
                        } else if (type.equals("timestamp")) {
                            assertThat(actual.asLong()).isEqualTo(
                                    Instant.parse(field.getValue().asText()).toEpochMilli());
                        } else if (type.equals("date")) {
                            // JsonConverter writes a Connect Date as days since the epoch
                            assertThat(actual.asLong()).isEqualTo(
                                    java.time.LocalDate.parse(field.getValue().asText()).toEpochDay());
                        } else if (type.startsWith("decimal")) {
                            assertThat(actual.decimalValue()).isEqualByComparingTo(field.getValue().decimalValue());
                        } else {
                            assertThat(actual).as(field.getKey()).isEqualTo(field.getValue());
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutValueSchemasTheValueIsTheSchemalessMap() throws Exception {
        Map<String, String> settings = settings("transaction", 50, 1);
        settings.put("value.schemas.enable", "false");
        List<SourceRecord> written = runAll(settings, 1, 50);
        List<EmulatedRecord> expected = Fixtures.of("transaction").seed(42).emulationId("emu")
                .clock(Domains.clock(Instant.parse(CLOCK))).records(50);
        assertThat(written).hasSize(50);
        for (SourceRecord record : written) {
            assertThat(record.valueSchema()).isNull();
            EmulatedRecord same = expected.get((int) (long) (Long) header(record, "seq"));
            assertThat(schemalessJson(record)).isEqualTo(JSON.readTree(same.json()));
        }
    }

    @Test
    void withConnectorDefinedBoundariesATransactionHoldsBatchSizeRecordsAcrossPollsAndEndsWithTheUnits()
            throws InterruptedException {
        // three units in one task: each poll takes 64 / 3 = 21 records from each, 63 in all, so poll and
        // transaction boundaries differ
        List<SourceRecord> committedOn = new ArrayList<>();
        List<String> batchCommits = new ArrayList<>();
        TaskHarness harness = new TaskHarness();
        harness.transactions = new TransactionContext() {
            @Override
            public void commitTransaction() {
                batchCommits.add("commit");
            }

            @Override
            public void commitTransaction(SourceRecord record) {
                committedOn.add(record);
            }

            @Override
            public void abortTransaction() {
                throw new AssertionError("the task never aborts");
            }

            @Override
            public void abortTransaction(SourceRecord record) {
                throw new AssertionError("the task never aborts");
            }
        };
        EmulatorSourceTask task = harness.start(TaskHarness.taskConfigs(settings("transaction", 300, 3), 1).get(0));
        List<SourceRecord> first = task.poll();
        assertThat(first).hasSize(63);
        List<SourceRecord> records = new ArrayList<>(first);
        records.addAll(harness.poll(task, 300 - 63));
        assertThat(records).hasSize(300);

        assertThat(committedOn).containsExactly(records.get(63), records.get(127), records.get(191),
                records.get(255), records.get(299));
        assertThat(task.poll()).as("idle").isNull();
        assertThat(batchCommits).as("nothing was left open to commit when the task idled").isEmpty();
        task.stop();
        assertThat(batchCommits).as("stopping asks for the open transaction's commit").hasSize(1);
    }

    @Test
    void aDefinitionOfParentAndChildGivesTheRecordsOfTheRunnersRunOfBothDomains() throws Exception {
        Map<String, String> settings = settings("customers, payments", 0, 2);
        settings.put("max.records", "payments=500");
        settings.put("value.schemas.enable", "false");
        settings.put("domain.definition", """
                version: 1
                domains:
                  customers:
                    count: 300
                    resource: customers
                    key: customer_id
                    fields:
                      customer_id: {unique: {min: 100000, max: 999999}}
                      name: {faker: "#{Name.firstName}"}
                  payments:
                    resource: payments
                    key: payment_id
                    fields:
                      payment_id: {uuid: {}}
                      customer_id: {ref: {domain: customers, field: customer_id}}
                      amount: {decimal: {min: 1, max: 500, scale: 2}}
                """);
        List<SourceRecord> written = runAll(settings, 1, 800);
        assertThat(written).hasSize(800);

        dev.dataemulator.core.support.MemorySyncProducer sink = new dev.dataemulator.core.support.MemorySyncProducer();
        dev.dataemulator.core.EmulationRunner.run(dev.dataemulator.core.EmulationSpec.builder()
                .registry(new EmulatorSourceConnectorConfig(settings).registry())
                .set("domain", "customers,payments").set("max_records", "payments=500").seed(42).id("emu")
                .clock(Domains.clock(Instant.parse(CLOCK))).sink(sink).threads(2).build());
        Map<String, EmulatedRecord> byTopicAndSeq = new HashMap<>();
        sink.records().forEach(record -> byTopicAndSeq.put(record.domain() + "/" + record.seq(), record));
        assertThat(byTopicAndSeq).hasSize(800);
        for (SourceRecord record : written) {
            EmulatedRecord same = byTopicAndSeq.get(record.topic() + "/" + header(record, "seq"));
            assertThat(same).as(describe(record)).isNotNull();
            assertThat(schemalessJson(record)).isEqualTo(JSON.readTree(same.json()));
        }
        assertThat(written.stream().filter(record -> record.topic().equals("customers")).count()).isEqualTo(300);
    }

    private static final String SALES = """
            version: 1
            domains:
              sales:
                resource: sales
                key: sale_id
                fields:
                  sale_id: {uuid: {}}
                  amount: {double: {min: 0, max: 100}}
                  items: {int: {min: 1, max: 20}}
            """;

    private static Map<String, String> faultySales() {
        Map<String, String> settings = settings("sales", 300, 1);
        settings.put("value.schemas.enable", "false");
        settings.put("domain.definition", SALES);
        settings.put("faults.duplicate", "0.05");
        settings.put("faults.null.rate", "0.05");
        settings.put("faults.null.fields", "items");
        settings.put("faults.out_of_range.rate", "0.05");
        settings.put("faults.out_of_range.fields", "items");
        settings.put("faults.wrong_type.rate", "0.05");
        settings.put("faults.wrong_type.fields", "amount");
        return settings;
    }

    @Test
    void withFaultsTheTaskWritesTheRunnersDamagedRecordsRepeatsAndLabelsInItsOrder() throws Exception {
        Map<String, String> settings = faultySales();
        dev.dataemulator.core.support.MemorySyncProducer sink = new dev.dataemulator.core.support.MemorySyncProducer();
        dev.dataemulator.core.EmulationSpec.Builder runner = dev.dataemulator.core.EmulationSpec.builder()
                .registry(new EmulatorSourceConnectorConfig(settings).registry()).domain("sales").maxRecords(300)
                .seed(42).id("emu").clock(Domains.clock(Instant.parse(CLOCK))).sink(sink).threads(1);
        settings.forEach((key, value) -> {
            if (key.startsWith("faults.")) {
                runner.set(key, value);
            }
        });
        dev.dataemulator.core.EmulationRunner.run(runner.build());
        List<EmulatedRecord> records = sink.records("sales");
        List<EmulatedRecord> labels = sink.records("sales_faults");
        assertThat(records).hasSizeGreaterThan(300);
        assertThat(labels).isNotEmpty();

        List<SourceRecord> written = runAll(settings, 1, records.size() + labels.size());
        List<SourceRecord> writtenRecords = written.stream().filter(r -> r.topic().equals("sales")).toList();
        List<SourceRecord> writtenLabels = written.stream().filter(r -> r.topic().equals("sales_faults")).toList();
        assertThat(writtenRecords).hasSameSizeAs(records);
        assertThat(writtenLabels).hasSameSizeAs(labels);
        for (int i = 0; i < records.size(); i++) {
            SourceRecord record = writtenRecords.get(i);
            EmulatedRecord same = records.get(i);
            assertThat(header(record, "seq")).as(describe(record)).isEqualTo(same.seq());
            assertThat(record.key()).isEqualTo(same.key());
            assertThat(header(record, "emulator.fault")).isEqualTo(same.fault().orElse(null));
            assertThat(schemalessJson(record)).isEqualTo(JSON.readTree(same.json()));
        }
        for (int i = 0; i < labels.size(); i++) {
            assertThat(writtenLabels.get(i).key()).isEqualTo(labels.get(i).key());
            assertThat(schemalessJson(writtenLabels.get(i))).isEqualTo(JSON.readTree(labels.get(i).json()));
        }
        assertThat(records.stream().map(r -> r.fault().orElse("").replaceAll(":.*", "")).collect(Collectors.toSet()))
                .contains("", "duplicate", "null", "out_of_range", "wrong_type");

        settings.put("fault.labels", "false");
        assertThat(runAll(settings, 1, records.size()).stream().map(SourceRecord::topic).distinct())
                .containsExactly("sales");
    }

    @Test
    void faultsTheValuesCannotHoldAndBadEntriesAreRefusedAtStartNamingTheEntry() {
        Map<String, String> typed = faultySales();
        typed.put("value.schemas.enable", "true");
        assertThatThrownBy(() -> TaskHarness.taskConfigs(typed, 1))
                .hasMessageContaining("faults.wrong_type.rate").hasMessageContaining("Struct values");
        Map<String, String> malformed = settings("sales", 10, 1);
        malformed.put("value.schemas.enable", "false");
        malformed.put("domain.definition", SALES);
        malformed.put("faults.malformed", "0.01");
        assertThatThrownBy(() -> TaskHarness.taskConfigs(malformed, 1))
                .hasMessageContaining("faults.malformed").hasMessageContaining("malformed record");
        Map<String, String> rate = faultySales();
        rate.put("faults.duplicate", "2");
        assertThatThrownBy(() -> TaskHarness.taskConfigs(rate, 1))
                .hasMessageContaining("faults.duplicate").hasMessageContaining("from 0 to 1");
        typed.put("faults.null.fields", "itemz");
        typed.put("value.schemas.enable", "false");
        assertThatThrownBy(() -> TaskHarness.taskConfigs(typed, 1))
                .hasMessageContaining("faults.null.fields").hasMessageContaining("did you mean 'items'");
    }

    @Test
    void taskResumesAtTheStoredOffset() throws InterruptedException {
        Map<String, String> settings = settings("transaction", 0, 1);
        Map<String, String> config = TaskHarness.taskConfigs(settings, 1).get(0);
        TaskHarness harness = new TaskHarness();

        EmulatorSourceTask first = harness.start(config);
        List<SourceRecord> before = harness.poll(first, 100);
        first.stop();
        EmulatorSourceTask second = harness.start(config);
        List<SourceRecord> after = harness.poll(second, 100);
        second.stop();

        assertThat(before).hasSize(128);
        assertThat(header(after.get(0), "seq")).isEqualTo(128L);
        List<EmulatedRecord> expected = Fixtures.of("transaction").seed(42).emulationId("emu")
                .clock(Domains.clock(Instant.parse(CLOCK))).records(128, 128);
        assertThat(after).extracting(SourceRecord::key)
                .containsExactlyElementsOf(expected.stream().map(EmulatedRecord::key).toList());
    }

    @Test
    void rewoundOffsetReplaysIdenticalRecords() throws InterruptedException {
        Map<String, String> config = TaskHarness.taskConfigs(settings("device-log", 0, 2), 1).get(0);
        TaskHarness harness = new TaskHarness();
        EmulatorSourceTask task = harness.start(config);
        List<SourceRecord> first = harness.poll(task, 64);
        task.stop();

        harness.store(Map.of("domain", "device-log", "shard", 0), Map.of("seq", 0L));
        harness.store(Map.of("domain", "device-log", "shard", 1), Map.of("seq", 1L));
        EmulatorSourceTask replay = harness.start(config);
        List<SourceRecord> second = harness.poll(replay, 64);
        replay.stop();

        assertThat(second).extracting(EmulatorSourceTaskTest::describe)
                .containsExactlyElementsOf(first.stream().map(EmulatorSourceTaskTest::describe).toList());
    }

    @Test
    void taskIdlesWithoutFailingOnceMaxRecordsAreWritten() throws InterruptedException {
        Map<String, String> config = TaskHarness.taskConfigs(settings("transaction", 10, 3), 1).get(0);
        TaskHarness harness = new TaskHarness();
        EmulatorSourceTask task = harness.start(config);

        assertThat(harness.poll(task, 10)).hasSize(10);
        long start = System.nanoTime();
        assertThat(task.poll()).isNull();
        assertThat(System.nanoTime() - start).as("idle poll waits instead of spinning")
                .isGreaterThanOrEqualTo(EmulatorSourceTask.IDLE_WAIT_MS * 500_000L);

        CompletableFuture<List<SourceRecord>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        task.stop();
        await().atMost(Duration.ofSeconds(30)).until(waiting::isDone);
        assertThat(waiting.join()).as("a poll waiting when the task stops returns nothing").isNull();
        assertThat(task.poll()).isNull();
    }

    @Test
    void userProfilesNeverRepeatAnIdAcrossShards() throws InterruptedException {
        Map<String, String> settings = settings("user-profile", 0, 8);
        settings.put("batch.size", "1000");
        List<SourceRecord> all = runAll(settings, 2, 20_000);

        assertThat(all).hasSize(9_000);
        assertThat(all.stream().map(SourceRecord::key).distinct().count()).isEqualTo(9_000);
    }

    @Test
    void rateLimitPacesTheTaskAtItsShareOfTheConnectorsRate() throws InterruptedException {
        Map<String, String> settings = settings("transaction", 0, 2);
        settings.put("rate.per.second", "400");
        settings.put("batch.size", "1"); // one record per poll: the counts below are exact
        Map<String, String> config = TaskHarness.taskConfigs(settings, 2).get(0);
        // the connector's 400/s split over its two tasks
        assertThat(Double.parseDouble(config.get(TaskSettings.RATE))).isEqualTo(200.0);
        TaskHarness harness = new TaskHarness();
        // timed from before the start: the limiter is made there, and permits accrue from then on
        long start = System.nanoTime();
        EmulatorSourceTask task = harness.start(config);
        long ceiling = start + Duration.ofSeconds(60).toNanos();

        int count = 0;
        long windowStart = 0;
        while (count < 500 && System.nanoTime() < ceiling) {
            List<SourceRecord> batch = task.poll();
            count += batch == null ? 0 : batch.size();
            if (windowStart == 0 && count >= 300) {
                windowStart = System.nanoTime();
            }
        }
        long end = System.nanoTime();
        task.stop();

        assertThat(count).isEqualTo(500);
        // not faster than the share: the limiter starts without a burst, so the 500th permit falls due 499 x 5 ms
        // after it was made, however the polls were spread
        assertThat((end - start) / 1e9).isGreaterThanOrEqualTo(2.49);
        // not slower: records 300 to 500 come at 200/s, one second (time lost by a slow poll before the window is
        // made up at once, up to one second's worth); at half the share they would take two
        assertThat((end - windowStart) / 1e9).isLessThan(1.8);
    }

    @Test
    void aDomainDefinitionSettingAddsItsDomainsAndEveryReferenceResolves() throws Exception {
        String definition = java.nio.file.Files.readString(
                java.nio.file.Path.of("../emulator-examples/src/main/resources/domains/ecommerce.yaml"));
        Map<String, String> customersSettings = settings("customers", 0, 4);
        customersSettings.put("domain.definition", definition);
        // a finite domain: the shards together write exactly its 20000 records, then idle
        List<SourceRecord> customers = runAll(customersSettings, 2, 20_000);
        assertThat(customers).hasSize(20_000);
        java.util.Set<String> customerIds = new java.util.HashSet<>();
        customers.forEach(record -> customerIds.add((String) record.key()));
        assertThat(customerIds).hasSize(20_000);

        Map<String, String> orderSettings = settings("orders", 500, 4);
        orderSettings.put("domain.definition", definition);
        orderSettings.put("value.schemas.enable", "false");
        List<SourceRecord> orders = runAll(orderSettings, 2, 500);
        assertThat(orders).hasSize(500);
        for (SourceRecord order : orders) {
            assertThat(order.topic()).isEqualTo("orders");
            Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) order.value()).get("data");
            assertThat(customerIds).as(data.toString()).contains(String.valueOf(data.get("customer_id")));
        }
    }

    @Test
    void aLifecycleDomainsChangesAreTheRunnersAcrossTasksAndShards() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("../emulator-examples/src/main/resources/domains/accounts.yaml");
        String backfill = "2026-01-01T00:00:00Z..2026-01-20T00:00:00Z";
        dev.dataemulator.core.DomainRegistry.Builder registry = dev.dataemulator.core.DomainRegistry.builder();
        dev.dataemulator.declarative.DeclarativeDomains.load(file).forEach(registry::register);
        dev.dataemulator.core.Fixtures.Stream runner = dev.dataemulator.core.Fixtures.of("accounts")
                .registry(registry.build()).seed(42).envelope(false)
                .eventTime(dev.dataemulator.core.EventTimeOptions.backfill("backfill", backfill)).stream();
        Map<Long, String> expected = new java.util.TreeMap<>();
        for (long seq = 0; runner.record(seq) != null; seq++) {
            expected.put(seq, runner.record(seq).key());
        }
        assertThat(expected).hasSizeGreaterThan(3_000);

        Map<String, String> settings = settings("accounts", 0, 4);
        settings.put("domain.definition", java.nio.file.Files.readString(file));
        settings.put("event.time.backfill", backfill); // no event.time.rate: the changes carry their own times
        settings.put("value.schemas.enable", "false");
        Map<Long, String> made = new java.util.TreeMap<>();
        for (SourceRecord record : runAll(settings, 2, expected.size())) {
            made.put(Long.parseLong(String.valueOf(header(record, "seq"))), (String) record.key());
        }
        assertThat(made).isEqualTo(expected);
    }

    @Test
    void aBadDomainDefinitionIsAConfigErrorNamingEveryProblem() {
        Map<String, String> bad = settings("d", 0, 1);
        bad.put("domain.definition", "version: 1\ndomains:\n  d: {fields: {x: {int: {min: 5, max: 1}}, y: {uuuid: {}}}}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(bad))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("domain.definition")
                .hasMessageContaining("domain.definition:3:39: domains.d.fields.x.int.max = '1': expected at least min (5)")
                .hasMessageContaining("did you mean 'uuid'?");
        List<org.apache.kafka.common.config.ConfigValue> values = new EmulatorSourceConnector().validate(bad).configValues();
        assertThat(values.stream().filter(v -> v.name().equals("domain.definition")).findFirst().orElseThrow()
                .errorMessages()).singleElement().asString().contains("2 problems");

        Map<String, String> unknown = settings("order", 0, 1);
        unknown.put("domain.definition", "version: 1\ndomains:\n  orders: {fields: {x: {uuid: {}}}}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EmulatorSourceConnectorConfig(unknown))
                .hasMessageContaining("unknown domain 'order'").hasMessageContaining("orders");
    }
}
