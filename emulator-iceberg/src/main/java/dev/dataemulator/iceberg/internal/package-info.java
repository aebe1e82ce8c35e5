/** Implementation of the {@code iceberg} sink; not part of the API. */
package dev.dataemulator.iceberg.internal;
