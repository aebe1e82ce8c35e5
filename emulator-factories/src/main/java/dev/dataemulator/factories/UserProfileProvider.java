package dev.dataemulator.factories;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.declarative.LifecycleDomain;
import dev.dataemulator.factories.internal.Options;
import dev.dataemulator.factories.internal.Universe;
import dev.dataemulator.factories.internal.UserProfileGenerator;
import dev.dataemulator.factories.internal.UserProfileLifecycle;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Domain {@value #NAME}: one profile per user of the user space, written to {@code user-profiles} by default; keyed
 * by {@code user_id} (as a string).
 *
 * <p>The domain is finite: profile {@code seq} belongs to the user at position {@code seq} of a seed-keyed
 * permutation of the user space, so profiles never repeat a user id, whichever worker makes them, and the domain's
 * capacity is the size of the space (9000 with the default 1000..9999). An emulation that reaches it ends
 * {@code COMPLETED}.
 *
 * <h2>Fields, in this order</h2>
 * The domain declares them as its {@link dev.dataemulator.core.spi.RecordSchema} (types in parentheses).
 * <ul>
 *   <li>{@code user_id} (long);</li>
 *   <li>{@code name} (string): Datafaker first and last name;</li>
 *   <li>{@code email} (string): built from the name (lower-case ASCII) at a Datafaker e-mail domain;</li>
 *   <li>{@code phone} (string): a Datafaker cell phone number of the locale;</li>
 *   <li>{@code date_of_birth} (date; in JSON yyyy-MM-dd): age 18..90 on the day of the record's event time;</li>
 *   <li>{@code address} (string): one-line Datafaker postal address of the locale;</li>
 *   <li>{@code country} (string): the user's home country (ISO 3166 alpha-2), the same as in the other domains:
 *       the locale's region for 75% of users, a Datafaker country otherwise;</li>
 *   <li>{@code signup_date} (date): within the last two years (0..730 days ago);</li>
 *   <li>{@code credit_score} (decimal(5,2)): 300.00..850.00, roughly normal around 690;</li>
 *   <li>{@code risk_level} (string): {@code low} for a score ≥ 700, {@code medium} for ≥ 500, else {@code high};
 *       then {@code high} with probability 0.5 in NG, IR, SY or KP; then one level up when signed up fewer than 30
 *       days ago; then {@code high} with probability 0.01.</li>
 * </ul>
 *
 * <h2>Options</h2>
 * {@link FactoryOptions#USER_ID_MIN}, {@link FactoryOptions#USER_ID_MAX}, {@link FactoryOptions#LOCALE},
 * {@link FactoryOptions#LIFECYCLE}, and with it {@link FactoryOptions#CHANGE_FORMAT} and
 * {@link FactoryOptions#SIGNUP_BETWEEN}; any other key is rejected.
 *
 * <h2>Lifecycle ({@code lifecycle=true})</h2>
 * The records are the changes of every user's profile, made by the engine of declarative lifecycles
 * ({@link dev.dataemulator.declarative.EntityLifecycle}): {@code __op} and {@code __version} (or Debezium change
 * events with {@code change_format=debezium}), and {@link dev.dataemulator.declarative.Snapshots#at} gives the
 * profiles at an instant. A profile is created when its user signs up, uniformly within
 * {@link FactoryOptions#SIGNUP_BETWEEN}; then, from an account that is not suspended, the next change follows an
 * exponential dwell of mean 120 days and is a new e-mail address (weight 3), a new phone number (3), a new address
 * (2), a suspension (1) or the closure (1, a delete); a suspension lasts 1 to 14 days and ends with reactivation (4)
 * or closure (1). Profiles gain {@code status} ({@code active}, {@code suspended}) and {@code updated_at} (the last
 * change's time); {@code signup_date} is the signup's day; the other fields never change, and the new-account rule
 * of {@code risk_level} does not apply. Every value is a function of (seed, user, the version at which it was last
 * drawn): the same changes at any thread count and shard.
 *
 * <p>Cheap to construct; {@link #open(DomainContext)} builds the name, address and phone pools (a fraction of a
 * second).
 */
public final class UserProfileProvider implements LifecycleDomain {
    /** The domain name. */
    public static final String NAME = "user-profile";

    private static final Set<String> OPTIONS = Set.of(FactoryOptions.USER_ID_MIN, FactoryOptions.USER_ID_MAX,
            FactoryOptions.LOCALE, FactoryOptions.LIFECYCLE, FactoryOptions.CHANGE_FORMAT,
            FactoryOptions.SIGNUP_BETWEEN);

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UserProfileProvider() {
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code user-profiles} */
    @Override
    public Optional<String> defaultResource() {
        return Optional.of("user-profiles");
    }

    /**
     * @throws dev.dataemulator.core.InvalidSettingException when an option is unknown or its value invalid
     */
    @Override
    public DomainGenerator open(DomainContext context) {
        Options options = Options.parse(NAME, context.options(), OPTIONS);
        UserProfileGenerator profiles = new UserProfileGenerator(new Universe(context.seed(), options),
                context.clock());
        return options.lifecycle() ? new UserProfileLifecycle(profiles, context).changes(context) : profiles;
    }

    /** @return whether the options set {@link FactoryOptions#LIFECYCLE}: the changes carry their own event times */
    @Override
    public boolean timed(Map<String, String> options) {
        return "true".equalsIgnoreCase(String.valueOf(options.get(FactoryOptions.LIFECYCLE)).trim());
    }

    /**
     * @return every profile alive at {@code at}, with its latest version's fields and {@code __version}
     * @throws InvalidSettingException when an option is bad or {@link FactoryOptions#LIFECYCLE} is not {@code true}
     */
    @Override
    public DomainGenerator openSnapshot(DomainContext context, Instant at) {
        Options options = Options.parse(NAME, context.options(), OPTIONS);
        if (!options.lifecycle()) {
            throw new InvalidSettingException(FactoryOptions.LIFECYCLE, context.options().get(FactoryOptions.LIFECYCLE),
                    "true: only profiles with a lifecycle have a table state at an instant");
        }
        UserProfileGenerator profiles = new UserProfileGenerator(new Universe(context.seed(), options),
                context.clock());
        return new UserProfileLifecycle(profiles, context).snapshot(context, at);
    }

    @Override
    public String toString() {
        return "UserProfileProvider[" + NAME + "]";
    }
}
