package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
    private static final long SEED = 11;

    private static List<Map<String, Object>> records(int count, String... fields) {
        return Records.ofFields(SEED, count, fields);
    }

    private static double mean(List<Map<String, Object>> records, String field) {
        return records.stream().mapToDouble(r -> ((Number) r.get(field)).doubleValue()).average().orElseThrow();
    }

    @Test
    void numericDistributionsHaveTheirMeansWithinTolerance() {
        List<Map<String, Object>> records = records(20_000,
                "u: {int: {min: 10, max: 20}}",
                "n: {double: {distribution: normal, mean: 50, stddev: 5}}",
                "ln: {double: {distribution: lognormal, mu: 1.0, sigma: 0.5}}",
                "e: {double: {distribution: exponential, mean: 4}}",
                "p: {long: {distribution: poisson, lambda: 3}}",
                "pl: {long: {distribution: poisson, lambda: 100}}",
                "z: {int: {distribution: zipf, exponent: 1.5, min: 1, max: 1000}}",
                "d: {decimal: {min: 1, max: 3, scale: 3}}");
        assertThat(mean(records, "u")).isCloseTo(15, within(0.1));
        records.forEach(r -> assertThat((Long) r.get("u")).isBetween(10L, 20L));
        assertThat(mean(records, "n")).isCloseTo(50, within(0.2));
        assertThat(mean(records, "ln")).isCloseTo(Math.exp(1.0 + 0.125), within(0.05));
        assertThat(mean(records, "e")).isCloseTo(4, within(0.15));
        assertThat(mean(records, "p")).isCloseTo(3, within(0.05));
        assertThat(mean(records, "pl")).isCloseTo(100, within(0.5));
        long ones = records.stream().filter(r -> (Long) r.get("z") == 1L).count();
        // P(1) = 1 / H(1000, 1.5) ~ 0.385
        assertThat(ones / 20_000.0).isCloseTo(0.385, within(0.02));
        records.forEach(r -> assertThat(((BigDecimal) r.get("d")).scale()).isEqualTo(3));
        assertThat(mean(records, "d")).isCloseTo(2, within(0.02));
    }

    @Test
    void boundsCutTheTailsOfADistribution() {
        List<Map<String, Object>> records = records(5_000,
                "n: {double: {distribution: normal, mean: 0, stddev: 10, min: -1, max: 1}}",
                "size: {array: {size: {distribution: poisson, lambda: 2, max: 4}, items: {constant: 1}}}");
        records.forEach(r -> assertThat((Double) r.get("n")).isBetween(-1.0, 1.0));
        records.forEach(r -> assertThat((List<?>) r.get("size")).hasSizeLessThanOrEqualTo(4));
    }

    @Test
    void sequencesConstantsRegexesAndTemplates() {
        List<Map<String, Object>> records = records(200,
                "id: {sequence: {start: 100, step: 5}}",
                "c: {constant: 2.5}",
                "flag: {constant: true}",
                "ip: {regex: \"(25[0-5]|2[0-4]\\\\d|1?\\\\d?\\\\d)(\\\\.(25[0-5]|2[0-4]\\\\d|1?\\\\d?\\\\d)){3}\"}",
                "word: {regex: \"^[^0-9 ]{2,}x?$\"}",
                "label: {template: \"#{id}: {{{c}}} {seq}\"}");
        for (int seq = 0; seq < records.size(); seq++) {
            Map<String, Object> r = records.get(seq);
            assertThat(r.get("id")).isEqualTo(100L + 5L * seq);
            assertThat(r.get("c")).isEqualTo(2.5);
            assertThat(r.get("flag")).isEqualTo(true);
            assertThat((String) r.get("ip")).matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
            assertThat((String) r.get("word")).matches("[^0-9 ]{2,}x?");
            assertThat(r.get("label")).isEqualTo("#" + (100 + 5 * seq) + ": {2.5} " + seq);
        }
    }

    @Test
    void datesAndTimestampsStayWithinTheirBoundsAndFollowTheClock() {
        List<Map<String, Object>> records = records(2_000,
                "d: {date: {between: [\"2024-02-28\", \"2024-03-01\"]}}",
                "t: {timestamp: {between: [\"2024-01-01T00:00:00Z\", \"2024-01-01\"]}}",
                "recent: {timestamp: {now: {offset: -1h, jitter: 15m}}}",
                "today: {date: {now: {offset: -1d}}}");
        Set<LocalDate> days = new HashSet<>();
        for (Map<String, Object> r : records) {
            days.add((LocalDate) r.get("d"));
            assertThat((Instant) r.get("t")).isBetween(Instant.parse("2024-01-01T00:00:00Z"),
                    Instant.parse("2024-01-01T23:59:59.999999Z"));
            assertThat((Instant) r.get("recent")).isBetween(Instant.parse("2026-06-01T10:45:00Z"),
                    Instant.parse("2026-06-01T11:15:00Z"));
            assertThat(r.get("today")).isEqualTo(LocalDate.parse("2026-05-31"));
        }
        assertThat(days).containsExactlyInAnyOrder(LocalDate.parse("2024-02-28"), LocalDate.parse("2024-02-29"),
                LocalDate.parse("2024-03-01"));
    }

    @Test
    void fakerPoolsHoldAtMostTheirSizeAndFollowTheSeed() {
        List<Map<String, Object>> records = records(3_000,
                "city: {faker: {expression: \"#{Address.city}\", pool: 20}}",
                "full: {faker: \"#{Name.firstName} <#{Internet.emailAddress}>\"}",
                "n: {faker: \"#{Number.numberBetween '1','10'}\"}");
        assertThat(records.stream().map(r -> r.get("city")).distinct().count()).isLessThanOrEqualTo(20);
        assertThat((String) records.get(0).get("full")).matches(".+ <.+@.+>");
        records.forEach(r -> assertThat(Integer.parseInt((String) r.get("n"))).isBetween(1, 9));
    }

    @Test
    void expressionsComputeExactlyAndOverLists() {
        List<Map<String, Object>> records = records(500,
                "a: {int: {min: 1, max: 9}}",
                "b: {decimal: {min: 0, max: 10, scale: 2}}",
                "xs: {array: {size: {min: 0, max: 4}, items: {long: {min: 1, max: 5}}}}",
                "sum: {expr: \"a + b * 2 - 0.5\", type: decimal, scale: 2}",
                "ratio: {expr: \"a / 4\", type: double}",
                "n: {expr: \"count(xs)\", type: int}",
                "top: {expr: \"max(xs) + min(xs) + sum(xs)\", type: long}",
                "mod: {expr: \"a % 2\", type: long}");
        for (Map<String, Object> r : records) {
            long a = (Long) r.get("a");
            BigDecimal b = (BigDecimal) r.get("b");
            assertThat(r.get("sum")).isEqualTo(b.multiply(BigDecimal.valueOf(2)).add(BigDecimal.valueOf(a))
                    .subtract(new BigDecimal("0.5")).setScale(2));
            assertThat((Double) r.get("ratio")).isEqualTo(a / 4.0);
            @SuppressWarnings("unchecked")
            List<Long> xs = (List<Long>) r.get("xs");
            assertThat(r.get("n")).isEqualTo((long) xs.size());
            long expected = xs.isEmpty() ? 0 : xs.stream().mapToLong(Long::longValue).max().orElseThrow()
                    + xs.stream().mapToLong(Long::longValue).min().orElseThrow()
                    + xs.stream().mapToLong(Long::longValue).sum();
            assertThat(r.get("top")).isEqualTo(expected);
            assertThat(r.get("mod")).isEqualTo(a % 2);
        }
    }

    @Test
    void theJavaBuilderMakesTheSameRecordsAsTheYaml() {
        String yaml = "version: 1\n"
                + "domains:\n"
                + "  customers:\n"
                + "    key: customer_id\n"
                + "    count: 1000\n"
                + "    fields:\n"
                + "      customer_id: {unique: {min: 100000, max: 999999}}\n"
                + "      tier: {weighted: {gold: 1, silver: 3, bronze: 6}}\n"
                + "  orders:\n"
                + "    key: order_id\n"
                + "    fields:\n"
                + "      order_id: {uuid: {}}\n"
                + "      customer_id: {ref: {domain: customers, field: customer_id, pick: zipf, exponent: 1.2}}\n"
                + "      tier: {ref: {domain: customers, field: tier, same_as: customer_id}}\n"
                + "      price: {decimal: {distribution: lognormal, mu: 3.0, sigma: 0.7, scale: 2, min: 0.5, max: 5000}}\n"
                + "      note: {faker: \"#{Name.firstName}\", null_rate: 0.25, doc: a name}\n"
                + "      lines: {array: {size: {min: 1, max: 3}, items: {object: {fields: {qty: {int: {min: 1, max: 4}}}}}}}\n"
                + "      qty: {expr: \"sum(lines.qty)\", type: long}\n";
        List<DomainProvider> fromYaml = DeclarativeDomains.parse(yaml);
        List<DomainProvider> fromJava = DeclarativeDomains.of(
                DeclarativeDomain.builder("customers").key("customer_id").count(1000)
                        .field("customer_id", Gen.unique(100_000, 999_999))
                        .field("tier", Gen.weighted(linked("gold", 1, "silver", 3, "bronze", 6)))
                        .build(),
                DeclarativeDomain.builder("orders").key("order_id")
                        .field("order_id", Gen.uuid())
                        .field("customer_id", Gen.ref("customers", "customer_id").zipf(1.2))
                        .field("tier", Gen.ref("customers", "tier").sameAs("customer_id"))
                        .field("price", Gen.decimal(0.5, 5000, 2).distribution("lognormal").with("mu", 3.0)
                                .with("sigma", 0.7))
                        .field("note", Gen.faker("#{Name.firstName}").nullRate(0.25).doc("a name"))
                        .field("lines", Gen.array(1, 3, Gen.object(Map.of("qty", Gen.integer(1, 4)))))
                        .field("qty", Gen.expr("sum(lines.qty)", "long"))
                        .build());
        RecordSchema schema = Records.open(fromJava.get(1), SEED).schema().orElseThrow();
        assertThat(schema).isEqualTo(Records.open(fromYaml.get(1), SEED).schema().orElseThrow());
        assertThat(schema.field("note").orElseThrow().doc()).isEqualTo("a name");
        assertThat(Records.maps(fromJava.get(1), SEED, 500)).isEqualTo(Records.maps(fromYaml.get(1), SEED, 500));
    }

    private static Map<String, Integer> linked(Object... keysAndValues) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void definitionFilesOnTheClassPathAreDiscovered() {
        DomainRegistry registry = DomainRegistry.discover();
        assertThat(registry.domains()).contains("catalog-items");
        assertThat(registry.resourceFor("catalog-items")).isEqualTo("catalog");
        assertThat(registry.schema("catalog-items").field("item_id").orElseThrow().type()).isEqualTo(FieldType.LONG);
    }

    @Test
    void theDeviceLogExampleKeepsEachLogsDeviceConsistentWithItsUser() {
        List<DomainProvider> providers = DeclarativeDomains.load(Records.EXAMPLES.resolve("device-log.yaml"));
        List<Map<String, Object>> devices = Records.maps(Records.provider(providers, "devices"), SEED, 18_000);
        Map<Object, Map<String, Object>> byId = new HashMap<>();
        devices.forEach(d -> byId.put(d.get("device_id"), d));
        List<Map<String, Object>> logs = Records.maps(Records.provider(providers, "device-log-declarative"), SEED, 5_000);
        for (Map<String, Object> log : logs) {
            Map<String, Object> device = byId.get(log.get("device_id"));
            assertThat(device).isNotNull();
            assertThat(log.get("user_id")).isEqualTo(device.get("user_id"));
            assertThat(log.get("os")).isEqualTo(device.get("os"));
            assertThat(log.get("user_agent")).isEqualTo(device.get("user_agent"));
            assertThat((Long) log.get("user_id")).isBetween(1000L, 9999L);
        }
        ToDoubleFunction<String> share = type -> logs.stream().filter(l -> type.equals(l.get("device_type"))).count()
                / (double) logs.size();
        assertThat(share.applyAsDouble("mobile")).isCloseTo(0.6, within(0.03));
        assertThat(logs.stream().filter(l -> l.get("logout_timestamp") == null).count() / 5000.0)
                .isCloseTo(0.3, within(0.03));
    }

    @Test
    void theIotExampleReferencesDevicesThroughATemplatedKey() {
        List<DomainProvider> providers = DeclarativeDomains.load(Records.EXAMPLES.resolve("iot.yaml"));
        Set<Object> ids = new HashSet<>();
        Records.maps(Records.provider(providers, "devices"), SEED, 5_000).forEach(d -> ids.add(d.get("device_id")));
        assertThat(ids).hasSize(5_000);
        for (Map<String, Object> reading : Records.maps(Records.provider(providers, "readings"), SEED, 2_000)) {
            assertThat(ids).contains(reading.get("device_id"));
            @SuppressWarnings("unchecked")
            List<Double> samples = (List<Double>) reading.get("samples");
            assertThat(reading.get("sample_peak")).isEqualTo(samples.stream().mapToDouble(Double::doubleValue).max()
                    .orElseThrow());
        }
    }
}
