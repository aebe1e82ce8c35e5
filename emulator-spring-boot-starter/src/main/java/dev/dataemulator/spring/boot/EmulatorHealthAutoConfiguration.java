package dev.dataemulator.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code emulations} health indicator, when the application has Spring Boot's health support (actuator) and
 * {@code management.health.emulations.enabled} is not {@code false}.
 */
@AutoConfiguration(after = EmulatorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(EmulationsStarter.class)
public class EmulatorHealthAutoConfiguration {

    /**
     * @param starter what starts the listed emulations
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "emulationsHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("emulations")
    public EmulationsHealthIndicator emulationsHealthIndicator(EmulationsStarter starter) {
        return new EmulationsHealthIndicator(starter);
    }
}
