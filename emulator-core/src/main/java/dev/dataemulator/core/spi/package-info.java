/**
 * The contracts plug-ins implement or receive: a sink ({@link dev.dataemulator.core.spi.SinkProvider} building a
 * {@link dev.dataemulator.core.spi.SyncProducer} and reporting to a {@link dev.dataemulator.core.spi.DeliveryTracker}),
 * a data domain ({@link dev.dataemulator.core.spi.DomainProvider} opening a
 * {@link dev.dataemulator.core.spi.DomainGenerator} that writes {@link dev.dataemulator.core.spi.RecordSchema}
 * fields through a {@link dev.dataemulator.core.spi.FieldWriter}), and an object format
 * ({@link dev.dataemulator.core.spi.FormatProvider}).
 *
 * <p>Shared implementations that help write a plug-in (reading a sink's settings, per-record randomness, rate
 * limiting, core's in-memory sink, ...) live in {@code dev.dataemulator.core.support}, not here.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}: cheap classes with a public no-argument constructor,
 * listed in {@code META-INF/services}. This package depends only on the API package {@code dev.dataemulator.core}
 * and on {@code dev.dataemulator.core.support}.
 */
package dev.dataemulator.core.spi;
