package dev.dataemulator.factories.internal;

import dev.dataemulator.core.support.Seeding;
import java.util.SplittableRandom;

/**
 * What all domains of one seed (and the same user space and locale options) agree on: the user space, the compromised
 * users and each user's home country. Immutable and thread-safe.
 */
public final class Universe {
    /** Share of users whose home country is the locale's region; the others live in a random country. */
    public static final double HOME_REGION_SHARE = 0.75;

    private final long seed;
    private final Options options;
    private final UserSpace users;
    private final String homeRegion;
    private final String[] countries;
    private final long countryKey;

    /**
     * @param seed the emulation seed
     * @param options the domain options
     */
    public Universe(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.users = new UserSpace(seed, options.userIdMin(), options.userIdMax());
        this.homeRegion = options.homeCountry();
        this.countries = Pools.countryCodes(seed);
        this.countryKey = Seeding.derive(seed, "home-country");
    }

    /** @return the emulation seed */
    public long seed() {
        return seed;
    }

    /** @return the parsed domain options */
    public Options options() {
        return options;
    }

    /** @return the user space */
    public UserSpace users() {
        return users;
    }

    /** @return the ISO 3166 alpha-2 code of the country {@code userId} lives in; stable for a seed */
    public String homeCountry(long userId) {
        long h = Seeding.mix(countryKey ^ userId);
        if (Seeding.unit(h) < HOME_REGION_SHARE) {
            return homeRegion;
        }
        return countries[(int) ((h & 0x7fffffffL) % countries.length)];
    }

    /** @return a country code drawn uniformly from the pool of Datafaker country codes */
    public String randomCountry(SplittableRandom random) {
        return countries[random.nextInt(countries.length)];
    }
}
