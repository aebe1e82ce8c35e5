package dev.dataemulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.connect.EmulatorSourceConnectorConfig;
import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.RateCurve;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.examples.CliDoor;
import dev.dataemulator.examples.http.HttpDoor;
import dev.dataemulator.spark.internal.SourceOptions;
import dev.dataemulator.spring.boot.SpringDoor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same settings through all six front doors: the Java builder (the reference, set with typed methods), the CLI,
 * an HTTP request, Spring properties, a Kafka Connect configuration and Spark options. Each door's spec carries the
 * same settings ({@code toSettings()}), and the first 1,000 records each door serves are byte-identical to those
 * the engine made for the reference spec.
 *
 * <p>The shared settings are those every door offers: domain, seed, envelope, a backfill of event time, its rate,
 * an hourly curve and late records (see docs/SETTINGS.md for the doors' columns). The emulation id is not a setting
 * of the CLI or the HTTP service (each run gets its own), so records are compared with one id given to each door's
 * record source.
 */
class FrontDoorConformanceTest {
    private static final int RECORDS = 1000;
    private static final String ID = "conformance";
    private static final long SEED = 42;
    private static final String FROM = "2026-03-01T00:00:00Z";
    private static final String TO = "2026-03-02T00:00:00Z";
    private static final String HOURLY = "1,1,1,1,1,1,2,2,3,3,3,3,3,3,3,3,3,3,2,2,2,2,1,1";
    private static final String RATE = "2.5";
    private static final String LATE = "0.05:10m";

    /** The shared settings in the table's names and text forms, as every door's spec must hold them. */
    private static final Map<String, String> SHARED = Map.of("domain", "transaction", "seed", String.valueOf(SEED),
            "envelope", "true", "event_time", FROM + ".." + TO, "rate_per_second", RATE, "rate_curve", HOURLY,
            "lateness", LATE);

    private static EmulationSpec reference;
    private static List<byte[]> engineRecords;

    @BeforeAll
    static void theReferenceRunsThroughTheEngine() {
        double[] weights = {1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1};
        reference = EmulationSpec.builder().domain("transaction").seed(SEED).envelope(true)
                .eventTime(EventTime.backfill(Instant.parse(FROM), Instant.parse(TO))).ratePerSecond(2.5)
                .rateCurve(RateCurve.hourly(weights)).lateness(0.05, Duration.ofMinutes(10))
                .sink(new MemorySyncProducer()).build();
        MemorySyncProducer sink = new MemorySyncProducer();
        try (Emulation emulation = EmulationRunner.start(reference.toBuilder().sink(sink).id(ID).maxRecords(RECORDS)
                .build())) {
            assertThat(emulation.awaitCompletion(Duration.ofMinutes(2)).status())
                    .isEqualTo(EmulationStatus.COMPLETED);
        }
        engineRecords = sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq))
                .map(EmulatedRecord::json).toList();
        assertThat(engineRecords).hasSize(RECORDS);
    }

    @Test
    void theJavaBuilderHoldsTheSharedSettings() {
        assertThat(reference.toSettings()).containsAllEntriesOf(SHARED);
        assertRecords("Java builder", fixtures(reference)::record);
    }

    @Test
    void theCommandLine() {
        EmulationSpec spec = CliDoor.spec("--sink", "memory", "--domain", "transaction", "--seed", "42",
                "--envelope", "--backfill", FROM + ".." + TO, "--rate", RATE, "--hourly", HOURLY, "--late", LATE);
        assertSameSettings("CLI", spec);
        assertRecords("CLI", fixtures(spec)::record);
    }

    @Test
    void anHttpRequest() {
        EmulationSpec spec = HttpDoor.spec("""
                {"emulator_sync": "memory", "emulation_domain": "transaction", "seed": 42, "rate": %s,
                 "backfill_from": "%s", "backfill_to": "%s", "hourly": [%s],
                 "late_fraction": 0.05, "late_max": 600}""".formatted(RATE, FROM, TO, HOURLY));
        assertSameSettings("HTTP", spec);
        assertRecords("HTTP", fixtures(spec)::record);
    }

    @Test
    void springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        String prefix = "emulator.emulations[0].";
        properties.put(prefix + "domain", "transaction");
        properties.put(prefix + "sink", "memory");
        properties.put(prefix + "seed", "42");
        properties.put(prefix + "envelope", "true");
        properties.put(prefix + "event-time", FROM + ".." + TO);
        properties.put(prefix + "rate-per-second", RATE);
        properties.put(prefix + "rate-curve", HOURLY);
        properties.put(prefix + "lateness", LATE);
        EmulationSpec spec = SpringDoor.spec(properties);
        assertSameSettings("Spring", spec);
        assertRecords("Spring", fixtures(spec)::record);
    }

    @Test
    void aKafkaConnectConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", ID);
        config.put("domains", "transaction");
        config.put("seed", "42");
        config.put("envelope", "true");
        config.put("event.time.backfill", FROM + ".." + TO);
        config.put("event.time.rate", RATE);
        config.put("rate.curve.hourly", HOURLY);
        config.put("lateness", LATE);
        EmulatorSourceConnectorConfig connector = new EmulatorSourceConnectorConfig(config);
        assertSameSettings("Kafka Connect", connector.spec("transaction"));
        Fixtures.Stream stream = Domains.open(connector, connector.registry(), "transaction");
        assertRecords("Kafka Connect", stream::record);
    }

    @Test
    void sparkOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("domain", "transaction");
        options.put("seed", "42");
        options.put("envelope", "true");
        options.put("emulation.id", ID);
        options.put("event.time.backfill", FROM + ".." + TO);
        options.put("event.time.rate", RATE);
        options.put("rate.curve.hourly", HOURLY);
        options.put("lateness", LATE);
        SourceOptions source = SourceOptions.parse(options, 0L, 1);
        assertSameSettings("Spark", source.spec());
        assertThat(source.settings()).as("what executors rebuild the spec from").isEqualTo(source.spec().toSettings());
        Fixtures.Stream stream = source.stream();
        assertRecords("Spark", stream::record);
    }

    private static void assertSameSettings(String door, EmulationSpec spec) {
        Map<String, String> shared = new LinkedHashMap<>(spec.toSettings());
        shared.keySet().retainAll(SHARED.keySet());
        assertThat(shared).as(door + " settings").isEqualTo(Map.copyOf(reference.toSettings()).entrySet().stream()
                .filter(entry -> SHARED.containsKey(entry.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static Fixtures.Stream fixtures(EmulationSpec spec) {
        return Fixtures.like(spec, ID, spec.seed().orElseThrow()).stream();
    }

    private static void assertRecords(String door, LongFunction<EmulatedRecord> records) {
        List<String> differences = new ArrayList<>();
        for (int seq = 0; seq < RECORDS; seq++) {
            byte[] bytes = records.apply(seq).json();
            if (!java.util.Arrays.equals(bytes, engineRecords.get(seq)) && differences.size() < 3) {
                differences.add("seq " + seq + ": " + new String(bytes, StandardCharsets.UTF_8) + " != "
                        + new String(engineRecords.get(seq), StandardCharsets.UTF_8));
            }
        }
        assertThat(differences).as(door + ": the first " + RECORDS + " records byte for byte").isEmpty();
    }
}
