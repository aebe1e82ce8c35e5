package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.declarative.internal.DeclarativeProvider;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The words that relate records and fields: per_parent, child_index, after, hours, weekdays, cases, locale. */
class RelationsTest {
    private static final long SEED = 5;

    private static final String SHOP = """
            version: 1
            domains:
              orders:
                count: 1000
                key: order_id
                fields:
                  order_id: {unique: {min: 1, max: 999999}}
              lines:
                key: line_id
                fields:
                  line_id: {unique: {min: 1}}
                  order_id: {ref: {domain: orders, field: order_id, per_parent: {min: 1, max: 7}}}
                  line_no: {child_index: {}}
              boxes:
                fields:
                  order_id: {ref: {domain: orders, field: order_id, per_parent: 2}}
                  box_no: {child_index: {}}
            """;

    @Test
    void everyParentGetsItsChildrenInTurnNumberedFromOne() {
        List<DomainProvider> domains = DeclarativeDomains.parse(SHOP);
        DomainProvider lines = Records.provider(domains, "lines");
        assertThat(((DeclarativeProvider) lines).count()).isEqualTo(-1); // follows from the seed
        long capacity = Records.open(lines, SEED).capacity();
        List<Map<String, Object>> records = Records.maps(lines, SEED, Integer.MAX_VALUE);
        assertThat(records).hasSize((int) capacity);
        List<Map<String, Object>> orders = Records.maps(Records.provider(domains, "orders"), SEED, 2000);
        assertThat(orders).hasSize(1000);
        // walk the lines: each order's lines are adjacent, in parent order, numbered 1..k with k in 1..7
        Map<Object, Integer> children = new HashMap<>();
        int parent = -1;
        Object previous = null;
        for (Map<String, Object> line : records) {
            long lineNo = (Long) line.get("line_no");
            if (lineNo == 1) {
                parent++;
                assertThat(line.get("order_id")).isEqualTo(orders.get(parent).get("order_id"));
            } else {
                assertThat(line.get("order_id")).isEqualTo(previous);
            }
            children.merge(line.get("order_id"), 1, Integer::sum);
            assertThat(lineNo).isEqualTo(children.get(line.get("order_id")).longValue());
            previous = line.get("order_id");
        }
        assertThat(parent).isEqualTo(999);
        assertThat(children).hasSize(1000);
        assertThat(children.values()).allSatisfy(k -> assertThat(k).isBetween(1, 7));
        assertThat(children.values().stream().distinct().count()).isEqualTo(7);
        assertThat(records.stream().map(r -> r.get("line_id")).distinct().count()).isEqualTo(records.size());
        // another seed lays out other numbers of children; the same seed the same
        assertThat(Records.maps(lines, SEED, Integer.MAX_VALUE)).isEqualTo(records);
        assertThat(Records.open(lines, SEED + 1).capacity()).isNotEqualTo(capacity);

        DomainProvider boxes = Records.provider(domains, "boxes");
        assertThat(((DeclarativeProvider) boxes).count()).isEqualTo(2000);
        List<Map<String, Object>> box = Records.maps(boxes, SEED, 3000);
        assertThat(box).hasSize(2000);
        for (int i = 0; i < box.size(); i++) {
            assertThat(box.get(i).get("order_id")).isEqualTo(orders.get(i / 2).get("order_id"));
            assertThat(box.get(i).get("box_no")).isEqualTo((long) (i % 2 + 1));
        }
    }

    private static List<Map<String, Object>> records(int count, String... fields) {
        return Records.ofFields(SEED, count, fields);
    }

    @Test
    void afterKeepsAFieldWithinItsRangeOfAnotherWhicheverComesFirstInTheDefinition() {
        List<Map<String, Object>> records = records(5_000,
                "opened: {timestamp: {after: {field: signup, min: 1h, max: 30d}}}",
                "signup: {timestamp: {between: [\"2020-01-01\", \"2024-12-31\"]}}",
                "first_day: {date: {after: {field: signup_day, min: 0d, max: 7d}}}",
                "signup_day: {date: {between: [\"2020-01-01\", \"2020-01-31\"]}}",
                "day_of: {date: {after: {field: signup}}}");
        Set<Long> gaps = new HashSet<>();
        for (Map<String, Object> r : records) {
            Instant signup = (Instant) r.get("signup");
            Instant opened = (Instant) r.get("opened");
            assertThat(opened).isBetween(signup.plus(Duration.ofHours(1)), signup.plus(Duration.ofDays(30)));
            LocalDate day = (LocalDate) r.get("signup_day");
            assertThat((LocalDate) r.get("first_day")).isBetween(day, day.plusDays(7));
            gaps.add(((LocalDate) r.get("first_day")).toEpochDay() - day.toEpochDay());
            assertThat(r.get("day_of")).isEqualTo(signup.atZone(ZoneOffset.UTC).toLocalDate());
        }
        assertThat(gaps).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void hoursAndWeekdaysKeepTimestampsInTheirDailyWindowOverAnySpan() {
        List<Map<String, Object>> records = records(10_000,
                "paid: {timestamp: {between: [\"2024-01-01\", \"2024-12-31\"], hours: [9, 17], "
                        + "weekdays: [mon, tue, wed, thu, fri]}}",
                "signup: {timestamp: {between: [\"2024-01-01\", \"2024-06-30\"]}}",
                "visit: {timestamp: {after: {field: signup, min: 0s, max: 2d}, hours: [20, 22]}}");
        Set<LocalDate> days = new HashSet<>();
        int[] perHour = new int[24];
        for (Map<String, Object> r : records) {
            ZonedDateTime paid = ((Instant) r.get("paid")).atZone(ZoneOffset.UTC);
            assertThat(paid.getHour()).isBetween(9, 16);
            assertThat(paid.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            days.add(paid.toLocalDate());
            perHour[paid.getHour()]++;
            Instant signup = (Instant) r.get("signup");
            Instant visit = (Instant) r.get("visit");
            assertThat(visit).isAfterOrEqualTo(signup);
            assertThat(visit.atZone(ZoneOffset.UTC).getHour()).isBetween(20, 21);
        }
        assertThat(days).hasSizeGreaterThan(250); // the 262 weekdays of 2024, nearly all
        for (int hour = 9; hour < 17; hour++) {
            assertThat(perHour[hour]).isBetween(1_000, 1_500); // 10,000 / 8 = 1,250 each
        }
    }

    @Test
    void expressionsMoveDatesAndTimestampsByDurations() {
        List<Map<String, Object>> records = records(500,
                "signup_date: {date: {between: [\"2020-01-01\", \"2024-12-31\"]}}",
                "signup_at: {timestamp: {between: [\"2020-01-01\", \"2024-12-31\"]}}",
                "due: {expr: \"signup_date + 30d\", type: date}",
                "reminder: {expr: \"signup_at - 1d + 90m\", type: timestamp}",
                "due_at: {expr: \"signup_date + 14d\", type: timestamp}",
                "late: {expr: \"due > '2024-06-30'\", type: boolean}");
        for (Map<String, Object> r : records) {
            LocalDate signup = (LocalDate) r.get("signup_date");
            assertThat(r.get("due")).isEqualTo(signup.plusDays(30));
            assertThat(r.get("reminder")).isEqualTo(((Instant) r.get("signup_at")).minus(Duration.ofDays(1))
                    .plus(Duration.ofMinutes(90)));
            assertThat(r.get("due_at")).isEqualTo(signup.plusDays(14).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(r.get("late")).isEqualTo(signup.plusDays(30).isAfter(LocalDate.of(2024, 6, 30)));
        }
    }

    private static final String[] CASES = {
        "is_fraud: {boolean: {p: 0.1}}",
        "tier: {weighted: {gold: 1, silver: 1, bronze: 2}}",
        "qty: {int: {min: 1, max: 10}}",
        "amount: {cases: [{when: \"is_fraud\", then: {decimal: {min: 2000, max: 9000}}}, "
                + "{when: \"tier in ['gold', 'silver'] and not qty < 5\", then: {decimal: {min: 500, max: 999.99}}}, "
                + "{else: {decimal: {min: 1, max: 100}}}]}",
        "label: {cases: [{when: \"qty >= 9 or tier == 'bronze'\", then: {constant: big}}, "
                + "{else: {template: \"{tier}-{qty}\"}}]}"};

    @Test
    void casesTakeTheBranchOfTheFirstConditionThatHolds() {
        List<Map<String, Object>> records = records(10_000, CASES);
        int fraud = 0;
        int middle = 0;
        for (Map<String, Object> r : records) {
            BigDecimal amount = (BigDecimal) r.get("amount");
            String tier = (String) r.get("tier");
            long qty = (Long) r.get("qty");
            if ((Boolean) r.get("is_fraud")) {
                fraud++;
                assertThat(amount).isBetween(new BigDecimal("2000"), new BigDecimal("9000"));
            } else if ((tier.equals("gold") || tier.equals("silver")) && qty >= 5) {
                middle++;
                assertThat(amount).isBetween(new BigDecimal("500"), new BigDecimal("999.99"));
            } else {
                assertThat(amount).isBetween(BigDecimal.ONE, new BigDecimal("100"));
            }
            assertThat(r.get("label")).isEqualTo(qty >= 9 || tier.equals("bronze") ? "big" : tier + "-" + qty);
        }
        assertThat(fraud).isBetween(800, 1_200);
        assertThat(middle).isBetween(2_450, 2_950); // not fraud 0.9 x gold or silver 0.5 x qty >= 5 0.6 = 0.27
        DomainProvider domain = DeclarativeDomains.parse("version: 1\ndomains:\n  d:\n    fields:\n      "
                + String.join("\n      ", CASES) + "\n").get(0);
        FieldType amountType = ((DeclarativeProvider) domain).schema().field("amount").orElseThrow().type();
        assertThat(amountType).isEqualTo(FieldType.decimal(6, 2)); // the widest branch's precision
        // a value is a function of (seed, seq, field path): records made in reverse order are the same
        RecordFactory factory = Records.open(domain, SEED).newFactory();
        List<Map<String, Object>> reversed = new ArrayList<>();
        for (int seq = 999; seq >= 0; seq--) {
            reversed.add(0, Records.toMap(Records.create(factory, "d", SEED, seq)));
        }
        assertThat(reversed).isEqualTo(records.subList(0, 1_000));
    }

    @Test
    void aDomainOrAFakerFieldSpeaksItsLocale() {
        List<DomainProvider> domains = DeclarativeDomains.parse("""
                version: 1
                domains:
                  d:
                    locale: ja
                    fields:
                      name: {faker: "#{Name.lastName}"}
                      city: {faker: {expression: "#{Address.city}", locale: de, pool: 50}}
                      english: {faker: {expression: "#{Name.lastName}", locale: en}}
                """);
        List<Map<String, Object>> records = Records.maps(domains.get(0), SEED, 300);
        assertThat(records).allSatisfy(r -> assertThat((String) r.get("name"))
                .matches(".*[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}].*"));
        assertThat(records).allSatisfy(r -> assertThat((String) r.get("english")).matches("[A-Za-z' -]+"));
        Set<String> cities = new HashSet<>();
        records.forEach(r -> cities.add((String) r.get("city")));
        Set<String> english = new HashSet<>();
        net.datafaker.Faker faker = new net.datafaker.Faker(java.util.Locale.ENGLISH, new java.util.Random(1));
        for (int i = 0; i < 2_000; i++) {
            english.add(faker.address().city());
        }
        assertThat(cities).hasSizeGreaterThan(10);
        assertThat(cities).noneMatch(english::contains);
        assertThat(Records.maps(domains.get(0), SEED, 300)).isEqualTo(records);
    }

    @Test
    void theJavaBuilderWritesTheNewWordsAsTheYamlDoes() {
        String yaml = """
                version: 1
                domains:
                  customers:
                    count: 200
                    locale: fr
                    fields:
                      id: {sequence: {}}
                      name: {faker: "#{Name.lastName}"}
                      signup_at: {timestamp: {between: ["2024-01-01", "2024-12-31"]}}
                  orders:
                    fields:
                      customer_id: {ref: {domain: customers, field: id, per_parent: {min: 0, max: 4}}}
                      n: {child_index: {}}
                      signup_at: {ref: {domain: customers, field: signup_at, same_as: customer_id}}
                      at: {timestamp: {after: {field: signup_at, min: 1h, max: 10d}, hours: [9, 17], weekdays: [sat]}}
                      day: {date: {after: {field: at, min: 0d, max: 2d}}}
                      vip: {boolean: {p: 0.3}}
                      city: {faker: {expression: "#{Address.city}", locale: ja}}
                      amount: {cases: [{when: "vip and n > 1", then: {int: {min: 100, max: 200}}}, {else: {int: {}}}]}
                  lines:
                    fields:
                      customer_id: {ref: {domain: orders, field: customer_id, per_parent: 2}}
                      n: {child_index: {}}
                """;
        Map<String, Gen> vip = new java.util.LinkedHashMap<>();
        vip.put("vip and n > 1", Gen.integer(100, 200));
        List<DomainProvider> built = DeclarativeDomains.of(
                DeclarativeDomain.builder("customers").count(200).locale("fr")
                        .field("id", Gen.sequence(0, 1))
                        .field("name", Gen.faker("#{Name.lastName}"))
                        .field("signup_at", Gen.timestampBetween("2024-01-01", "2024-12-31")).build(),
                DeclarativeDomain.builder("orders")
                        .field("customer_id", Gen.ref("customers", "id").perParent(0, 4))
                        .field("n", Gen.childIndex())
                        .field("signup_at", Gen.ref("customers", "signup_at").sameAs("customer_id"))
                        .field("at", Gen.timestampAfter("signup_at", "1h", "10d").hours(9, 17).weekdays("sat"))
                        .field("day", Gen.dateAfter("at", "0d", "2d"))
                        .field("vip", Gen.bool(0.3))
                        .field("city", Gen.faker("#{Address.city}").locale("ja"))
                        .field("amount", Gen.cases(vip, Gen.integer(0, 100))).build(),
                DeclarativeDomain.builder("lines")
                        .field("customer_id", Gen.ref("orders", "customer_id").perParent(2, 2))
                        .field("n", Gen.childIndex()).build());
        List<DomainProvider> parsed = DeclarativeDomains.parse(yaml);
        for (String domain : List.of("customers", "orders", "lines")) {
            List<Map<String, Object>> expected = Records.maps(Records.provider(parsed, domain), SEED, 5_000);
            assertThat(Records.maps(Records.provider(built, domain), SEED, 5_000)).as(domain).isEqualTo(expected);
        }
        // grandchildren: two lines per order, grouped by order in the orders' own order
        List<Map<String, Object>> orders = Records.maps(Records.provider(parsed, "orders"), SEED, 5_000);
        List<Map<String, Object>> lines = Records.maps(Records.provider(parsed, "lines"), SEED, 20_000);
        assertThat(lines).hasSize(2 * orders.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("customer_id")).isEqualTo(orders.get(i / 2).get("customer_id"));
        }
        // per_parent min 0: some customers have no orders, the others follow in customer order
        Set<Object> ordering = new java.util.LinkedHashSet<>();
        orders.forEach(o -> ordering.add(o.get("customer_id")));
        assertThat(ordering).hasSizeBetween(140, 180); // 4 in 5 customers have at least one order
        assertThat(new ArrayList<>(ordering)).isSorted();
        assertThat(orders).allSatisfy(o -> assertThat(((Instant) o.get("at")).atZone(ZoneOffset.UTC)
                .getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY));
    }
}
