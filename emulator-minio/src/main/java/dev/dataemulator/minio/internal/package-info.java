/**
 * Implementation of the {@code minio} sink; not an API, may change without notice.
 */
package dev.dataemulator.minio.internal;
