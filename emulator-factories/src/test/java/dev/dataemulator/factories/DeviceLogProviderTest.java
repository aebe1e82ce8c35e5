package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceLogProviderTest {
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final DeviceLogProvider provider = new DeviceLogProvider();

    @Test
    void namesTheDomainAndItsDefaultTopic() {
        assertThat(provider.name()).isEqualTo("device-log");
        assertThat(provider.defaultResource()).contains("device-logs");
    }

    @Test
    void writesTheSeedsFieldsInAStableOrderWithinTheirRanges() {
        List<Map<String, Object>> records = Generated.records(Generated.open(provider, 1, Map.of()), 1, 20_000);
        long now = Generated.NOW.getEpochSecond();
        int open = 0;
        for (Map<String, Object> r : records) {
            assertThat(List.copyOf(r.keySet())).containsExactly("log_id", "user_id", "device_id", "device_type",
                    "os", "ip_address", "location", "user_agent", "login_timestamp", "logout_timestamp");
            assertThat((String) r.get("log_id")).matches(UUID_V4);
            assertThat((Long) r.get("user_id")).isBetween(1000L, 9999L);
            assertThat((String) r.get("device_id")).matches(UUID_V4);
            String type = (String) r.get("device_type");
            String os = (String) r.get("os");
            assertThat(type).isIn("mobile", "desktop", "tablet");
            if (type.equals("desktop")) {
                assertThat(os).isIn("Windows", "macOS", "Linux");
            } else {
                assertThat(os).isIn("Android", "iOS");
            }
            String ip = (String) r.get("ip_address");
            assertThat(ip).matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
            String[] octets = ip.split("\\.");
            for (String octet : octets) {
                assertThat(Integer.parseInt(octet)).isBetween(0, 255);
            }
            assertThat(Integer.parseInt(octets[0])).isBetween(1, 223).isNotIn(10, 127);
            assertThat((String) r.get("location")).matches("[A-Z]{2}");
            String agent = (String) r.get("user_agent");
            assertThat(agent).isNotBlank();
            switch (os) {
                case "Android" -> assertThat(agent).contains("Android");
                case "iOS" -> assertThat(agent).containsAnyOf("iPhone", "iPad");
                case "Windows" -> assertThat(agent).contains("Windows");
                case "macOS" -> assertThat(agent).contains("Mac");
                default -> assertThat(agent).contains("Linux");
            }
            long login = Instant.parse((String) r.get("login_timestamp")).getEpochSecond();
            assertThat(login).isBetween(now - 3600, now);
            Object logout = r.get("logout_timestamp");
            if (logout == null) {
                open++;
            } else {
                assertThat(Instant.parse((String) logout).getEpochSecond() - login).isBetween(30L, 3600L);
            }
        }
        assertThat(open / (double) records.size()).isBetween(0.28, 0.32);
        assertThat(records.stream().map(r -> r.get("os")).distinct()).hasSize(5);
    }

    @Test
    void aDeviceKeepsItsTypeSystemAndAgentAndBelongsToOneUser() {
        List<Map<String, Object>> records = Generated.records(Generated.open(provider, 8, Map.of()), 8, 30_000);
        Map<Object, Map<String, Object>> firstSeen = new HashMap<>();
        Map<Object, java.util.Set<Object>> devicesByUser = new HashMap<>();
        for (Map<String, Object> r : records) {
            Map<String, Object> first = firstSeen.putIfAbsent(r.get("device_id"), r);
            if (first != null) {
                assertThat(r.get("user_id")).isEqualTo(first.get("user_id"));
                assertThat(r.get("device_type")).isEqualTo(first.get("device_type"));
                assertThat(r.get("os")).isEqualTo(first.get("os"));
                assertThat(r.get("user_agent")).isEqualTo(first.get("user_agent"));
            }
            devicesByUser.computeIfAbsent(r.get("user_id"), u -> new java.util.HashSet<>()).add(r.get("device_id"));
        }
        assertThat(devicesByUser.values()).allSatisfy(devices -> assertThat(devices).hasSizeBetween(1, 3));
        assertThat(firstSeen.size()).isLessThan(records.size());
    }

    @Test
    void rejectsOptionsItDoesNotRead() {
        assertThatThrownBy(() -> Generated.open(provider, 1, Map.of("user_id_minimum", "1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'user_id_minimum' = '1'")
                .hasMessageContaining("unknown option of domain 'device-log'")
                .hasMessageContaining("user_id_min");
    }
}
