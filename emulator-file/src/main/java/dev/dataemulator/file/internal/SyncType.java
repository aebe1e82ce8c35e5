package dev.dataemulator.file.internal;

/** How records are grouped into files, as the {@code minio} sink groups them into objects. */
public enum SyncType {
    /** One file per record. */
    SINGLE,
    /** One file per emulation, domain (and partition value), completed at the end. */
    GROUPED,
    /** A new file whenever the open one reaches {@code max_chunk_size} bytes or {@code chunk_max_age}. */
    CHUNKED
}
