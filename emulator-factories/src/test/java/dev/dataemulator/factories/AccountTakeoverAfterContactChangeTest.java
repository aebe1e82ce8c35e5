package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code profile_lifecycle=true} the {@code transaction} domain's account takeovers follow the user-profile
 * lifecycle of the same seed: each comes within 14 days after an e-mail or phone change of the same user, read here
 * from {@code user-profile}'s own change stream.
 */
class AccountTakeoverAfterContactChangeTest {
    private static final long SEED = 3;
    private static final Duration WINDOW = Duration.ofDays(14);

    /** One change of a profile: when, and the contact details after it. */
    private record Change(Instant time, String email, String phone, String op) {
    }

    /** @return every profile change up to the clock, by user id, in order */
    private static Map<Long, List<Change>> profileChanges() {
        DomainGenerator profiles = Generated.open(new UserProfileProvider(), SEED,
                Map.of(FactoryOptions.LIFECYCLE, "true"));
        RecordFactory factory = profiles.newFactory();
        Map<Long, List<Change>> byUser = new HashMap<>();
        long until = Generated.NOW.toEpochMilli();
        for (long seq = 0; factory.eventMillis(seq) <= until; seq++) {
            RecordData data = factory.create(seq, null);
            Map<String, Object> row = Generated.fields(data);
            byUser.computeIfAbsent((Long) row.get("user_id"), id -> new ArrayList<>())
                    .add(new Change(Instant.ofEpochMilli(factory.eventMillis(seq)), (String) row.get("email"),
                            (String) row.get("phone"), (String) row.get("__op")));
        }
        return byUser;
    }

    /** @return whether the user's last profile change at or before {@code at} is a contact change within 14 days */
    private static boolean followsContactChange(List<Change> changes, Instant at) {
        int last = -1;
        for (int i = 0; i < changes.size() && !changes.get(i).time().isAfter(at); i++) {
            last = i;
        }
        if (last < 1) {
            return false;
        }
        Change change = changes.get(last);
        Change before = changes.get(last - 1);
        boolean contact = !change.op().equals("d")
                && (!change.email().equals(before.email()) || !change.phone().equals(before.phone()));
        return contact && !change.time().isBefore(at.minus(WINDOW));
    }

    private static List<Map<String, Object>> takeovers(Map<String, String> options) {
        List<Map<String, Object>> takeovers = new ArrayList<>();
        for (Map<String, Object> row : Generated.records(Generated.open(new TransactionProvider(), SEED, options),
                SEED, 300_000)) {
            if ("account_takeover".equals(row.get("fraud_scenario"))) {
                takeovers.add(row);
            }
        }
        return takeovers;
    }

    @Test
    void everyTakeoverComesWithinFourteenDaysAfterAnEmailOrPhoneChangeOfTheSameUser() {
        Map<Long, List<Change>> profiles = profileChanges();
        List<Map<String, Object>> linked = takeovers(Map.of(FactoryOptions.PROFILE_LIFECYCLE, "true"));
        assertThat(linked).hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, Object> takeover : linked) {
            List<Change> changes = profiles.get((Long) takeover.get("user_id"));
            assertThat(followsContactChange(changes, Instant.parse((String) takeover.get("timestamp"))))
                    .as("takeover %s after a contact change", takeover).isTrue();
        }
        // without the option, takeovers ignore the profiles: most follow no recent contact change
        List<Map<String, Object>> unlinked = takeovers(Map.of());
        assertThat(unlinked).hasSizeGreaterThan(linked.size() * 5);
        assertThat(unlinked).anySatisfy(takeover -> assertThat(followsContactChange(
                profiles.get((Long) takeover.get("user_id")), Instant.parse((String) takeover.get("timestamp"))))
                .isFalse());
    }
}
