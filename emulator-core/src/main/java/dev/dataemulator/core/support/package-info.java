/**
 * Shared implementations that sink, format and front-door modules use; not contracts. Reading a sink's settings
 * ({@link dev.dataemulator.core.support.SinkConfig}), per-record randomness
 * ({@link dev.dataemulator.core.support.Seeding}), rate limiting ({@link dev.dataemulator.core.support.RateLimiter}),
 * spreading keys over shards ({@link dev.dataemulator.core.support.Shards}), topic names
 * ({@link dev.dataemulator.core.support.TopicNames}), checking a generator against its schema
 * ({@link dev.dataemulator.core.support.SchemaValidator}), and the two sinks core ships as classes:
 * {@link dev.dataemulator.core.support.MemorySyncProducer} and {@link dev.dataemulator.core.support.StreamSyncProducer};
 * and the one object-sink engine, {@link dev.dataemulator.core.support.ObjectSink} (its shared settings, the series of
 * open objects, partition templates and object names) in front of a {@link dev.dataemulator.core.spi.ObjectStore}.
 *
 * <p>Exported so that modules other than core can share one implementation instead of each writing its own; the
 * contracts a plug-in implements are in {@code dev.dataemulator.core.spi}. This package never depends on
 * {@code dev.dataemulator.core.internal}.
 */
package dev.dataemulator.core.support;
