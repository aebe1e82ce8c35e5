/** Internals of the {@code file} sink; not API. */
package dev.dataemulator.file.internal;
