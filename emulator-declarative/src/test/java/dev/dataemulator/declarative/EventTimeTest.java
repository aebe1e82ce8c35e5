package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DomainProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declarative {@code timestamp: {now: ...}} fields follow each record's event time. */
class EventTimeTest {
    @Test
    void nowRelativeTimestampsAreTheRecordsEventTime() {
        DomainRegistry domains = DomainRegistry.of(DeclarativeDomains.load(Records.EXAMPLES.resolve("ecommerce.yaml"))
                .toArray(new DomainProvider[0]));
        Instant from = Instant.parse("2025-03-01T00:00:00Z");
        List<EmulatedRecord> orders = Fixtures.of("orders").registry(domains).seed(3).ratePerSecond(2)
                .eventTime(EventTime.backfill(from, from.plus(Duration.ofMinutes(10))))
                .lateness(0.05, Duration.ofMinutes(2)).records(5_000);

        assertThat(orders).hasSize(1200).allSatisfy(order -> assertThat(
                Instant.parse((String) order.dataAsMap().get("created_at"))).isEqualTo(order.eventTime()));
    }
}
