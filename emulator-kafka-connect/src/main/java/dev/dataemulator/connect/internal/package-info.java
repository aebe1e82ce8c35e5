/**
 * Internals of the Kafka Connect source connector: units of work, shard arithmetic, throttling and record
 * conversion. Not an API: may change in any release.
 */
package dev.dataemulator.connect.internal;
