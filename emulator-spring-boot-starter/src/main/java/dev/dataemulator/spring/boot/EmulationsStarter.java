package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.SinkRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the emulations listed under {@code emulator.emulations} when the context starts. Every entry is validated
 * first, so one bad entry stops the application before anything runs, with the setting and value named. Stopping
 * the context stops them (the {@link EmulatorService} waits for them when it is closed).
 */
public class EmulationsStarter implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(EmulationsStarter.class);

    private final EmulatorService service;
    private final EmulatorProperties properties;
    private final DomainRegistry domains;
    private final SinkRegistry sinks;
    private final List<Emulation> started = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param service runs the emulations
     * @param properties the list
     * @param domains the domains
     * @param sinks the sinks
     */
    public EmulationsStarter(EmulatorService service, EmulatorProperties properties, DomainRegistry domains,
            SinkRegistry sinks) {
        this.service = service;
        this.properties = properties;
        this.domains = domains;
        this.sinks = sinks;
    }

    @Override
    public synchronized void start() {
        List<EmulationSpec> specs = new ArrayList<>();
        for (EmulatorProperties.Emulation emulation : properties.getEmulations()) {
            specs.add(emulation.toSpec(domains, sinks));
        }
        for (EmulationSpec spec : specs) {
            Emulation emulation = service.start(spec);
            started.add(emulation);
            LOG.info("Started emulation '{}': {}", emulation.id(), spec);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        started.forEach(Emulation::stop);
        started.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** @return the emulations this starter started and has not stopped */
    public synchronized List<Emulation> started() {
        return List.copyOf(started);
    }
}
