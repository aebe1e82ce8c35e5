package dev.dataemulator.spring.boot;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code emulations}: the emulations listed under {@code emulator.emulations}. {@code OUT_OF_SERVICE} until
 * the context has started them and while one of them is still {@code SCHEDULED} (setting up its topic or bucket,
 * nothing produced yet); {@code DOWN} when one of them failed (the failure is a detail); otherwise {@code UP}, also
 * after they completed or were stopped on request. Details: each one's status by id. Emulations started later
 * through the endpoint or the {@code EmulatorService} do not count: they belong to whoever started them.
 */
public class EmulationsHealthIndicator implements HealthIndicator {
    private final EmulationsStarter starter;

    /** @param starter what starts the listed emulations with the context */
    public EmulationsHealthIndicator(EmulationsStarter starter) {
        this.starter = starter;
    }

    @Override
    public Health health() {
        if (!starter.isRunning()) {
            return Health.outOfService().withDetail("emulations", "not started yet").build();
        }
        List<Emulation> started = starter.started();
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        boolean scheduled = false;
        for (Emulation emulation : started) {
            EmulationStatus status = emulation.status();
            statuses.put(emulation.id(), status.name());
            scheduled |= status == EmulationStatus.SCHEDULED;
            if (status == EmulationStatus.FAILED) {
                failures.put(emulation.id(), emulation.report().failure().map(Throwable::toString).orElse("?"));
            }
        }
        Health.Builder health = !failures.isEmpty() ? Health.down().withDetail("failures", failures)
                : scheduled ? Health.outOfService() : Health.up();
        return health.withDetail("emulations", statuses).build();
    }
}
