/** Internals of the Parquet and Avro formats; not API. */
package dev.dataemulator.parquet.internal;
