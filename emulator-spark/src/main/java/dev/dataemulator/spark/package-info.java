/**
 * The Spark DataSource V2 {@code emulator}: {@link dev.dataemulator.spark.EmulatorDataSource}. Spark finds it by
 * its short name through {@code META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}.
 */
package dev.dataemulator.spark;
