package dev.dataemulator.factories.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Pools of real Datafaker values, made once per emulation by a Faker seeded from the emulation seed and the pool's
 * name (so pools are independent of each other). Records pick from them by index: Datafaker is far too slow to call
 * per record (a phone number takes microseconds) and a shared Faker is not thread-safe. The returned arrays are
 * never modified.
 */
public final class Pools {
    private static final int ATTEMPTS_PER_VALUE = 4;

    private Pools() {
    }

    static Faker faker(long seed, Locale locale, String pool) {
        return new Faker(locale, Mix.random(seed, pool));
    }

    /**
     * @return up to {@code size} distinct values of {@code supplier}, in the order first made; at least one
     */
    static String[] distinct(int size, Supplier<String> supplier) {
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < size * ATTEMPTS_PER_VALUE && values.size() < size; i++) {
            String value = supplier.get();
            if (value != null && !value.isBlank()) {
                values.add(value.strip());
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("Datafaker made no values for a pool");
        }
        return values.toArray(String[]::new);
    }

    /** @return ISO 3166 alpha-2 country codes (upper case), in a seed-dependent order */
    public static String[] countryCodes(long seed) {
        Faker faker = faker(seed, Locale.ENGLISH, "countries");
        return distinct(150, () -> faker.country().countryCode2().toUpperCase(Locale.ROOT));
    }

    /** @return merchant names (company names), none equal to a high-risk merchant */
    public static String[] merchants(long seed, Locale locale, int size, Set<String> excluded) {
        Faker faker = faker(seed, locale, "merchants");
        return distinct(size, () -> {
            String name = faker.company().name();
            return excluded.contains(name) ? null : name;
        });
    }

    /** @return first names */
    public static String[] firstNames(long seed, Locale locale, int size) {
        Faker faker = faker(seed, locale, "first-names");
        return distinct(size, () -> faker.name().firstName());
    }

    /** @return last names */
    public static String[] lastNames(long seed, Locale locale, int size) {
        Faker faker = faker(seed, locale, "last-names");
        return distinct(size, () -> faker.name().lastName());
    }

    /** @return one-line postal addresses */
    public static String[] addresses(long seed, Locale locale, int size) {
        Faker faker = faker(seed, locale, "addresses");
        return distinct(size, () -> faker.address().fullAddress());
    }

    /** @return cell phone numbers, used as formats whose last digits records vary */
    public static String[] phones(long seed, Locale locale, int size) {
        Faker faker = faker(seed, locale, "phones");
        return distinct(size, () -> faker.phoneNumber().cellPhone());
    }

    /** @return e-mail domains (the part after '@' of Datafaker e-mail addresses) */
    public static String[] emailDomains(long seed, Locale locale) {
        Faker faker = faker(seed, locale, "email-domains");
        return distinct(20, () -> {
            String email = faker.internet().emailAddress();
            int at = email.lastIndexOf('@');
            return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
        });
    }

    /** @return browser user agents (bots excluded) */
    public static String[] userAgents(long seed, int samples) {
        Faker faker = faker(seed, Locale.ENGLISH, "user-agents");
        return distinct(samples, () -> {
            String agent = faker.internet().userAgent();
            String lower = agent.toLowerCase(Locale.ROOT);
            return lower.contains("bot") || lower.contains("spider") || lower.contains("crawl") ? null : agent;
        });
    }

    /** @return mobile device model names that are not Apple devices */
    public static String[] androidModels(long seed, int size) {
        Faker faker = faker(seed, Locale.ENGLISH, "device-models");
        return distinct(size, () -> {
            String model = faker.device().modelName();
            return model.startsWith("iP") ? null : model;
        });
    }

    /** @return the values of {@code pool} that contain one of {@code markers} and none of {@code excluded} */
    static String[] select(String[] pool, List<String> markers, List<String> excluded) {
        List<String> selected = new ArrayList<>();
        for (String value : pool) {
            boolean hit = markers.stream().anyMatch(value::contains);
            boolean miss = excluded.stream().noneMatch(value::contains);
            if (hit && miss) {
                selected.add(value);
            }
        }
        return selected.toArray(String[]::new);
    }
}
