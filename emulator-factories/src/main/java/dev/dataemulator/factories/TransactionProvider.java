package dev.dataemulator.factories;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.factories.internal.Options;
import dev.dataemulator.factories.internal.TransactionGenerator;
import dev.dataemulator.factories.internal.Universe;
import dev.dataemulator.factories.internal.UserProfileLifecycle;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Domain {@value #NAME}: card transactions with fraud labels, written to {@code transactions} by default; keyed by
 * {@code transaction_id}.
 *
 * <h2>Fields, in this order</h2>
 * The domain declares them as its {@link dev.dataemulator.core.spi.RecordSchema} (types in parentheses).
 * <ul>
 *   <li>{@code transaction_id} (uuid): a random version 4 UUID;</li>
 *   <li>{@code user_id} (long): a user of the shared user space (see {@link FactoryOptions#USER_ID_MIN});</li>
 *   <li>{@code amount} (decimal(12,2)): 0.01..10000.00, written with both decimals ({@code 12.50});</li>
 *   <li>{@code currency} (string): the ISO 4217 code of the {@code location}'s currency ({@code US → USD},
 *       {@code DE → EUR}, {@code GB → GBP}, ...), {@code USD} for a territory without one of its own;</li>
 *   <li>{@code merchant} (string): a Datafaker company name, or one of the high-risk merchants {@code QuickCash},
 *       {@code PaydayLoan}, {@code LoanShark};</li>
 *   <li>{@code timestamp} (timestamp; in JSON an ISO-8601 UTC instant, whole seconds): uniform over the 3300 s (55
 *       minutes) up to the record's event time (the emulation clock's now, live), never after it;</li>
 *   <li>{@code location} (string): ISO 3166 alpha-2 country code, the user's home country for 95% of the base
 *       transactions;</li>
 *   <li>{@code is_fraud} (int, 0 or 1): the observed, noisy fraud label;</li>
 *   <li>{@code fraud_scenario} (nullable string): the ground-truth scenario, {@code null} for legitimate
 *       transactions.</li>
 * </ul>
 * With option {@link FactoryOptions#LABELS labels=false} the last two fields are omitted, from the records and from
 * the schema ({@link dev.dataemulator.core.spi.DomainGenerator#schema()}); the other fields are the same as with
 * labels.
 *
 * <h2>Base traffic</h2>
 * 0.5% of transactions are card checks: 0.01..1.99 against an account whose {@code user_id % 1000 == 0}. Of the
 * others, 2% are paid to a high-risk merchant (amounts 500.01..8000.00, half of them above 3000) and 98% to a regular
 * merchant, with amounts 0.01..1.99 (3%), 2.00..99.99 (62%, log-uniform), 100.00..500.00 (25%), 500.01..3000.00
 * (8%) and 3000.01..10000.00 (2%). Users are drawn uniformly from the user space.
 *
 * <h2>Fraud scenarios</h2>
 * Checked in this order; the first that fires sets {@code fraud_scenario}:
 * <ol>
 *   <li>{@code account_takeover}: the user is compromised (about 2% of the user space, fixed by the seed) and the
 *       amount is above 500 → with probability 0.30 the amount becomes 500..5000 at a high-risk merchant; with
 *       {@link FactoryOptions#PROFILE_LIFECYCLE profile_lifecycle=true} only within 14 days after an e-mail or
 *       phone change of the user's profile (its last change before the transaction, in {@code user-profile} with
 *       {@code lifecycle=true} of the same seed and options), which makes takeovers about 25 times rarer (about
 *       0.003% of transactions);</li>
 *   <li>{@code card_testing}: amount below 2 and {@code user_id % 1000 == 0} → with probability 0.25 the amount
 *       becomes 0.01..2 and the location {@code US};</li>
 *   <li>{@code merchant_collusion}: high-risk merchant and amount above 3000 → with probability 0.15 the amount
 *       becomes 300..1500;</li>
 *   <li>{@code geographic_anomaly}: {@code user_id % 500 == 0} → with probability 0.10 the location becomes
 *       {@code CN}, {@code GB} or {@code RU};</li>
 *   <li>{@code baseline}: with probability 0.002 the amount becomes 100..2000.</li>
 * </ol>
 * With the default user space about 0.6% of transactions are fraud (account takeover 0.07%, card testing 0.13%,
 * merchant collusion 0.15%, geographic anomaly 0.06%, baseline 0.2%). {@code fraud_scenario} is the ground truth;
 * {@code is_fraud} is the label a real system would observe: a fraud transaction keeps {@code is_fraud = 1} with
 * probability 0.985 and is reported as {@code 0} otherwise (missed fraud), so {@code is_fraud = 0} with a non-null
 * scenario occurs. Legitimate transactions always have {@code is_fraud = 0}: flipping them too would add false
 * positives at twice the real fraud rate and bury the signal.
 *
 * <h2>Options</h2>
 * {@link FactoryOptions#USER_ID_MIN}, {@link FactoryOptions#USER_ID_MAX}, {@link FactoryOptions#LOCALE},
 * {@link FactoryOptions#LABELS}, {@link FactoryOptions#PROFILE_LIFECYCLE} and (with it)
 * {@link FactoryOptions#SIGNUP_BETWEEN}; any other key is rejected.
 *
 * <p>Cheap to construct; {@link #open(DomainContext)} builds the merchant pool (tens of milliseconds).
 */
public final class TransactionProvider implements DomainProvider {
    /** The domain name. */
    public static final String NAME = "transaction";

    private static final Set<String> OPTIONS = options();

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TransactionProvider() {
    }

    private static Set<String> options() {
        Set<String> keys = new HashSet<>(Options.COMMON);
        keys.add(FactoryOptions.LABELS);
        keys.add(FactoryOptions.PROFILE_LIFECYCLE);
        keys.add(FactoryOptions.SIGNUP_BETWEEN);
        return Set.copyOf(keys);
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code transactions} */
    @Override
    public Optional<String> defaultResource() {
        return Optional.of("transactions");
    }

    /**
     * @throws dev.dataemulator.core.InvalidSettingException when an option is unknown or its value invalid
     */
    @Override
    public DomainGenerator open(DomainContext context) {
        Options options = Options.parse(NAME, context.options(), OPTIONS);
        Universe universe = new Universe(context.seed(), options);
        return new TransactionGenerator(universe, context.clock(),
                options.profileLifecycle() ? UserProfileLifecycle.history(universe, context) : null);
    }

    @Override
    public String toString() {
        return "TransactionProvider[" + NAME + "]";
    }
}
