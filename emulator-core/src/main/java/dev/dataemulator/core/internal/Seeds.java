package dev.dataemulator.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from (seed, domain, seq). */
public final class Seeds {
    private Seeds() {
    }

    /** @return a well-mixed 64-bit value (SplitMix64's finaliser) */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** @return a stable 64-bit hash of a name (FNV-1a), independent of the JVM's String.hashCode */
    public static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** @return the seed of a domain's record stream */
    public static long domainSeed(long seed, String domain) {
        return mix(seed ^ mix(hash(domain)));
    }

    /** @return the random source of record {@code seq} of a domain stream */
    public static SplittableRandom forRecord(long domainSeed, long seq) {
        return new SplittableRandom(mix(domainSeed + 0x9e3779b97f4a7c15L * (seq + 1)));
    }
}
