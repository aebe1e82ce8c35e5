package dev.dataemulator.micrometer;

import static dev.dataemulator.micrometer.MicrometerEmulationListener.ACTIVE;
import static dev.dataemulator.micrometer.MicrometerEmulationListener.BYTES;
import static dev.dataemulator.micrometer.MicrometerEmulationListener.DELIVERED;
import static dev.dataemulator.micrometer.MicrometerEmulationListener.FAILED;
import static dev.dataemulator.micrometer.MicrometerEmulationListener.GENERATED;
import static dev.dataemulator.micrometer.MicrometerEmulationListener.IN_FLIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.spi.SyncProducer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.tck.MeterRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class MicrometerEmulationListenerTest {
    private static final List<String> ALL = List.of(GENERATED, DELIVERED, FAILED, BYTES, IN_FLIGHT, ACTIVE);

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private static EmulationSpec.Builder spec(MicrometerEmulationListener listener) {
        return EmulationSpec.builder().domain("device-log").sink("memory", Map.of()).seed(7)
                .progressInterval(Duration.ofMillis(50)).listener(listener);
    }

    private static Tags tagsOf(Emulation emulation) {
        return Tags.of("domain", "device-log", "sink", "memory", "resource", "device-logs", "emulation",
                emulation.id());
    }

    private double value(String name, Emulation emulation) {
        var search = registry.find(name).tags(tagsOf(emulation));
        return name.equals(IN_FLIGHT) || name.equals(ACTIVE) ? search.gauge().value()
                : search.functionCounter().count();
    }

    @Test
    void aRunningEmulationPublishesEveryMeterWithItsFourTagsAndLiveCounts() {
        try (MicrometerEmulationListener listener = new MicrometerEmulationListener(registry)) {
            Emulation emulation = EmulationRunner.start(spec(listener).build());
            try {
                for (String name : ALL) {
                    MeterRegistryAssert.assertThat(registry).hasMeterWithNameAndTags(name, tagsOf(emulation));
                }
                await().until(() -> value(GENERATED, emulation) > 1_000 && value(DELIVERED, emulation) > 1_000);
                assertThat(value(ACTIVE, emulation)).isEqualTo(1);
                assertThat(registry.find(BYTES).functionCounter().getId().getBaseUnit()).isEqualTo("bytes");
            } finally {
                emulation.close();
            }
        }
    }

    @Test
    void anEndedEmulationsMetersHoldItsFinalCountsThenAreRemovedAfterTheGracePeriod() {
        MicrometerEmulationListener listener = new MicrometerEmulationListener(registry, Duration.ofSeconds(3));
        Emulation emulation = EmulationRunner.start(spec(listener).threads(2).maxRecords(5_000).build());
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(60));

        // 'ended' runs before awaitCompletion returns, so the final counts are there at once
        assertThat(value(GENERATED, emulation)).isEqualTo(5_000);
        assertThat(value(DELIVERED, emulation)).isEqualTo(report.stats().delivered()).isEqualTo(5_000);
        assertThat(value(FAILED, emulation)).isZero();
        assertThat(value(IN_FLIGHT, emulation)).isZero();
        assertThat(value(ACTIVE, emulation)).isZero();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> MeterRegistryAssert.assertThat(registry).hasNoMetrics());
        listener.close();
    }

    @Test
    void hundredsOfEmulationsLeaveNoMetersBehind() {
        MicrometerEmulationListener listener = new MicrometerEmulationListener(registry, Duration.ZERO);
        try (EmulatorService service = EmulatorService.builder().listener(listener).build()) {
            for (int i = 0; i < 100; i++) {
                service.start(EmulationSpec.builder().domain("device-log").sink(new MemorySyncProducer())
                        .maxRecords(3).build()).awaitCompletion(Duration.ofSeconds(30));
            }
        }
        MeterRegistryAssert.assertThat(registry).hasNoMetrics();
    }

    @Test
    void bytesAreWhatTheSinkReportedEncoding() {
        try (MicrometerEmulationListener listener = new MicrometerEmulationListener(registry)) {
            JsonCountingSink sink = new JsonCountingSink();
            Emulation emulation = EmulationRunner.start(EmulationSpec.builder().domain("device-log").sink(sink)
                    .maxRecords(500).seed(7).listener(listener).build());
            EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));

            assertThat(report.stats().bytes()).isEqualTo(sink.bytes.sum()).isGreaterThan(500);
            assertThat(registry.get(BYTES).tag("emulation", emulation.id()).functionCounter().count())
                    .isEqualTo(report.stats().bytes());
        }
    }

    /** A sink that encodes each record's JSON and reports its size, as the Kafka sink does. */
    private static final class JsonCountingSink implements SyncProducer {
        final LongAdder bytes = new LongAdder();

        @Override
        public void setupResource(String resource) {
        }

        @Override
        public void produce(String resource, String key, EmulatedRecord record) {
            int size = record.json().length;
            bytes.add(size);
            record.tracker().encoded(size);
            record.tracker().delivered(1);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSinkInstanceIsTaggedWithItsClassName() {
        try (MicrometerEmulationListener listener = new MicrometerEmulationListener(registry)) {
            Emulation emulation = EmulationRunner.start(EmulationSpec.builder().domain("device-log")
                    .sink(new MemorySyncProducer()).maxRecords(10).listener(listener).build());
            emulation.awaitCompletion(Duration.ofSeconds(30));

            assertThat(registry.get(GENERATED).tag("emulation", emulation.id()).functionCounter().getId()
                    .getTag("sink")).isEqualTo("memorysyncproducer");
        }
    }

    @Test
    void aFixedIdReusedWithinTheGracePeriodIsBoundToTheNewEmulation() {
        try (MicrometerEmulationListener listener = new MicrometerEmulationListener(registry)) {
            Emulation first = EmulationRunner.start(spec(listener).id("nightly").maxRecords(10).build());
            first.awaitCompletion(Duration.ofSeconds(30));
            Emulation second = EmulationRunner.start(spec(listener).id("nightly").maxRecords(25).build());
            second.awaitCompletion(Duration.ofSeconds(30));

            assertThat(value(GENERATED, second)).isEqualTo(25);
            assertThat(registry.find(GENERATED).functionCounters()).hasSize(1);
        }
    }

    @Test
    void closeRemovesTheMetersOfEndedEmulationsAtOnceAndRunningOnesWhenTheyEnd() {
        MicrometerEmulationListener listener = new MicrometerEmulationListener(registry);
        Emulation ended = EmulationRunner.start(spec(listener).maxRecords(10).build());
        ended.awaitCompletion(Duration.ofSeconds(30));
        Emulation running = EmulationRunner.start(spec(listener).build());

        listener.close();
        MeterRegistryAssert.assertThat(registry).doesNotHaveMeterWithNameAndTags(GENERATED, tagsOf(ended))
                .hasMeterWithNameAndTags(GENERATED, tagsOf(running));

        running.close();
        MeterRegistryAssert.assertThat(registry).hasNoMetrics();
    }

    @Test
    void aNegativeGraceIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> new MicrometerEmulationListener(registry, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
