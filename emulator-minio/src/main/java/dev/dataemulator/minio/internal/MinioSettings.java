package dev.dataemulator.minio.internal;

import dev.dataemulator.core.support.SinkConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code minio} store's own settings, the connection's; the shared object-sink settings are core's
 * {@code ObjectSinkSettings}.
 *
 * @param endpoint the server URL with scheme ({@code http://host:port}); {@code null} when a client was given and no
 *     endpoint was named for messages
 * @param accessKey the access key, {@code null} with a given client
 * @param secretKey the secret key, {@code null} with a given client; never shown
 * @param region the region, {@code null} to let the client discover it
 * @param connectTimeout TCP connect timeout, {@code null} with a given client
 * @param requestTimeout socket read/write inactivity timeout, {@code null} with a given client
 */
public record MinioSettings(String endpoint, String accessKey, String secretKey, String region,
        Duration connectTimeout, Duration requestTimeout) {

    static final String ENDPOINT = "endpoint";
    static final String ACCESS_KEY = "access_key";
    static final String SECRET_KEY = "secret_key";
    static final String SECURE = "secure";
    static final String REGION = "region";
    static final String CONNECT_TIMEOUT = "connect_timeout";
    static final String REQUEST_TIMEOUT = "request_timeout";

    /** Every key the store reads. */
    public static final List<String> KEYS = List.of(ENDPOINT, ACCESS_KEY, SECRET_KEY, SECURE, REGION,
            CONNECT_TIMEOUT, REQUEST_TIMEOUT);

    /**
     * Reads the connection settings without contacting any server, recording every problem in {@code c}.
     *
     * @param c the sink's settings
     * @param clientGiven whether the caller supplies its own client: connection keys are then refused (only
     *     {@code endpoint} is accepted, to name the server in messages)
     * @return the settings; meaningful only when {@code c} validates
     */
    public static MinioSettings read(SinkConfig c, boolean clientGiven) {
        if (clientGiven) {
            for (String key : KEYS) {
                String value = key.equals(ENDPOINT) ? null : c.optional(key);
                if (value != null) {
                    c.violation(key, value, "is not used when the sink is given a MinioClient: configure the "
                            + "client instead");
                }
            }
            return new MinioSettings(c.optional(ENDPOINT), null, null, null, null, null);
        }
        String endpoint = endpoint(c);
        String accessKey = c.required(ACCESS_KEY);
        String secretKey = c.required(SECRET_KEY);
        String region = c.optional(REGION);
        Duration connectTimeout = c.duration(CONNECT_TIMEOUT, Duration.ofSeconds(10));
        Duration requestTimeout = c.duration(REQUEST_TIMEOUT, Duration.ofSeconds(60));
        return new MinioSettings(endpoint, accessKey, secretKey, region, connectTimeout, requestTimeout);
    }

    private static String endpoint(SinkConfig c) {
        String raw = c.required(ENDPOINT);
        String secureText = c.optional(SECURE);
        boolean secure = c.bool(SECURE, false);
        if (raw == null) {
            return null;
        }
        String text = raw.contains("://") ? raw : (secure ? "https://" : "http://") + raw;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            c.violation(ENDPOINT, raw, "expected a URL such as http://localhost:9000 or host:port");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            c.violation(ENDPOINT, raw, "expected a URL such as http://localhost:9000 or host:port");
            return null;
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            c.violation(ENDPOINT, raw, "must not contain a path: the bucket is chosen by the emulation");
            return null;
        }
        if (secureText != null && raw.contains("://") && secure != scheme.equals("https")) {
            c.violation(SECURE, secureText, "contradicts the scheme of endpoint '" + raw + "'");
        }
        return scheme + "://" + uri.getRawAuthority();
    }

    /** @return whether the endpoint speaks HTTPS */
    public boolean secure() {
        return endpoint != null && endpoint.startsWith("https://");
    }

    /** @return the settings with the secret key masked */
    @Override
    public String toString() {
        return "endpoint=" + endpoint + ", access_key=" + accessKey + ", secret_key="
                + (secretKey == null ? null : "****") + ", region=" + region + ", connect_timeout=" + connectTimeout
                + ", request_timeout=" + requestTimeout;
    }
}
