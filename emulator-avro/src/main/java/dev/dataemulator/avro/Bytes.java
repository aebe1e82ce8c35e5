package dev.dataemulator.avro;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that writes Avro's binary primitives itself (zig-zag varints, little-endian doubles,
 * length-prefixed strings and bytes), unsynchronized, reused record after record. Not thread-safe.
 */
final class Bytes extends OutputStream {
    private byte[] buf = new byte[512];
    private int size;

    int size() {
        return size;
    }

    /** Keeps the first {@code length} bytes. */
    void truncate(int length) {
        size = length;
    }

    byte[] copy() {
        return Arrays.copyOf(buf, size);
    }

    void writeTo(OutputStream out) throws java.io.IOException {
        out.write(buf, 0, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    /** Avro {@code int} and {@code long}: zig-zag, then 7 bits a byte, low bits first. */
    void writeLong(long value) {
        ensure(10);
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            buf[size++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buf[size++] = (byte) n;
    }

    /** Avro {@code double}: the IEEE 754 bits, little-endian. */
    void writeDouble(double value) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeBoolean(boolean value) {
        write(value ? 1 : 0);
    }

    /** Avro {@code string}: the UTF-8 length, then the UTF-8 bytes; ASCII without a detour through a byte array. */
    void writeString(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeLong(utf8.length);
                write(utf8, 0, utf8.length);
                return;
            }
        }
        writeLong(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[size++] = (byte) value.charAt(i);
        }
    }

    /**
     * Avro {@code bytes} holding a decimal's unscaled value: its big-endian two's complement in as few bytes as
     * {@link java.math.BigInteger#toByteArray()} takes.
     */
    void writeUnscaled(long unscaled) {
        int length = 8;
        while (length > 1) {
            long top = unscaled >> ((length - 1) * 8 - 1);
            if (top != 0 && top != -1) {
                break;
            }
            length--;
        }
        writeLong(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[size++] = (byte) (unscaled >> ((length - 1 - i) * 8));
        }
    }
}
