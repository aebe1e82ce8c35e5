package dev.dataemulator.benchmarks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * The baseline of the generation benchmark: records made the way a first-time Datafaker user writes it, one
 * {@link Faker}, one Faker call per field, the record as a {@code Map} and Jackson's {@link ObjectMapper} for the
 * JSON envelope. Same field names and envelope as the emulator's domains, so the JSON is of comparable size. Not
 * thread-safe: one instance per thread.
 */
public final class NaiveGenerators {
    private static final String[] SCENARIOS = {"account_takeover", "card_testing", "merchant_collusion",
        "geographic_anomaly", "baseline_fraud"};
    private static final String[] RISK = {"low", "medium", "high"};
    private static final String[] DEVICE_TYPES = {"mobile", "desktop", "tablet"};

    private final Faker faker = new Faker();
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param domain {@code transaction}, {@code user-profile} or {@code device-log}
     * @return a maker of encoded envelopes of that domain
     */
    public Supplier<byte[]> jsonMaker(String domain) {
        return switch (domain) {
            case "transaction" -> () -> envelope(transaction());
            case "user-profile" -> () -> envelope(userProfile());
            case "device-log" -> () -> envelope(deviceLog());
            default -> throw new IllegalArgumentException("no naive generator for '" + domain + "'");
        };
    }

    private byte[] envelope(Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("emulation_id", "naive");
        envelope.put("timestamp", Instant.now().getEpochSecond());
        envelope.put("data", data);
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> transaction() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transaction_id", faker.internet().uuid());
        data.put("user_id", faker.number().numberBetween(1000, 9999));
        data.put("amount", faker.number().randomDouble(2, 1, 10_000));
        data.put("currency", "USD");
        data.put("merchant", faker.company().name());
        data.put("timestamp", faker.timeAndDate().past(1, TimeUnit.HOURS).toString());
        data.put("location", faker.address().countryCode());
        boolean fraud = faker.number().numberBetween(0, 100) < 2;
        data.put("is_fraud", fraud ? 1 : 0);
        data.put("fraud_scenario", fraud ? faker.options().option(SCENARIOS) : null);
        return data;
    }

    private Map<String, Object> userProfile() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", faker.number().numberBetween(1000, 9999));
        data.put("name", faker.name().fullName());
        data.put("email", faker.internet().emailAddress());
        data.put("phone", faker.phoneNumber().cellPhone());
        data.put("date_of_birth", faker.timeAndDate().birthday().toString());
        data.put("address", faker.address().fullAddress());
        data.put("country", faker.address().countryCode());
        data.put("signup_date", faker.timeAndDate().past(730, TimeUnit.DAYS).toString().substring(0, 10));
        data.put("credit_score", faker.number().randomDouble(2, 300, 850));
        data.put("risk_level", faker.options().option(RISK));
        return data;
    }

    private Map<String, Object> deviceLog() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("log_id", faker.internet().uuid());
        data.put("user_id", faker.number().numberBetween(1000, 9999));
        data.put("device_id", faker.internet().uuid());
        data.put("device_type", faker.options().option(DEVICE_TYPES));
        data.put("os", faker.device().platform());
        data.put("ip_address", faker.internet().ipV4Address());
        data.put("location", faker.address().countryCode());
        data.put("user_agent", faker.internet().userAgent());
        Instant login = faker.timeAndDate().past(1, TimeUnit.HOURS);
        data.put("login_timestamp", login.toString());
        data.put("logout_timestamp", faker.bool().bool() ? login.plusSeconds(600).toString() : null);
        return data;
    }
}
