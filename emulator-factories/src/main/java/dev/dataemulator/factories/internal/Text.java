package dev.dataemulator.factories.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Allocation-light, locale-independent formatting of the values records carry as text: UUIDs and IPv4 addresses
 * (timestamps and dates are typed values, formatted by the encoders). Each method builds ASCII bytes and makes one Latin-1 string from them.
 */
public final class Text {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
