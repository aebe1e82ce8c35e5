/**
 * Spring Boot auto-configuration for the emulator: {@link dev.dataemulator.spring.boot.EmulatorAutoConfiguration}
 * (registries, {@link dev.dataemulator.core.EmulatorService}, metrics, emulations from {@code emulator.emulations})
 * and {@link dev.dataemulator.spring.boot.EmulatorEndpointAutoConfiguration} (the {@code emulations} actuator
 * endpoint). Properties: {@link dev.dataemulator.spring.boot.EmulatorProperties}.
 */
package dev.dataemulator.spring.boot;
