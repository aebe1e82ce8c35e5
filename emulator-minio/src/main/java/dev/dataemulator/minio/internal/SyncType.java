package dev.dataemulator.minio.internal;

/** How records are grouped into objects: the {@code sync_type} setting. */
public enum SyncType {
    /** One object per record. */
    SINGLE,
    /** One object per emulation, uploaded at flush. */
    GROUPED,
    /** A new object each time the buffered bytes reach {@code max_chunk_size}, or the chunk reaches its age limit. */
    CHUNKED
}
