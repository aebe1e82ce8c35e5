package dev.dataemulator.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The text forms of {@code TIMESTAMP} and {@code DATE} values, shared by every encoder so JSON, CSV and maps agree.
 * Timestamps are ISO-8601 UTC instants as {@link Instant#toString()} writes them at microsecond precision: no fraction
 * when the instant is a whole second ({@code 2026-11-27T08:15:00Z}), else three or six fraction digits
 * ({@code .250}, {@code .250001}). Dates are {@code yyyy-MM-dd}. Years 0000..9999 are formatted by hand into bytes
 * (no allocation besides the caller's buffer); others fall back to {@code java.time}. Not API.
 */
public final class IsoTime {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    /** Longest hand-written timestamp: yyyy-MM-ddTHH:mm:ss.SSSSSSZ. */
    public static final int MAX_TIMESTAMP_LENGTH = 27;

    private IsoTime() {
    }

    /**
     * Writes {@code epochMicros} at {@code at}; {@code b} must have {@value #MAX_TIMESTAMP_LENGTH} bytes free.
     *
     * @return the position after the last byte written, or -1 when the year is outside 0000..9999
     */
    public static int writeTimestamp(byte[] b, int at, long epochMicros) {
        long second = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        long day = Math.floorDiv(second, SECONDS_PER_DAY);
        if (day < MIN_DAY || day > MAX_DAY) {
            return -1;
        }
        int secondOfDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
        writeDate(b, at, day);
        b[at + 10] = 'T';
        two(b, at + 11, secondOfDay / 3600);
        b[at + 13] = ':';
        two(b, at + 14, secondOfDay / 60 % 60);
        b[at + 16] = ':';
        two(b, at + 17, secondOfDay % 60);
        int p = at + 19;
        if (micros != 0) {
            b[p++] = '.';
            int digits = micros % 1000 == 0 ? 3 : 6;
            int value = digits == 3 ? micros / 1000 : micros;
            for (int i = p + digits - 1; i >= p; i--) {
                b[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            p += digits;
        }
        b[p++] = 'Z';
        return p;
    }

    /** @return {@code epochMicros} as text (see the class comment) */
    public static String timestamp(long epochMicros) {
        byte[] b = new byte[MAX_TIMESTAMP_LENGTH];
        int end = writeTimestamp(b, 0, epochMicros);
        if (end < 0) {
            return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS).toString();
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@code epochDay} as yyyy-MM-dd (10 bytes) at {@code at}.
     *
     * @return the position after the date, or -1 when the year is outside 0000..9999
     */
    public static int writeDate(byte[] b, int at, long epochDay) {
        if (epochDay < MIN_DAY || epochDay > MAX_DAY) {
            return -1;
        }
        // civil-from-days over 400-year eras (proleptic Gregorian, as java.time)
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        two(b, at, year / 100);
        two(b, at + 2, year % 100);
        b[at + 4] = '-';
        two(b, at + 5, month);
        b[at + 7] = '-';
        two(b, at + 8, day);
        return at + 10;
    }

    /** @return {@code epochDay} as yyyy-MM-dd */
    public static String date(long epochDay) {
        byte[] b = new byte[10];
        if (writeDate(b, 0, epochDay) < 0) {
            return LocalDate.ofEpochDay(epochDay).toString();
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void two(byte[] b, int at, int value) {
        b[at] = (byte) ('0' + value / 10);
        b[at + 1] = (byte) ('0' + value % 10);
    }
}
