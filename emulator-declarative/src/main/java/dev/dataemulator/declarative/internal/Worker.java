package dev.dataemulator.declarative.internal;

import java.lang.invoke.MethodHandle;
import java.time.Clock;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * What one worker thread owns: the environments of its domain and the domains it refers to, one Datafaker instance
 * (reseeded for every value; Datafaker is not safe to share) with its providers bound once, and a text buffer. Not
 * thread-safe.
 */
final class Worker {
    private final Clock clock;
    private final Env[] envs;
    /** One Faker per locale, each with its random source, made on first use. */
    private final java.util.Map<Locale, Faker> fakers = new java.util.HashMap<>(2);
    private final java.util.Map<Locale, Random> fakerRandoms = new java.util.HashMap<>(2);
    private Locale lastLocale;
    private Faker lastFaker;
    private Random lastRandom;
    private MethodHandle[] boundCalls;
    final StringBuilder text = new StringBuilder(64);

    Worker(Clock clock, int domainCount) {
        this.clock = clock;
        this.envs = new Env[domainCount];
    }

    Env env(Bound bound, int domainIndex) {
        Env env = envs[domainIndex];
        if (env == null) {
            env = new Env(bound, this, clock);
            envs[domainIndex] = env;
        }
        return env;
    }

    /** @return the worker's Faker of {@code locale}, its random source reseeded with {@code seed} */
    Faker faker(Locale locale, long seed) {
        if (locale != lastLocale) {
            Faker faker = fakers.get(locale);
            if (faker == null) {
                Random random = new Random(seed);
                faker = new Faker(locale, random);
                fakers.put(locale, faker);
                fakerRandoms.put(locale, random);
            }
            lastLocale = locale;
            lastFaker = faker;
            lastRandom = fakerRandoms.get(locale);
        }
        lastRandom.setSeed(seed);
        return lastFaker;
    }

    /** @return the provider method of {@code call} bound to this worker's Faker */
    MethodHandle bound(FakerExpression.Call call) {
        if (boundCalls == null || boundCalls.length <= call.id) {
            boundCalls = java.util.Arrays.copyOf(boundCalls == null ? new MethodHandle[0] : boundCalls,
                    Math.max(call.id + 1, 8));
        }
        MethodHandle handle = boundCalls[call.id];
        if (handle == null) {
            handle = call.bind(fakers.get(call.locale));
            boundCalls[call.id] = handle;
        }
        return handle;
    }
}
