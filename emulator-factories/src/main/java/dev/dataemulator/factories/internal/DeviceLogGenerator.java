package dev.dataemulator.factories.internal;

import dev.dataemulator.core.support.Seeding;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Shared state of the device-log domain for one emulation. Every user owns one to three devices derived from the seed
 * and the user id; a device keeps its id, type, operating system and user agent in every log. Thread-safe.
 */
public final class DeviceLogGenerator implements DomainGenerator {
    /** Share of logs made in the user's home country. */
    public static final double HOME_LOCATION_SHARE = 0.90;
    /** Share of sessions that have ended (a logout timestamp). */
    public static final double LOGOUT_SHARE = 0.70;

    private static final int MOBILE = 0;
    private static final int DESKTOP = 1;
    private static final int TABLET = 2;
    private static final String[] TYPES = {"mobile", "desktop", "tablet"};
    private static final int ANDROID = 0;
    private static final int IOS = 1;
    private static final int WINDOWS = 2;
    private static final int MACOS = 3;
    private static final int LINUX = 4;
    private static final String[] SYSTEMS = {"Android", "iOS", "Windows", "macOS", "Linux"};
    private static final int[] FIRST_OCTETS = publicFirstOctets();
    /** The fields of a device log, as {@link dev.dataemulator.factories.DeviceLogProvider} lists them. */
    public static final RecordSchema SCHEMA = RecordSchema.builder("device-log")
            .required("log_id", FieldType.UUID, "random version 4 UUID")
            .required("user_id", FieldType.LONG, "a user of the shared user space")
            .required("device_id", FieldType.UUID, "stable per user and device")
            .required("device_type", FieldType.STRING, "mobile, desktop or tablet")
            .required("os", FieldType.STRING)
            .required("ip_address", FieldType.STRING, "public IPv4 address")
            .required("location", FieldType.STRING, "ISO 3166 alpha-2 country code")
            .required("user_agent", FieldType.STRING)
            .required("login_timestamp", FieldType.TIMESTAMP, "whole seconds")
            .optional("logout_timestamp", FieldType.TIMESTAMP, "null while the session is open")
            .build();

    private final Universe universe;
    private final Clock clock;
    private final long deviceCountKey;
    private final long deviceKey;
    /** User agents by [type][os]; null where the combination does not occur. */
    private final String[][][] agents = new String[3][5][];

    /**
     * @param universe the seed's universe
     * @param clock the emulation clock
     */
    public DeviceLogGenerator(Universe universe, Clock clock) {
        this.universe = universe;
        this.clock = clock;
        this.deviceCountKey = Seeding.derive(universe.seed(), "device-count");
        this.deviceKey = Seeding.derive(universe.seed(), "devices");
        String[] pool = Pools.userAgents(universe.seed(), 1500);
        String[] models = Pools.androidModels(universe.seed(), 60);
        String[] chrome = chromeVersions(pool);
        agents[MOBILE][IOS] = orElse(Pools.select(pool, List.of("iPhone"), List.of()),
                "Mozilla/5.0 (iPhone; CPU iPhone OS 12_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/12.0 Mobile/15E148 Safari/604.1");
        agents[TABLET][IOS] = orElse(Pools.select(pool, List.of("iPad"), List.of()),
                "Mozilla/5.0 (iPad; CPU OS 9_3_5 like Mac OS X) AppleWebKit/601.1.46 (KHTML, like Gecko) "
                        + "Version/9.0 Mobile/13G36 Safari/601.1");
        agents[MOBILE][ANDROID] = android(models, chrome, true);
        agents[TABLET][ANDROID] = android(models, chrome, false);
        agents[DESKTOP][WINDOWS] = orElse(Pools.select(pool, List.of("Windows NT"), List.of("Phone")),
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/69.0.3497.100 Safari/537.36");
        agents[DESKTOP][MACOS] = orElse(Pools.select(pool, List.of("Macintosh"), List.of()),
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/12.0.1 Safari/605.1.15");
        agents[DESKTOP][LINUX] = orElse(Pools.select(pool, List.of("Linux", "Ubuntu"), List.of("Android")),
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/44.0.2403.157 Safari/537.36");
    }

    private static String[] orElse(String[] selected, String fallback) {
        return selected.length > 0 ? selected : new String[] {fallback};
    }

    /** Android user agents in Chrome's format, with Datafaker device models and the pool's Chrome versions. */
    private static String[] android(String[] models, String[] chrome, boolean mobile) {
        String[] agents = new String[models.length];
        for (int i = 0; i < models.length; i++) {
            agents[i] = "Mozilla/5.0 (Linux; Android " + (10 + i % 5) + "; " + models[i]
                    + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + chrome[i % chrome.length]
                    + (mobile ? " Mobile" : "") + " Safari/537.36";
        }
        return agents;
    }

    private static String[] chromeVersions(String[] pool) {
        Set<String> versions = new LinkedHashSet<>();
        for (String agent : pool) {
            int at = agent.indexOf("Chrome/");
            if (at >= 0) {
                int end = agent.indexOf(' ', at);
                versions.add(agent.substring(at + 7, end < 0 ? agent.length() : end));
            }
        }
        return versions.isEmpty() ? new String[] {"69.0.3497.100"} : versions.toArray(String[]::new);
    }

    private static int[] publicFirstOctets() {
        List<Integer> octets = new ArrayList<>();
        for (int a = 1; a <= 223; a++) {
            if (a != 10 && a != 127) {
                octets.add(a);
            }
        }
        return octets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the universe */
    public Universe universe() {
        return universe;
    }

    @Override
    public RecordFactory newFactory() {
        return this::create;
    }

    @Override
    public Optional<RecordSchema> schema() {
        return Optional.of(SCHEMA);
    }

    private RecordData create(long seq, SplittableRandom r) {
        String logId = Text.uuid(r.nextLong(), r.nextLong());
        long userId = universe.users().randomId(r);
        int devices = 1 + (int) ((Seeding.mix(deviceCountKey ^ userId) >>> 1) % 3);
        long device = Seeding.mix(deviceKey + userId * 4 + r.nextInt(devices));
        double typeU = Seeding.unit(device);
        int type = typeU < 0.6 ? MOBILE : typeU < 0.9 ? DESKTOP : TABLET;
        double osU = Seeding.unit(Seeding.mix(device ^ 1));
        int os = switch (type) {
            case MOBILE -> osU < 0.55 ? ANDROID : IOS;
            case TABLET -> osU < 0.6 ? IOS : ANDROID;
            default -> osU < 0.75 ? WINDOWS : osU < 0.95 ? MACOS : LINUX;
        };
        String[] choices = agents[type][os];
        String agent = choices[(int) ((Seeding.mix(device ^ 2) >>> 1) % choices.length)];
        String deviceId = Text.uuid(device, Seeding.mix(device ^ 3));

        int bits = r.nextInt();
        String ip = Text.ipv4(FIRST_OCTETS[r.nextInt(FIRST_OCTETS.length)], bits & 0xff, (bits >>> 8) & 0xff,
                1 + ((bits >>> 16) & 0xff) % 254);
        String location = r.nextDouble() < HOME_LOCATION_SHARE
                ? universe.homeCountry(userId) : universe.randomCountry(r);
        long login = Math.floorDiv(clock.millis(), 1000L) - r.nextInt(3600);
        long logout = r.nextDouble() < LOGOUT_SHARE ? login + 30 + r.nextInt(3571) : NO_LOGOUT;
        return new DeviceLog(logId, userId, deviceId, TYPES[type], SYSTEMS[os], ip, location, agent,
                login, logout);
    }

    /** {@code logout} of a session still open. */
    private static final long NO_LOGOUT = Long.MIN_VALUE;

    /** One device log; immutable; timestamps in epoch seconds. */
    static final class DeviceLog implements RecordData {
        private final String logId;
        private final long userId;
        private final String deviceId;
        private final String deviceType;
        private final String os;
        private final String ipAddress;
        private final String location;
        private final String userAgent;
        private final long login;
        private final long logout;

        DeviceLog(String logId, long userId, String deviceId, String deviceType, String os, String ipAddress,
                String location, String userAgent, long login, long logout) {
            this.logId = logId;
            this.userId = userId;
            this.deviceId = deviceId;
            this.deviceType = deviceType;
            this.os = os;
            this.ipAddress = ipAddress;
            this.location = location;
            this.userAgent = userAgent;
            this.login = login;
            this.logout = logout;
        }

        @Override
        public String key() {
            return Long.toString(userId);
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("log_id", logId);
            out.integer("user_id", userId);
            out.string("device_id", deviceId);
            out.string("device_type", deviceType);
            out.string("os", os);
            out.string("ip_address", ipAddress);
            out.string("location", location);
            out.string("user_agent", userAgent);
            out.timestamp("login_timestamp", login * 1_000_000L);
            if (logout == NO_LOGOUT) {
                out.nullValue("logout_timestamp");
            } else {
                out.timestamp("logout_timestamp", logout * 1_000_000L);
            }
        }
    }
}
