/** The {@code iceberg} sink: emulated records as an Apache Iceberg table, without Hadoop. */
package dev.dataemulator.iceberg;
