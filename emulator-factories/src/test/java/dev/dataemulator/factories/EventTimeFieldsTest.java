package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.RateCurve;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled domains' time fields follow each record's event time, not the wall clock. */
class EventTimeFieldsTest {
    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final EventTime WEEK = EventTime.backfill(FROM, FROM.plus(Duration.ofDays(7)));

    private static List<EmulatedRecord> backfill(String domain) {
        double[] hours = new double[24];
        java.util.Arrays.fill(hours, 1);
        hours[12] = 10;
        return Fixtures.of(domain).seed(5).clock(Generated.CLOCK).ratePerSecond(0.01).eventTime(WEEK)
                .rateCurve(RateCurve.hourly(hours)).lateness(0.05, Duration.ofMinutes(30)).records(10_000);
    }

    @Test
    void transactionTimestampsAreAtOrBeforeTheirEventTime() {
        List<EmulatedRecord> records = backfill("transaction");
        assertThat(records).hasSize(6048);
        assertThat(records).allSatisfy(r -> {
            Instant timestamp = Instant.parse((String) r.dataAsMap().get("timestamp"));
            assertThat(timestamp).isBeforeOrEqualTo(r.eventTime())
                    .isAfterOrEqualTo(r.eventTime().minusSeconds(3301));
            assertThat(r.timestamp()).isEqualTo(r.eventTime().getEpochSecond());
            assertThat(r.eventTime()).isBefore(FROM.plus(Duration.ofDays(7)));
        });
    }

    @Test
    void deviceLoginsAreWithinTheHourBeforeTheirEventTime() {
        assertThat(backfill("device-log")).allSatisfy(r -> {
            Instant login = Instant.parse((String) r.dataAsMap().get("login_timestamp"));
            assertThat(login).isBeforeOrEqualTo(r.eventTime()).isAfter(r.eventTime().minusSeconds(3601));
        });
    }

    @Test
    void profileAgesAreCountedOnTheEventDay() {
        assertThat(backfill("user-profile")).isNotEmpty().allSatisfy(r -> {
            LocalDate day = LocalDate.ofInstant(r.eventTime(), ZoneOffset.UTC);
            LocalDate born = LocalDate.parse((String) r.dataAsMap().get("date_of_birth"));
            assertThat(born).isBeforeOrEqualTo(day.minusYears(18)).isAfter(day.minusYears(91));
        });
    }
}
