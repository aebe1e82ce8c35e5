/**
 * The emulator's API: describe an emulation with {@link dev.dataemulator.core.EmulationSpec}, run it with
 * {@link dev.dataemulator.core.EmulationRunner}, watch and stop it through {@link dev.dataemulator.core.Emulation},
 * read the outcome from {@link dev.dataemulator.core.EmulationReport}. {@link dev.dataemulator.core.DomainRegistry}
 * and {@link dev.dataemulator.core.SinkRegistry} find domains and sinks by name with
 * {@link java.util.ServiceLoader}; {@link dev.dataemulator.core.Fixtures} makes records for tests without a sink.
 *
 * <p>Bad settings fail as {@link dev.dataemulator.core.InvalidSettingException}, naming each setting and its value;
 * every exception of the emulator is an {@link dev.dataemulator.core.EmulatorException}.
 *
 * <p>Plug-ins (sinks, domains, formats) implement the types of {@link dev.dataemulator.core.spi}; the package
 * {@code dev.dataemulator.core.internal} is not an API.
 */
package dev.dataemulator.core;
