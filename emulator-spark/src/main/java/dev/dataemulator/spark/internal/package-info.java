/** Implementation of the {@code emulator} Spark source; not an API, may change without notice. */
package dev.dataemulator.spark.internal;
