/**
 * Shared implementations that plug-ins use but do not implement: the object-sink engine
 * ({@link dev.dataemulator.core.support.ObjectSink} with its settings, series of open objects, partition templates and
 * object names). The contracts a plug-in implements stay in {@code dev.dataemulator.core.spi}.
 */
package dev.dataemulator.core.support;
