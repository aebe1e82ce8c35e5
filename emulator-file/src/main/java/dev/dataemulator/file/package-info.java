/** The {@code file} sink: emulated records as files in a local directory. */
package dev.dataemulator.file;
