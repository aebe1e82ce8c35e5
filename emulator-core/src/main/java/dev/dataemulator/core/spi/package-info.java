/**
 * What plug-ins implement: a sink ({@link dev.dataemulator.core.spi.SinkProvider} building a
 * {@link dev.dataemulator.core.spi.SyncProducer}), a data domain ({@link dev.dataemulator.core.spi.DomainProvider}
 * opening a {@link dev.dataemulator.core.spi.DomainGenerator}), and the helpers that are part of that contract:
 * {@link dev.dataemulator.core.spi.SinkConfig} (reading a sink's settings), {@link dev.dataemulator.core.spi.Seeding}
 * (per-record randomness), {@link dev.dataemulator.core.spi.DeliveryTracker} (reporting outcomes) and
 * {@link dev.dataemulator.core.spi.MemorySyncProducer}, core's in-memory sink.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: cheap classes with a public no-argument constructor,
 * listed in {@code META-INF/services}. This package depends only on the API package {@code dev.dataemulator.core}.
 */
package dev.dataemulator.core.spi;
