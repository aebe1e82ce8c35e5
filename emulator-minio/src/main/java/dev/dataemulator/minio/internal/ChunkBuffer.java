package dev.dataemulator.minio.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that hands its bytes to an upload without copying them. Not thread-safe. */
final class ChunkBuffer extends OutputStream {
    private byte[] bytes;
    private int size;

    ChunkBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(256, initialCapacity)];
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
