package dev.dataemulator.core.internal;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes records as UTF-8 JSON straight from their fields into a reused byte buffer: no intermediate map, no
 * generator object per record; the only allocations per record are the result and one UTF-8 array per string value
 * (the JDK's encoding, which is faster than any loop over characters). Numbers are written without going through
 * strings where that is exact (integers; exact decimals, with all the digits of their scale, e.g. {@code 12.50};
 * doubles with at most two fraction digits). Timestamps and dates are strings in {@link IsoTime}'s forms; lists are arrays. One
 * instance per worker thread.
 */
public final class JsonEncoder implements FieldWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final int MAX_DEPTH = 64;
    private static final long[] POWERS_OF_TEN = new long[19];

    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** Field names are few per domain; the bound only protects against records with generated names. */
    private static final int MAX_CACHED_NAMES = 1024;

    private static final ThreadLocal<JsonEncoder> PER_THREAD = ThreadLocal.withInitial(JsonEncoder::new);

    private byte[] buf = new byte[512];
    private int pos;
    private int depth;
    private final boolean[] hasFields = new boolean[MAX_DEPTH];
    private final boolean[] isList = new boolean[MAX_DEPTH];
    private final java.util.Map<String, byte[]> names = new java.util.HashMap<>();
    private final String[] recentNames = new String[64];
    private final byte[][] recentNameBytes = new byte[64][];
    private int fieldIndex;

    /**
     * @return this thread's encoder: a worker keeps one for all its records, so its buffer and name cache are warm
     */
    public static JsonEncoder forCurrentThread() {
        return PER_THREAD.get();
    }

    /**
     * @param envelope wrap as {@code {"emulation_id", "timestamp", "data"}}
     * @return the encoded bytes (a new array)
     */
    public byte[] encode(String emulationId, long timestamp, boolean envelope, RecordData data) {
        pos = 0;
        depth = 0;
        fieldIndex = 0;
        if (envelope) {
            open();
            string("emulation_id", emulationId);
            integer("timestamp", timestamp);
            beginObject("data");
        } else {
            open();
        }
        data.writeFields(this);
        if (depth != (envelope ? 2 : 1)) {
            throw new IllegalStateException(
                    "unbalanced beginObject/endObject or beginList/endList in " + data.getClass().getName());
        }
        close();
        if (envelope) {
            close();
        }
        return Arrays.copyOf(buf, pos);
    }

    @Override
    public void string(String name, String value) {
        name(name);
        if (value == null) {
            raw(NULL);
        } else {
            quoted(value);
        }
    }

    @Override
    public void integer(String name, long value) {
        name(name);
        writeLong(value);
    }

    @Override
    public void floating(String name, double value) {
        name(name);
        writeDouble(value);
    }

    @Override
    public void decimal(String name, long unscaled, int scale) {
        name(name);
        writeDecimal(unscaled, scale);
    }

    @Override
    public void timestamp(String name, long epochMicros) {
        name(name);
        ensure(IsoTime.MAX_TIMESTAMP_LENGTH + 2);
        buf[pos] = '"';
        int end = IsoTime.writeTimestamp(buf, pos + 1, epochMicros);
        if (end < 0) {
            quoted(IsoTime.timestamp(epochMicros));
            return;
        }
        buf[end] = '"';
        pos = end + 1;
    }

    @Override
    public void date(String name, int epochDay) {
        name(name);
        ensure(12);
        buf[pos] = '"';
        int end = IsoTime.writeDate(buf, pos + 1, epochDay);
        if (end < 0) {
            quoted(IsoTime.date(epochDay));
            return;
        }
        buf[end] = '"';
        pos = end + 1;
    }

    @Override
    public void beginList(String name) {
        name(name);
        push('[', true);
    }

    @Override
    public void endList() {
        pop(']', true);
    }

    @Override
    public void bool(String name, boolean value) {
        name(name);
        raw(value ? TRUE : FALSE);
    }

    @Override
    public void nullValue(String name) {
        name(name);
        raw(NULL);
    }

    @Override
    public void beginObject(String name) {
        name(name);
        open();
    }

    @Override
    public void endObject() {
        close();
    }

    /**
     * Starts a JSON value outside a record (e.g. a list that CSV writes as JSON text): the next call writes it with a
     * {@code null} name; {@link #fragment()} returns it.
     */
    public void startFragment() {
        pos = 0;
        depth = 0;
        fieldIndex = 0;
    }

    /** @return the JSON text written since {@link #startFragment()} */
    public String fragment() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }

    private void open() {
        push('{', false);
    }

    private void close() {
        pop('}', false);
    }

    private void push(char bracket, boolean list) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("objects and lists nested deeper than " + MAX_DEPTH);
        }
        ensure(1);
        buf[pos++] = (byte) bracket;
        isList[depth] = list;
        hasFields[depth++] = false;
    }

    private void pop(char bracket, boolean list) {
        if (depth == 0 || isList[depth - 1] != list) {
            throw new IllegalStateException((list ? "endList" : "endObject") + " without its begin call");
        }
        ensure(1);
        buf[pos++] = (byte) bracket;
        depth--;
    }

    /** Writes the separator and, outside lists, the quoted name; list elements have a null name. */
    private void name(String name) {
        ensure(1);
        if (depth > 0) {
            if (hasFields[depth - 1]) {
                buf[pos++] = ',';
            }
            hasFields[depth - 1] = true;
        }
        if (name != null) {
            quotedName(name);
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void quoted(String s) {
        // The JDK encodes an ASCII string to UTF-8 with one vectorised check and a copy; what JSON must escape in the
        // result ('"', '\\', control characters) is then looked for eight bytes at a time. Escaping works on the
        // UTF-8 bytes: no byte of a multi-byte sequence is below 0x80, so only ASCII bytes are ever escaped, and
        // the JDK has already replaced lone surrogates with '?'.
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int length = utf8.length;
        if (needsEscaping(utf8)) {
            quotedEscaped(utf8);
            return;
        }
        ensure(length + 2);
        byte[] b = buf;
        int p = pos;
        b[p] = '"';
        System.arraycopy(utf8, 0, b, p + 1, length);
        b[p + length + 1] = '"';
        pos = p + length + 2;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** @return whether {@code utf8} holds a byte JSON escapes: below 0x20, '"' or '\\' */
    static boolean needsEscaping(byte[] utf8) {
        int length = utf8.length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long x = (long) LONGS.get(utf8, i);
            // per byte: below 0x20 (bytes from 0x80 up excluded by ~x), or equal to '"', or equal to '\\'
            long quote = x ^ (ONES * '"');
            long backslash = x ^ (ONES * '\\');
            long found = ((x - ONES * 0x20) & ~x)
                    | ((quote - ONES) & ~quote)
                    | ((backslash - ONES) & ~backslash);
            if ((found & HIGHS) != 0) {
                return true;
            }
        }
        for (; i < length; i++) {
            byte c = utf8[i];
            if ((c >= 0 && c < 0x20) || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Writes UTF-8 bytes quoted, escaping what JSON requires. */
    private void quotedEscaped(byte[] utf8) {
        int length = utf8.length;
        int escaped = 0;
        for (byte c : utf8) {
            if ((c >= 0 && c < 0x20) || c == '"' || c == '\\') {
                escaped++;
            }
        }
        // at most 5 more bytes per escaped byte (\\u00XX), plus the quotes
        ensure(length + escaped * 5 + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < length; i++) {
            byte c = utf8[i];
            if ((c < 0 || c >= 0x20) && c != '"' && c != '\\') {
                b[p++] = c;
                continue;
            }
            b[p++] = '\\';
            switch (c) {
                case '"' -> b[p++] = '"';
                case '\\' -> b[p++] = '\\';
                case '\n' -> b[p++] = 'n';
                case '\r' -> b[p++] = 'r';
                case '\t' -> b[p++] = 't';
                case '\b' -> b[p++] = 'b';
                case '\f' -> b[p++] = 'f';
                default -> p = unicodeEscape(b, p, (char) c);
            }
        }
        b[p++] = '"';
        pos = p;
    }

    /** Writes the quoted name and its colon. */
    private void quotedName(String name) {
        // Records write the same names in the same order every time (and names are usually constants), so the
        // n-th name of a record is checked against the n-th name of the previous one by identity first.
        int slot = fieldIndex++;
        if (slot < recentNames.length && recentNames[slot] == name) {
            raw(recentNameBytes[slot]);
            return;
        }
        byte[] bytes = names.get(name);
        if (bytes == null) {
            int start = pos;
            quoted(name);
            ensure(1);
            buf[pos++] = ':';
            bytes = Arrays.copyOfRange(buf, start, pos);
            pos = start;
            if (names.size() < MAX_CACHED_NAMES) {
                names.put(name, bytes);
            }
        }
        if (slot < recentNames.length) {
            recentNames[slot] = name;
            recentNameBytes[slot] = bytes;
        }
        raw(bytes);
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xf];
        b[p++] = HEX[(c >> 8) & 0xf];
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
        return p;
    }

    private void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (value < 0) {
            buf[pos++] = '-';
            value = -value;
        }
        // two digits per division (by a constant: a multiplication), from the end
        int end = pos + digits(value);
        int p = end;
        while (value >= 100) {
            long quotient = value / 100;
            int pair = (int) (value - quotient * 100);
            buf[--p] = DIGIT_ONES[pair];
            buf[--p] = DIGIT_TENS[pair];
            value = quotient;
        }
        int last = (int) value;
        buf[--p] = DIGIT_ONES[last];
        if (last >= 10) {
            buf[--p] = DIGIT_TENS[last];
        }
        pos = end;
    }

    /** @return the number of decimal digits of {@code value} (at least 1), without a division */
    static int digits(long value) {
        // floor(log10) from the bit length (1233/4096 ~ log10(2)), one too high at most
        int log = ((64 - Long.numberOfLeadingZeros(value | 1)) * 1233) >>> 12;
        return log + 1 - ((value | 1) < POWERS_OF_TEN[log] ? 1 : 0);
    }

    private void writeDecimal(long unscaled, int scale) {
        if (scale == 0) {
            writeLong(unscaled);
            return;
        }
        if (unscaled == Long.MIN_VALUE || scale < 0 || scale > 18) {
            raw(java.math.BigDecimal.valueOf(unscaled, scale).toPlainString().getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(scale + 22);
        if (unscaled < 0) {
            buf[pos++] = '-';
            unscaled = -unscaled;
        }
        long power = POWERS_OF_TEN[scale];
        writeLong(unscaled / power);
        long fraction = unscaled % power;
        buf[pos++] = '.';
        for (int p = pos + scale - 1; p >= pos; p--) {
            buf[p] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        pos += scale;
    }

    private void writeDouble(double value) {
        if (!Double.isFinite(value)) {
            raw(NULL); // JSON has no NaN or infinity
            return;
        }
        double scaled = value * 100;
        if (Math.abs(value) < 1e13 && scaled == Math.rint(scaled) && Math.rint(scaled) / 100 == value) {
            // exactly representable with two decimals: integer digits, '.', one or two fraction digits
            long cents = (long) Math.rint(scaled);
            if (cents < 0) {
                ensure(1);
                buf[pos++] = '-';
                cents = -cents;
            }
            writeLong(cents / 100);
            int fraction = (int) (cents % 100);
            ensure(3);
            buf[pos++] = '.';
            buf[pos++] = (byte) ('0' + fraction / 10);
            if (fraction % 10 != 0) {
                buf[pos++] = (byte) ('0' + fraction % 10);
            }
            return;
        }
        raw(Double.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }
}
