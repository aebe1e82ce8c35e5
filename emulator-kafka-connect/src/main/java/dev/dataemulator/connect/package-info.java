/**
 * A Kafka Connect source connector for the emulator's domains: {@link dev.dataemulator.connect.EmulatorSourceConnector},
 * its task and its settings.
 */
package dev.dataemulator.connect;
