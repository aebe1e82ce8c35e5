package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeOptionsTest {
    @Test
    void readsTheTextForms() {
        assertThat(EventTimeOptions.backfill("b", " 2026-01-01T00:00:00Z .. 2026-01-02T00:00:00Z "))
                .isEqualTo(EventTime.backfill(Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T00:00:00Z")));
        RateCurve curve = EventTimeOptions.hourly("h", "1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,3,3,3,3,3,3,3,3");
        assertThat(curve.weightAt(Instant.parse("2026-01-01T13:00:00Z").toEpochMilli()))
                .isEqualTo(3 * curve.weightAt(Instant.parse("2026-01-01T01:00:00Z").toEpochMilli()));
        assertThat(EventTimeOptions.hourly("h", "1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,3,3,3,3,3,3,3,3,").isFlat())
                .as("a trailing comma is tolerated").isFalse();
        assertThat(EventTimeOptions.lateness("l", "0.02:10m"))
                .isEqualTo(new EventTimeOptions.Lateness(0.02, Duration.ofMinutes(10)));
        assertThat(EventTimeOptions.lateness("l", "0:1s").fraction()).isZero();
    }

    @Test
    void badTextIsNamedByTheCallersSettingName() {
        assertThatThrownBy(() -> EventTimeOptions.backfill("--backfill", "2026-01-01T00:00:00Z"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("--backfill")
                .hasMessageContaining("FROM..TO");
        assertThatThrownBy(() -> EventTimeOptions.backfill("event.time.backfill", "yesterday..today"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("event.time.backfill")
                .hasMessageContaining("'yesterday' is not an ISO-8601 instant");
        assertThatThrownBy(() -> EventTimeOptions.backfill("b", "2026-01-02T00:00:00Z..2026-01-01T00:00:00Z"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'b' = ").hasMessageContaining("from before to");
        assertThatThrownBy(() -> EventTimeOptions.hourly("rate.curve.hourly", "1,2,x"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("weight 3 is 'x'");
        assertThatThrownBy(() -> EventTimeOptions.hourly("rate.curve.hourly", "1,2,3"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("rate.curve.hourly");
        assertThatThrownBy(() -> EventTimeOptions.lateness("--late", "0.5"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("FRACTION:MAX");
        assertThatThrownBy(() -> EventTimeOptions.lateness("--late", "2:10m"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> EventTimeOptions.lateness("--late", null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("--late");
    }
}
