/** The domain's typed schema as Avro, and records in Avro's binary encoding, shared by every Avro writer. */
package dev.dataemulator.avro;
