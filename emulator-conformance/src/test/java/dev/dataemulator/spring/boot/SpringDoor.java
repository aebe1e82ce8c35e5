package dev.dataemulator.spring.boot;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.core.SinkRegistry;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Spring Boot properties as a front door: bound by Spring's own binder, as an application's would be. */
public final class SpringDoor {
    private SpringDoor() {
    }

    /** @return the spec of {@code emulator.emulations[0]} in {@code properties} */
    public static EmulationSpec spec(Map<String, String> properties) {
        EmulatorProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bind("emulator", EmulatorProperties.class).get();
        return bound.getEmulations().get(0).toSpec(DomainRegistry.discover(), SinkRegistry.discover());
    }

    /** @return the properties' names for the settings */
    public static SettingAliases aliases() {
        return EmulatorProperties.Emulation.ALIASES;
    }
}
