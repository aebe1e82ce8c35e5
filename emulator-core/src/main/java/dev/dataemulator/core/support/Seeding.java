package dev.dataemulator.core.support;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Reproducible seed derivation for the runner and for domains: every seed-derived structure gets its own key from
 * (seed, name), so adding one never shifts another, and record {@code seq} of a domain gets its own random source.
 * All functions are pure and independent of the JVM (no {@link String#hashCode()}, no platform defaults).
 */
public final class Seeding {
    private Seeding() {
    }

    /**
     * @param z any value
     * @return a well-mixed 64-bit value (SplitMix64's finaliser)
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param name any text
     * @return a stable 64-bit hash of the text (FNV-1a over UTF-8)
     */
    public static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * @param seed the emulation seed
     * @param name what the key is for: a domain name, or a structure such as {@code "compromised-users"}
     * @return the key of that stream or structure
     */
    public static long derive(long seed, String name) {
        return mix(seed ^ mix(hash(name)));
    }

    /**
     * @param h a mixed value
     * @return a value uniform in [0, 1) taken from the top 53 bits of {@code h}
     */
    public static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /**
     * @param streamKey the key of a domain's record stream, {@link #derive(long, String) derive(seed, domain)}
     * @param seq the record's sequence number
     * @return the random source of record {@code seq}
     */
    public static SplittableRandom forRecord(long streamKey, long seq) {
        return new SplittableRandom(mix(streamKey + 0x9e3779b97f4a7c15L * (seq + 1)));
    }
}
