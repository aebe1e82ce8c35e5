package dev.dataemulator.factories;

import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.factories.internal.DeviceLogGenerator;
import dev.dataemulator.factories.internal.Options;
import dev.dataemulator.factories.internal.Universe;
import java.util.Optional;

/**
 * Domain {@value #NAME}: login sessions of users' devices, written to {@code device-logs} by default; keyed by
 * {@code user_id} (as a string).
 *
 * <p>Each user owns one to three devices fixed by the seed; a device keeps its id, type, operating system and user
 * agent in every log, so logs of one user show a stable set of devices.
 *
 * <h2>Fields, in this order</h2>
 * The domain declares them as its {@link dev.dataemulator.core.spi.RecordSchema} (types in parentheses).
 * <ul>
 *   <li>{@code log_id} (uuid): a random version 4 UUID;</li>
 *   <li>{@code user_id} (long): a user of the shared user space;</li>
 *   <li>{@code device_id} (uuid): the device's UUID;</li>
 *   <li>{@code device_type} (string): {@code mobile} (60%), {@code desktop} (30%) or {@code tablet} (10%);</li>
 *   <li>{@code os} (string): {@code Android} or {@code iOS} for mobiles and tablets, {@code Windows},
 *       {@code macOS} or {@code Linux} for desktops;</li>
 *   <li>{@code ip_address} (string): a dotted-quad IPv4 address outside 0/8, 10/8, 127/8 and multicast;</li>
 *   <li>{@code location} (string): ISO 3166 alpha-2 code, the user's home country for 90% of logs;</li>
 *   <li>{@code user_agent} (string): a Datafaker browser user agent matching the operating system (Android agents
 *       are composed from Datafaker device models);</li>
 *   <li>{@code login_timestamp} (timestamp; in JSON an ISO-8601 UTC instant, whole seconds): within the hour before the clock's now;</li>
 *   <li>{@code logout_timestamp} (nullable timestamp): for 70% of logs 30..3600 s after the login, else {@code null}
 *       (the session is still open).</li>
 * </ul>
 *
 * <h2>Options</h2>
 * {@link FactoryOptions#USER_ID_MIN}, {@link FactoryOptions#USER_ID_MAX} and {@link FactoryOptions#LOCALE}; any
 * other key is rejected.
 *
 * <p>Cheap to construct; {@link #open(DomainContext)} builds the user agent pool.
 */
public final class DeviceLogProvider implements DomainProvider {
    /** The domain name. */
    public static final String NAME = "device-log";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public DeviceLogProvider() {
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code device-logs} */
    @Override
    public Optional<String> defaultResource() {
        return Optional.of("device-logs");
    }

    /**
     * @throws dev.dataemulator.core.InvalidSettingException when an option is unknown or its value invalid
     */
    @Override
    public DomainGenerator open(DomainContext context) {
        Options options = Options.parse(NAME, context.options(), Options.COMMON);
        return new DeviceLogGenerator(new Universe(context.seed(), options), context.clock());
    }

    @Override
    public String toString() {
        return "DeviceLogProvider[" + NAME + "]";
    }
}
