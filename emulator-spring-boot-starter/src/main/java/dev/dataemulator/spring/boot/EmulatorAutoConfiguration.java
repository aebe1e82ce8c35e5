package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationListener;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.micrometer.MicrometerEmulationListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the emulator: {@link DomainRegistry} and {@link SinkRegistry} (discovered on the class path), an
 * {@link EmulatorService} closed with the context, a {@link MicrometerEmulationListener} on the application's
 * {@link MeterRegistry} when there is one, and the start of the emulations listed under {@code emulator.emulations}.
 * Every bean steps aside for one the application defines. Every {@link EmulationListener} bean is added to every
 * emulation the service starts.
 */
@AutoConfiguration(afterName = {
    // Spring Boot 4 and 3: the application's MeterRegistry exists once these ran
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@EnableConfigurationProperties(EmulatorProperties.class)
public class EmulatorAutoConfiguration {

    /** @return the domains found with {@link java.util.ServiceLoader} */
    @Bean
    @ConditionalOnMissingBean
    public DomainRegistry emulatorDomainRegistry() {
        return DomainRegistry.discover();
    }

    /** @return the sinks found with {@link java.util.ServiceLoader} */
    @Bean
    @ConditionalOnMissingBean
    public SinkRegistry emulatorSinkRegistry() {
        return SinkRegistry.discover();
    }

    /**
     * @param properties {@code emulator.service.*}
     * @param listeners every listener bean, added to every emulation
     * @return the service; the context closes it, stopping running emulations (bounded)
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public EmulatorService emulatorService(EmulatorProperties properties, ObjectProvider<EmulationListener> listeners) {
        EmulatorProperties.Service settings = properties.getService();
        EmulatorService.Builder builder = EmulatorService.builder().maxEnded(settings.getMaxEnded())
                .retention(settings.getRetention()).closeTimeout(settings.getCloseTimeout());
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    /**
     * @param service the service that runs them
     * @param properties {@code emulator.emulations}
     * @param domains the domains
     * @param sinks the sinks
     * @return what starts the listed emulations once the context is refreshed
     */
    @Bean
    public EmulationsStarter emulatorEmulationsStarter(EmulatorService service, EmulatorProperties properties,
            DomainRegistry domains, SinkRegistry sinks) {
        return new EmulationsStarter(service, properties, domains, sinks);
    }

    /** Binds emulations to the application's Micrometer registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(prefix = "emulator.metrics", name = "enabled", matchIfMissing = true)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        MicrometerEmulationListener emulatorMetrics(MeterRegistry registry, EmulatorProperties properties) {
            return new MicrometerEmulationListener(registry, properties.getMetrics().getGrace());
        }
    }
}
