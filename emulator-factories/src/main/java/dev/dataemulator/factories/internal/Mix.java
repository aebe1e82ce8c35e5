package dev.dataemulator.factories.internal;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Seed derivation: every seed-derived structure gets its own key so that adding one never shifts another. */
public final class Mix {
    private Mix() {
    }

    /** @return a well-mixed 64-bit value (SplitMix64's finaliser) */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** @return a stable 64-bit hash of a name (FNV-1a over UTF-8), independent of String.hashCode */
    public static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** @return the key of one seed-derived structure, e.g. {@code key(seed, "compromised-users")} */
    public static long key(long seed, String purpose) {
        return mix(seed ^ mix(hash(purpose)));
    }

    /** @return a value uniform in [0, 1) taken from the top 53 bits of {@code h} */
    public static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** @return a {@link Random} for seeding a Faker that builds one pool */
    public static Random random(long seed, String purpose) {
        return new Random(key(seed, purpose));
    }
}
