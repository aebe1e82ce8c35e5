package dev.dataemulator.core.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that hands its bytes to an upload without copying them. Not thread-safe. */
final class ChunkBuffer extends OutputStream {
    private byte[] bytes;
    private int size;

    ChunkBuffer(int initialCapacity) {
        this(new byte[Math.max(256, initialCapacity)]);
    }

    /** A buffer over {@code bytes}, e.g. an array from a {@link BufferPool}; writes start at index 0. */
    ChunkBuffer(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    /** @return the array behind the buffer, for reuse once nothing reads it any more */
    byte[] array() {
        return bytes;
    }

    /** @return a fresh stream over the bytes written so far; each call starts at the beginning */
    InputStream open() {
        return new ByteArrayInputStream(bytes, 0, size);
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("chunk larger than 2 GiB");
        }
        if (needed > bytes.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) bytes.length * 2, needed));
            bytes = Arrays.copyOf(bytes, grown);
        }
    }
}
