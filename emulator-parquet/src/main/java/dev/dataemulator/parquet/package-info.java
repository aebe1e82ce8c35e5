/** The {@code parquet} and {@code avro} object formats of the object sinks. */
package dev.dataemulator.parquet;
