package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.RecordData;
import java.util.Arrays;

/**
 * Writes one record as a line of PostgreSQL's COPY text format, straight from its fields into a reused buffer: columns
 * separated by a tab, {@code \N} for null, backslash, tab, newline and carriage return escaped with a backslash,
 * timestamps as {@code yyyy-MM-dd HH:mm:ss.ffffff+00}, dates as {@code yyyy-MM-dd}, decimals with their scale's
 * digits, booleans {@code t}/{@code f}, structs and lists as JSON text. One instance per thread.
 */
final class CopyLine extends ColumnWriter {
    private final int columns;
    private byte[] buffer = new byte[512];
    private int length;
    private int written;

    /** @param columns how many top-level fields every record writes (its schema's) */
    CopyLine(int columns) {
        this.columns = columns;
    }

    /**
     * @return the record's line, newline included, a new array
     * @throws SinkException when the record writes another number of fields than its schema has
     */
    byte[] encode(RecordData data) {
        reset();
        length = 0;
        written = 0;
        data.writeFields(this);
        if (written != columns) {
            throw new SinkException("A record wrote " + written + " top-level fields, and its schema has " + columns
                    + " (records must write exactly their schema's fields)");
        }
        put((byte) '\n');
        return Arrays.copyOf(buffer, length);
    }

    private void column() {
        if (written++ > 0) {
            put((byte) '\t');
        }
    }

    @Override
    void text(String name, String value) {
        column();
        escaped(value);
    }

    @Override
    void number(String name, long value) {
        column();
        digits(value);
    }

    @Override
    void real(String name, double value) {
        column();
        ascii(Double.toString(value));
    }

    @Override
    void decimalValue(String name, long unscaled, int scale) {
        column();
        if (unscaled < 0) {
            put((byte) '-');
        }
        long magnitude = Math.abs(unscaled); // precision <= 18: never Long.MIN_VALUE
        if (scale == 0) {
            digits(magnitude);
            return;
        }
        long power = 1;
        for (int i = 0; i < scale; i++) {
            power *= 10;
        }
        digits(magnitude / power);
        put((byte) '.');
        padded(magnitude % power, scale);
    }

    @Override
    void instant(String name, long epochMicros) {
        column();
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        if (!civilDate(days)) {
            ascii(toInstant(epochMicros).toString()); // years outside 0..9999: PostgreSQL reads ISO-8601 too
            return;
        }
        put((byte) ' ');
        padded(secondOfDay / 3600, 2);
        put((byte) ':');
        padded(secondOfDay / 60 % 60, 2);
        put((byte) ':');
        padded(secondOfDay % 60, 2);
        if (micros != 0) {
            put((byte) '.');
            padded(micros, 6);
        }
        put((byte) '+');
        put((byte) '0');
        put((byte) '0');
    }

    @Override
    void day(String name, int epochDay) {
        column();
        if (!civilDate(epochDay)) {
            ascii(java.time.LocalDate.ofEpochDay(epochDay).toString());
        }
    }

    @Override
    void truth(String name, boolean value) {
        column();
        put((byte) (value ? 't' : 'f'));
    }

    @Override
    void absent(String name) {
        column();
        put((byte) '\\');
        put((byte) 'N');
    }

    @Override
    void json(String name, String json) {
        column();
        escaped(json);
    }

    /**
     * Writes {@code yyyy-MM-dd} of a day since the epoch (the proleptic Gregorian calendar, as {@code LocalDate}).
     *
     * @return false, writing nothing, for years outside 0..9999
     */
    private boolean civilDate(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return false;
        }
        padded(year, 4);
        put((byte) '-');
        padded(month, 2);
        put((byte) '-');
        padded(day, 2);
        return true;
    }

    private void escaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                    case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                    case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                    case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                    default -> put((byte) c);
                }
            } else if (c < 0x800) {
                put((byte) (0xC0 | c >> 6));
                put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                put((byte) (0xF0 | cp >> 18));
                put((byte) (0x80 | cp >> 12 & 0x3F));
                put((byte) (0x80 | cp >> 6 & 0x3F));
                put((byte) (0x80 | cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                put((byte) '?'); // an unpaired surrogate has no UTF-8 form, as String.getBytes does
            } else {
                put((byte) (0xE0 | c >> 12));
                put((byte) (0x80 | c >> 6 & 0x3F));
                put((byte) (0x80 | c & 0x3F));
            }
        }
    }

    private void ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            put((byte) value.charAt(i));
        }
    }

    private void digits(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            put((byte) '-');
            value = -value;
        }
        int width = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            width++;
        }
        padded(value, width);
    }

    /** Writes a non-negative value in exactly {@code width} digits, zero-padded. */
    private void padded(long value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buffer[length + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    private void put(byte b) {
        if (length == buffer.length) {
            ensure(1);
        }
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
