/**
 * Emulation metrics for Micrometer: {@link dev.dataemulator.micrometer.MicrometerEmulationListener}, an
 * {@link dev.dataemulator.core.EmulationListener} that publishes each emulation's counts as meters and removes them a
 * grace period after it ended.
 */
package dev.dataemulator.micrometer;
