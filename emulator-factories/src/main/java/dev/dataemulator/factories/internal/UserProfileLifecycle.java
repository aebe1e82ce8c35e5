package dev.dataemulator.factories.internal;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.declarative.EntityLifecycle;
import dev.dataemulator.declarative.Gen;
import dev.dataemulator.declarative.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The user-profile domain with {@code lifecycle=true}: every user of the space is an entity whose contact details
 * and address change and whose account is suspended and closed, on the engine of declarative lifecycles
 * ({@link EntityLifecycle}). Every field is a pure function of (seed, user, the version it was last drawn at, field
 * group): no memory per user. Immutable and thread-safe.
 */
public final class UserProfileLifecycle {
    /** Mean time between two changes of an account that is not suspended. */
    public static final String MEAN_DWELL = "120d";
    /** Weights of the next change of an account that is not suspended. */
    public static final Map<String, Integer> CHANGE_WEIGHTS = ordered("email_changed", 3, "phone_changed", 3,
            "moved", 2, "suspended", 1, "closed", 1);
    /** The states whose entry changes the contact details: a takeover with the profiles' lifecycle follows one. */
    public static final Set<String> CONTACT_CHANGES = Set.of("email_changed", "phone_changed");
    /** Weights of what ends a suspension. */
    public static final Map<String, Integer> SUSPENSION_ENDS = ordered("active", 4, "closed", 1);

    /** The fields: those of the profile without a lifecycle, then {@code status} and {@code updated_at}. */
    public static final RecordSchema SCHEMA = schema();

    /** How long before the emulation clock's day profiles sign up, by default. */
    public static final Duration DEFAULT_SIGNUP_SPAN = Duration.ofDays(730);

    /**
     * @return the lifecycle of profiles signing up between {@code from} and {@code to}: {@code active} (created or
     *     reactivated), three changes, {@code suspended} and {@code closed}
     */
    public static Lifecycle lifecycle(Instant from, Instant to) {
        return Lifecycle.builder()
                .created(Gen.timestampBetween(from.toString(), to.toString()))
                .initial("active")
                .state("active", active().changes("updated_at"))
                .state("email_changed", active().changes("email", "updated_at"))
                .state("phone_changed", active().changes("phone", "updated_at"))
                .state("moved", active().changes("address", "updated_at"))
                .state("suspended", Lifecycle.state().dwell("1d", "14d").next(SUSPENSION_ENDS).changes("updated_at"))
                .state("closed", Lifecycle.deleteState())
                .build();
    }

    /**
     * @return the signup window: {@link dev.dataemulator.factories.FactoryOptions#SIGNUP_BETWEEN}, by default the
     *     {@link #DEFAULT_SIGNUP_SPAN} before the start of the clock's UTC day when the domain opens (so that a
     *     change stream and its snapshot made the same day agree)
     */
    static Instant[] signups(Options options, DomainContext context) {
        Instant[] given = options.signups();
        if (given != null) {
            return given;
        }
        long clockMillis = context.clock().millis();
        Instant day = Instant.ofEpochMilli(Math.floorDiv(clockMillis, MILLIS_PER_DAY) * MILLIS_PER_DAY);
        return new Instant[] {day.minus(DEFAULT_SIGNUP_SPAN), day};
    }

    /**
     * @return where every user's profile stands at any instant, as {@code user-profile} with {@code lifecycle=true}
     *     and the same seed and options makes it; entity {@code i} is the user at {@link UserSpace#idAt(long) idAt(i)}
     */
    public static EntityLifecycle.History history(Universe universe, DomainContext context) {
        return engine(universe.options(), context).history(context, universe.users().size());
    }

    private static EntityLifecycle engine(Options options, DomainContext context) {
        Instant[] signups = signups(options, context);
        return EntityLifecycle.of(SCHEMA, "user_id", lifecycle(signups[0], signups[1]));
    }

    private static final int EMAIL = SCHEMA.fields().indexOf(SCHEMA.field("email").orElseThrow());
    private static final int PHONE = SCHEMA.fields().indexOf(SCHEMA.field("phone").orElseThrow());
    private static final int ADDRESS = SCHEMA.fields().indexOf(SCHEMA.field("address").orElseThrow());
    private static final int UPDATED_AT = SCHEMA.fields().indexOf(SCHEMA.field("updated_at").orElseThrow());
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final UserProfileGenerator profiles;
    private final EntityLifecycle engine;
    private final long identityKey;
    private final long emailKey;
    private final long phoneKey;
    private final long addressKey;

    /**
     * @param profiles the seed's user space and Datafaker pools
     * @param context the emulation's clock, when the domain opens, places the default signup window
     */
    public UserProfileLifecycle(UserProfileGenerator profiles, DomainContext context) {
        this.profiles = profiles;
        this.engine = engine(profiles.universe().options(), context);
        long seed = profiles.universe().seed();
        this.identityKey = Seeding.derive(seed, "user-profile/lifecycle/identity");
        this.emailKey = Seeding.derive(seed, "user-profile/lifecycle/email");
        this.phoneKey = Seeding.derive(seed, "user-profile/lifecycle/phone");
        this.addressKey = Seeding.derive(seed, "user-profile/lifecycle/address");
    }

    private static Lifecycle.State active() {
        return Lifecycle.state().dwellExponential(MEAN_DWELL).next(CHANGE_WEIGHTS);
    }

    private static Map<String, Integer> ordered(Object... entries) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], (Integer) entries[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static RecordSchema schema() {
        RecordSchema.Builder builder = RecordSchema.builder(UserProfileGenerator.SCHEMA.name());
        for (RecordSchema.Field field : UserProfileGenerator.SCHEMA.fields()) {
            builder.field(field.name(), field.type(), field.nullable(), field.doc());
        }
        return builder.required("status", FieldType.STRING, "active or suspended")
                .required("updated_at", FieldType.TIMESTAMP, "when the profile last changed")
                .build();
    }

    /** @return the changes of every user's profile, in event-time order */
    public DomainGenerator changes(DomainContext context) {
        return engine.changes(context, profiles.capacity(), Values::new);
    }

    /** @return every user's profile alive at {@code at} */
    public DomainGenerator snapshot(DomainContext context, Instant at) {
        return engine.snapshot(context, profiles.capacity(), Values::new, at);
    }

    /** @return the random source of a field group at a version of a user: a function of nothing else */
    private static SplittableRandom draw(long key, long entity, int version) {
        return Seeding.forRecord(key, Seeding.mix(entity * 0x632be59bd9b4e019L + version));
    }

    /** One worker's computation of profiles. Not thread-safe. */
    private final class Values implements EntityLifecycle.Values {
        private final UserProfileGenerator.BirthDays birthDays = new UserProfileGenerator.BirthDays();

        @Override
        public RecordData at(EntityLifecycle.Change change) {
            long entity = change.entity();
            long userId = profiles.universe().users().idAt(entity);
            long createdDay = Math.floorDiv(change.created(), MILLIS_PER_DAY);
            SplittableRandom identity = draw(identityKey, entity, 1);
            int first = profiles.firstName(identity);
            int last = profiles.lastName(identity);
            int birthDay = birthDays.draw(createdDay, identity);
            long scoreCents = UserProfileGenerator.scoreCents(identity);
            String country = profiles.universe().homeCountry(userId);
            String risk = UserProfileGenerator.risk(scoreCents, country, UserProfileGenerator.NEW_ACCOUNT_DAYS,
                    identity);
            String email = profiles.email(first, last, draw(emailKey, entity, change.drawn(EMAIL)));
            String phone = profiles.phone(draw(phoneKey, entity, change.drawn(PHONE)));
            String address = profiles.address(draw(addressKey, entity, change.drawn(ADDRESS)));
            String status = "suspended".equals(change.state()) ? "suspended" : "active";
            return new UserProfileGenerator.UserProfile(userId, profiles.name(first, last), email, phone, birthDay,
                    address, country, (int) createdDay, scoreCents, risk, status, change.drawnAt(UPDATED_AT) * 1000);
        }
    }
}
