package dev.dataemulator.factories.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Allocation-light, locale-independent formatting of the values records carry: UUIDs, ISO-8601 instants and dates,
 * IPv4 addresses. Each method builds ASCII bytes and makes one Latin-1 string from them.
 */
public final class Text {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long SECONDS_PER_DAY = 86_400L;
    /** Epoch days of 0000-01-01 and 9999-12-31: the range the hand-written formatter covers. */
    private static final long MIN_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long MAX_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private Text() {
    }

    /**
     * @return a version 4, variant 1 UUID string made from 128 random bits (6 of which the layout fixes)
     */
    public static String uuid(long high, long low) {
        high = (high & 0xffffffffffff0fffL) | 0x0000000000004000L;
        low = (low & 0x3fffffffffffffffL) | 0x8000000000000000L;
        byte[] b = new byte[36];
        hex(b, 0, high >>> 32, 8);
        b[8] = '-';
        hex(b, 9, high >>> 16, 4);
        b[13] = '-';
        hex(b, 14, high, 4);
        b[18] = '-';
        hex(b, 19, low >>> 48, 4);
        b[23] = '-';
        hex(b, 24, low, 12);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void hex(byte[] b, int at, long value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            b[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    /** @return {@code epochSecond} as an ISO-8601 UTC instant with second precision, e.g. 2026-11-27T08:15:00Z */
    public static String isoInstant(long epochSecond) {
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        if (day < MIN_DAY || day > MAX_DAY) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        byte[] b = new byte[20];
        writeDate(b, day);
        b[10] = 'T';
        two(b, 11, secondOfDay / 3600);
        b[13] = ':';
        two(b, 14, secondOfDay / 60 % 60);
        b[16] = ':';
        two(b, 17, secondOfDay % 60);
        b[19] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** @return {@code epochDay} as an ISO-8601 date, e.g. 1990-04-01 */
    public static String isoDate(long epochDay) {
        if (epochDay < MIN_DAY || epochDay > MAX_DAY) {
            return LocalDate.ofEpochDay(epochDay).toString();
        }
        byte[] b = new byte[10];
        writeDate(b, epochDay);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Writes yyyy-MM-dd at offset 0; civil-from-days over 400-year eras (proleptic Gregorian, as java.time). */
    private static void writeDate(byte[] b, long epochDay) {
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        two(b, 0, year / 100);
        two(b, 2, year % 100);
        b[4] = '-';
        two(b, 5, month);
        b[7] = '-';
        two(b, 8, day);
    }

    private static void two(byte[] b, int at, int value) {
        b[at] = (byte) ('0' + value / 10);
        b[at + 1] = (byte) ('0' + value % 10);
    }

    /** @return the dotted-quad form of four octets (each 0..255) */
    public static String ipv4(int a, int b, int c, int d) {
        byte[] out = new byte[15];
        int at = octet(out, 0, a);
        out[at++] = '.';
        at = octet(out, at, b);
        out[at++] = '.';
        at = octet(out, at, c);
        out[at++] = '.';
        at = octet(out, at, d);
        return new String(out, 0, at, StandardCharsets.ISO_8859_1);
    }

    private static int octet(byte[] out, int at, int value) {
        if (value >= 100) {
            out[at++] = (byte) ('0' + value / 100);
        }
        if (value >= 10) {
            out[at++] = (byte) ('0' + value / 10 % 10);
        }
        out[at++] = (byte) ('0' + value % 10);
        return at;
    }

    /**
     * @return {@code name} reduced to lower-case ASCII letters and digits for an e-mail local part (accents
     *     stripped, apostrophes and spaces dropped; independent of the default locale)
     */
    public static String emailToken(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder token = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                token.append(c);
            }
        }
        return token.toString();
    }
}
