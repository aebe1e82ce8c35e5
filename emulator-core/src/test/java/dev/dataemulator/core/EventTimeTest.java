package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.testing.ControlledClock;
import dev.dataemulator.core.testing.CounterDomain;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventTimeTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());
    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    /** A peaked day: quiet at night, a peak at 12h and 18h. */
    private static final double[] PEAKED = {
        1, 1, 1, 1, 1, 2, 4, 6, 8, 10, 12, 14, 20, 14, 12, 10, 12, 16, 24, 16, 10, 6, 3, 2};

    private static EmulationSpec.Builder spec() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter").seed(7).id("event");
    }

    /** Counts records per hour of event time, keeping none. */
    private static final class HourCounter implements SyncProducer {
        final AtomicLongArray perHour = new AtomicLongArray(24);
        final AtomicLong outside = new AtomicLong();
        final long from;

        HourCounter(Instant from) {
            this.from = from.toEpochMilli();
        }

        @Override
        public void setupResource(String resource) {
        }

        @Override
        public void produce(String resource, String key, EmulatedRecord record) {
            long hour = Math.floorDiv(record.eventTimeMillis() - from, 3_600_000L);
            if (hour < 0 || hour >= 24 || record.timestamp() != Math.floorDiv(record.eventTimeMillis(), 1000)) {
                outside.incrementAndGet();
            } else {
                perHour.incrementAndGet((int) hour);
            }
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
    void aBackfillOfADaySpreadsEventTimesOverTheCurveAndEndsAtItsEnd() {
        HourCounter sink = new HourCounter(DAY);
        EmulationReport report = EmulationRunner.start(spec().sink(sink).threads(2).ratePerSecond(5)
                .eventTime(EventTime.backfill(DAY, DAY.plus(Duration.ofDays(1))))
                .rateCurve(RateCurve.hourly(PEAKED)).build())
                // not paced: a day of event time is made in the time generation takes, far from a day
                .awaitCompletion(Duration.ofMinutes(5));

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stopped()).contains(StopReason.EVENT_TIME_END);
        assertThat(report.stats().generated()).isCloseTo(5L * 86_400, within(4_320L));
        assertThat(sink.outside.get()).isZero();
        double sum = 0;
        for (double w : PEAKED) {
            sum += w;
        }
        for (int hour = 0; hour < 24; hour++) {
            double expected = 5.0 * 86_400 * PEAKED[hour] / sum;
            assertThat((double) sink.perHour.get(hour)).as("hour %d", hour)
                    .isCloseTo(expected, within(expected * 0.05));
        }
    }

    @Test
    void lateRecordsAreTheGivenShareOutOfOrderAndNeverLaterThanTheMaximum() {
        Duration max = Duration.ofMinutes(10);
        EventTime day = EventTime.backfill(DAY, DAY.plus(Duration.ofDays(1)));
        List<EmulatedRecord> late = Fixtures.of("counter").registry(DOMAINS).seed(7).ratePerSecond(5).eventTime(day)
                .rateCurve(RateCurve.hourly(PEAKED)).lateness(0.02, max).records(200_000);
        List<EmulatedRecord> planned = Fixtures.of("counter").registry(DOMAINS).seed(7).ratePerSecond(5)
                .eventTime(day).rateCurve(RateCurve.hourly(PEAKED)).records(200_000);

        long outOfOrder = 0;
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < late.size(); i++) {
            EmulatedRecord record = late.get(i);
            long shift = planned.get(i).eventTimeMillis() - record.eventTimeMillis();
            assertThat(shift).isBetween(0L, max.toMillis());
            if (record.eventTimeMillis() < latest) {
                outOfOrder++;
            }
            latest = Math.max(latest, record.eventTimeMillis());
            // the domain's time fields follow the record's event time, lateness included
            assertThat(((CounterDomain.Counter) record.data()).now()).isEqualTo(record.eventTimeMillis());
        }
        assertThat(outOfOrder / (double) late.size()).isCloseTo(0.02, within(0.003));
    }

    @Test
    void lateRecordsOfABackfillStayInsideIt() {
        Duration max = Duration.ofMinutes(10);
        EventTime day = EventTime.backfill(DAY, DAY.plus(Duration.ofDays(1)));
        // 5 records a second: the first 10 minutes (3,000 records) have less room than the maximum lateness
        List<EmulatedRecord> late = Fixtures.of("counter").registry(DOMAINS).seed(7).ratePerSecond(5).eventTime(day)
                .lateness(0.5, max).records(6_000);

        assertThat(late).allSatisfy(record -> assertThat(record.eventTimeMillis())
                .isGreaterThanOrEqualTo(DAY.toEpochMilli()));
        long movedInFirstMinutes = late.subList(0, 3_000).stream()
                .filter(record -> record.eventTimeMillis() < DAY.toEpochMilli() + record.seq() * 200L).count();
        assertThat(movedInFirstMinutes).as("records near the start are still late, within the backfill")
                .isGreaterThan(1_000);
    }

    private static Map<Long, String> backfill(int threads, int shard, int shards) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationRunner.run(spec().sink(sink).threads(threads).ratePerSecond(3).shard(shard, shards)
                .eventTime(EventTime.backfill(DAY, DAY.plus(Duration.ofMinutes(20))))
                .rateCurve(RateCurve.hourly(ZoneId.of("Europe/Paris"), PEAKED)).lateness(0.1, Duration.ofMinutes(1))
                .build());
        return sink.records().stream().collect(Collectors.toMap(EmulatedRecord::seq,
                r -> r.eventTime() + " " + r.jsonString(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void eventTimesRepeatAtAnyThreadCountAndShardAndInFixtures() {
        Map<Long, String> one = backfill(1, 0, 1);
        // 20 minutes at 01:00 Paris, weight 1 of a mean of 206 / 24: 3 * 1200 * 24 / 206 = 419.4 records
        assertThat(one).hasSize(420);
        assertThat(backfill(4, 0, 1)).isEqualTo(one);
        Map<Long, String> union = new TreeMap<>(backfill(3, 0, 2));
        union.putAll(backfill(1, 1, 2));
        assertThat(union).isEqualTo(one);

        EmulationSpec spec = spec().sink(new MemorySyncProducer()).ratePerSecond(3)
                .eventTime(EventTime.backfill(DAY, DAY.plus(Duration.ofMinutes(20))))
                .rateCurve(RateCurve.hourly(ZoneId.of("Europe/Paris"), PEAKED)).lateness(0.1, Duration.ofMinutes(1))
                .build();
        Fixtures.Stream fixtures = Fixtures.like(spec, "event", 7).stream();
        assertThat(fixtures.capacity()).isEqualTo(420);
        for (long seq : new long[] {419, 0, 200, 17}) {
            EmulatedRecord record = fixtures.record(seq);
            assertThat(record.eventTime() + " " + record.jsonString()).isEqualTo(one.get(seq));
        }
    }

    @Test
    void liveModeFollowsTheCurveAtTheClocksHour() {
        double[] onlyNoonAndEvening = new double[24];
        onlyNoonAndEvening[12] = 1;
        onlyNoonAndEvening[18] = 1;
        ControlledClock clock = new ControlledClock(DAY.plus(Duration.ofHours(3)).toEpochMilli());
        MemorySyncProducer sink = new MemorySyncProducer();
        try (Emulation emulation = EmulationRunner.start(spec().sink(sink).clock(clock).ratePerSecond(2_000)
                .rateCurve(RateCurve.hourly(onlyNoonAndEvening)).build())) {
            await().until(() -> emulation.status() == EmulationStatus.RUNNING);
            clock.advance(Duration.ofHours(9).toMillis()); // 12h
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.records().size() >= 20);
            clock.advance(Duration.ofHours(3).toMillis()); // 15h: weight 0
            long atFifteen = sink.records().size();
            clock.advance(Duration.ofHours(3).toMillis()); // 18h
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.records().size() >= atFifteen + 20);
            emulation.stop();
            emulation.awaitCompletion(Duration.ofSeconds(30));
        }
        // records are made in the hours with weight: none at 3h, and at 15h at most the one whose permit was taken
        // at 12h just before the clock moved on (one worker)
        Map<Long, Long> perHour = sink.records().stream().collect(Collectors.groupingBy(
                r -> Math.floorMod(Math.floorDiv(r.eventTimeMillis(), 3_600_000L), 24L), Collectors.counting()));
        assertThat(perHour.keySet()).isSubsetOf(12L, 15L, 18L);
        assertThat(perHour.getOrDefault(15L, 0L)).isLessThanOrEqualTo(1L);
        assertThat(perHour.get(12L)).isGreaterThanOrEqualTo(20L);
        assertThat(perHour.get(18L)).isGreaterThanOrEqualTo(20L);
        assertThat(sink.records()).allSatisfy(record ->
                assertThat(((CounterDomain.Counter) record.data()).now()).isEqualTo(record.eventTimeMillis()));
        assertThat(sink.records()).anySatisfy(r -> assertThat(r.eventTime()).isEqualTo(DAY.plus(Duration.ofHours(18))));
    }

    @Test
    void anAcceleratedClockNeverRunsAheadOfTheWallClockTimesTheSpeed() {
        MemorySyncProducer sink = new MemorySyncProducer();
        double speed = 600;
        long before = System.nanoTime();
        try (Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(2).ratePerSecond(1)
                .eventTime(EventTime.accelerated(DAY, speed)).build())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.records().size() >= 300);
            long elapsedMillis = (System.nanoTime() - before) / 1_000_000;
            long latest = sink.records().stream().mapToLong(EmulatedRecord::eventTimeMillis).max().orElseThrow();
            assertThat(latest - DAY.toEpochMilli()).isLessThanOrEqualTo((long) (elapsedMillis * speed));
        }
        // the same event times as a fixture of the same settings: one record per event second from DAY
        assertThat(sink.records()).allSatisfy(r -> assertThat(r.eventTimeMillis())
                .isEqualTo(DAY.toEpochMilli() + r.seq() * 1000));
    }

    @Test
    void badEventTimeSettingsAreTypedErrorsNamingTheSetting() {
        assertThatThrownBy(() -> EventTime.backfill(DAY, DAY)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'event_time'").hasMessageContaining("from before to");
        assertThatThrownBy(() -> EventTime.accelerated(DAY, 0)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'event_time'").hasMessageContaining("positive");
        assertThatThrownBy(() -> RateCurve.hourly(1, 2, 3)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'rate_curve'").hasMessageContaining("exactly 24 weights, got 3");
        double[] negative = new double[24];
        negative[3] = -1;
        assertThatThrownBy(() -> RateCurve.hourly(negative)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'rate_curve'").hasMessageContaining("not negative");
        assertThatThrownBy(() -> RateCurve.hourly(new double[24])).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("at least one positive weight");
        assertThatThrownBy(() -> RateCurve.weekly(ZoneId.of("UTC"), new double[24]))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("exactly 168 weights");
        assertThatThrownBy(() -> spec().sink(new MemorySyncProducer()).lateness(1.5, Duration.ofMinutes(1)).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'lateness'").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> spec().sink(new MemorySyncProducer()).lateness(0.1, Duration.ZERO).build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> spec().sink(new MemorySyncProducer())
                .eventTime(EventTime.backfill(DAY, DAY.plusSeconds(60))).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'event_time'").hasMessageContaining("needs rate_per_second");
        assertThatThrownBy(() -> spec().sink(new MemorySyncProducer()).rateCurve(RateCurve.hourly(PEAKED)).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'rate_curve'").hasMessageContaining("needs rate_per_second");
    }

    @Test
    void aWeeklyCurveWeighsDaysAndHours() {
        double[] days = {1, 1, 1, 1, 1, 0, 0};
        double[] hours = new double[24];
        java.util.Arrays.fill(hours, 1);
        RateCurve curve = RateCurve.weekly(ZoneId.of("UTC"), days, hours);
        // 2026-03-02 is a Monday; the weekend has no records and the week averages 1
        assertThat(curve.weightAt(DAY.toEpochMilli())).isCloseTo(7.0 / 5, within(1e-9));
        assertThat(curve.weightAt(DAY.plus(Duration.ofDays(5)).toEpochMilli())).isZero();
        List<EmulatedRecord> week = Fixtures.of("counter").registry(DOMAINS).ratePerSecond(0.01).rateCurve(curve)
                .eventTime(EventTime.backfill(DAY, DAY.plus(Duration.ofDays(7)))).records(10_000);
        assertThat(week).hasSize(6048);
        assertThat(week).allSatisfy(r -> assertThat(r.eventTime()).isBefore(DAY.plus(Duration.ofDays(5))));
    }
}
