package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.SinkRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code emulations} actuator endpoint, when actuator is on the class path and the endpoint is available
 * (expose it with {@code management.endpoints.web.exposure.include=emulations}).
 */
@AutoConfiguration(after = EmulatorAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(EmulatorService.class)
public class EmulatorEndpointAutoConfiguration {

    /**
     * @param service the emulations
     * @param domains the domains
     * @param sinks the sinks
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public EmulationsEndpoint emulationsEndpoint(EmulatorService service, DomainRegistry domains, SinkRegistry sinks) {
        return new EmulationsEndpoint(service, domains, sinks);
    }
}
