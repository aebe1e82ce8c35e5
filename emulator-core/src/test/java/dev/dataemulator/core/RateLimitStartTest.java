package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.testing.CounterDomain;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class RateLimitStartTest {

    /** A memory sink whose resource setup takes a while, as a broker's topic creation does, and that notes times. */
    static final class SlowSetupSink implements SyncProducer {
        final ConcurrentLinkedQueue<Long> produced = new ConcurrentLinkedQueue<>();

        @Override
        public void setupResource(String resource) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_200));
        }

        @Override
        public void produce(String resource, String key, EmulatedRecord record) {
            produced.add(System.nanoTime());
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
    void aSlowSetupDoesNotLetTheRateCatchUpInABurst() {
        SlowSetupSink sink = new SlowSetupSink();
        EmulationReport report = EmulationRunner.run(EmulationSpec.builder()
                .registry(DomainRegistry.of(new CounterDomain())).domain("counter")
                .sink(sink).threads(3).ratePerSecond(100).maxRecords(41).build());

        assertThat(report.stats().generated()).isEqualTo(41);
        long first = sink.produced.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = sink.produced.stream().mapToLong(Long::longValue).max().orElseThrow();
        // 41 records at 100/s are spaced over at least 400 ms: a lower bound, so a slow machine cannot fail it
        assertThat(TimeUnit.NANOSECONDS.toMillis(last - first)).isGreaterThanOrEqualTo(390);
    }
}
