package dev.dataemulator.core.support;

/** How an object sink groups records into objects ({@code sync_type}). */
public enum SyncType {
    /** One object per record. */
    SINGLE,
    /** One object per emulation, domain (and partition value), completed at the end. */
    GROUPED,
    /** A new object whenever the open one reaches {@code max_chunk_size} bytes or {@code chunk_max_age}. */
    CHUNKED
}
