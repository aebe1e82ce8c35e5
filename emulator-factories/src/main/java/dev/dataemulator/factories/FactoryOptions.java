package dev.dataemulator.factories;

/**
 * Names and defaults of the domain options the bundled domains read, set with
 * {@code EmulationSpec.Builder#domainOption(key, value)} or {@code Fixtures#option(key, value)}.
 *
 * <p>Every domain rejects keys it does not read and values it cannot parse with an
 * {@link dev.dataemulator.core.InvalidSettingException} naming the option and the value. Numbers are parsed
 * without regard to the default locale.
 *
 * <p>Referential integrity between domains holds for emulations of the same seed with the same
 * {@link #USER_ID_MIN}, {@link #USER_ID_MAX} and {@link #LOCALE}: every user id a transaction or device log carries
 * is the id of a user profile, and a user's home country is the same in all three domains.
 */
public final class FactoryOptions {
    /** Smallest user id of the user space (all domains); an integer ≥ 0, default {@value #DEFAULT_USER_ID_MIN}. */
    public static final String USER_ID_MIN = "user_id_min";

    /**
     * Largest user id of the user space (all domains); an integer ≥ {@link #USER_ID_MIN}, default
     * {@value #DEFAULT_USER_ID_MAX}. The space may hold at most 2<sup>62</sup> ids.
     */
    public static final String USER_ID_MAX = "user_id_max";

    /**
     * Locale of the Datafaker values (names, addresses, phone numbers, merchants) as a BCP 47 tag such as
     * {@code en-US} or {@code de-DE} (all domains); default {@value #DEFAULT_LOCALE}. Its region is the home
     * country of most users ({@code US} when the tag has none).
     */
    public static final String LOCALE = "locale";

    /**
     * Whether transactions carry the fraud labels {@code is_fraud} and {@code fraud_scenario} ({@code transaction}
     * only); {@code true} or {@code false}, default {@code true}. Without labels the records are otherwise identical.
     */
    public static final String LABELS = "labels";

    /**
     * Whether {@code user-profile} records are the changes of the users' profiles ({@code user-profile} only);
     * {@code true} or {@code false}, default {@code false}. With {@code true} e-mail addresses, phone numbers and
     * addresses change and accounts are suspended and closed, each profile has {@code status} and
     * {@code updated_at}, each record {@code __op} and {@code __version} (or, with {@link #CHANGE_FORMAT}
     * {@code debezium}, a Debezium change event), and {@code emulator snapshot} writes the profiles at an instant.
     */
    public static final String LIFECYCLE = "lifecycle";

    /**
     * The shape of the changes of {@code user-profile} with {@link #LIFECYCLE}: {@code row} (default) or
     * {@code debezium}, as for a declarative lifecycle domain.
     */
    public static final String CHANGE_FORMAT = "change_format";

    /**
     * Whether the {@code account_takeover} scenario of {@code transaction} follows the user-profile lifecycle of the
     * same seed ({@code transaction} only); {@code true} or {@code false}, default {@code false}. With {@code true} a
     * takeover happens only within {@code 14} days after an e-mail or phone change of the user (the last change of
     * the profile before the transaction), as {@code user-profile} with {@link #LIFECYCLE} and the same seed,
     * {@link #USER_ID_MIN}, {@link #USER_ID_MAX} and {@link #SIGNUP_BETWEEN} makes it.
     */
    public static final String PROFILE_LIFECYCLE = "profile_lifecycle";

    /**
     * When the profiles of {@code user-profile} with {@link #LIFECYCLE} (and those {@code transaction} with
     * {@link #PROFILE_LIFECYCLE} follows) sign up (their creation, the first change):
     * {@code FROM..TO}, two ISO-8601 instants; default: the 730 days before the start of the emulation clock's UTC
     * day. Set it when a change stream and its snapshot are made on different days, or to place them in a backfill.
     */
    public static final String SIGNUP_BETWEEN = "signup_between";

    /** Default of {@link #USER_ID_MIN}. */
    public static final long DEFAULT_USER_ID_MIN = 1000;

    /** Default of {@link #USER_ID_MAX}. */
    public static final long DEFAULT_USER_ID_MAX = 9999;

    /** Default of {@link #LOCALE}. */
    public static final String DEFAULT_LOCALE = "en-US";

    private FactoryOptions() {
    }
}
