/**
 * The {@code "minio"} sink: emulated records as objects in an S3-compatible store, one per record, one per emulation
 * or one per size/time chunk.
 */
package dev.dataemulator.minio;
