package dev.dataemulator.core.support;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Arrays for chunks, sized once for a full chunk and reused after their upload. A chunk grown by doubling from a small
 * buffer copied its bytes about 1.4 times over (1 → 2 → 4 → 8 MiB for a 5 MiB chunk) and left an 8 MiB array behind
 * for the collector; a pooled array of the chunk's size is written once. Keeps at most {@code capacity} free arrays,
 * so memory stays within the bound the upload slots already set.
 *
 * <p>Thread-safe.
 */
final class BufferPool {
    private final int arraySize;
    private final BlockingQueue<byte[]> free;

    /**
     * @param arraySize bytes of each array: a full chunk plus room for the record that fills it
     * @param capacity free arrays kept at most
     */
    BufferPool(int arraySize, int capacity) {
        this.arraySize = arraySize;
        this.free = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** @return a free array, or a new one */
    byte[] take() {
        byte[] array = free.poll();
        return array != null ? array : new byte[arraySize];
    }

    /** Takes an array back once nothing reads it; one that grew past the chunk size, or one too many, is dropped. */
    void give(byte[] array) {
        if (array.length == arraySize) {
            free.offer(array);
        }
    }
}
