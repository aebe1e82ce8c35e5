package dev.dataemulator.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordFactory;
import dev.dataemulator.core.spi.RecordSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EcommerceExampleTest {
    private static final long SEED = 42;
    private static List<DomainProvider> providers;
    private static List<Map<String, Object>> customers;
    private static List<Map<String, Object>> orders;

    @BeforeAll
    static void load() {
        providers = DeclarativeDomains.load(Records.EXAMPLES.resolve("ecommerce.yaml"));
        customers = Records.maps(Records.provider(providers, "customers"), SEED, 30_000);
        orders = Records.maps(Records.provider(providers, "orders"), SEED, 20_000);
    }

    @Test
    void theIssuesExampleLoadsAsTwoDomainsWithTheirResources() {
        assertThat(providers).extracting(DomainProvider::name).containsExactly("customers", "orders");
        assertThat(providers).extracting(p -> p.defaultResource().orElseThrow()).containsExactly("customers", "orders");
    }

    @Test
    void schemasAreTypedAsDeclared() {
        RecordSchema customerSchema = Records.open(Records.provider(providers, "customers"), SEED).schema().orElseThrow();
        assertThat(customerSchema.toString()).isEqualTo(
                "customers<customer_id:long,name:string,email:string?,tier:string,signup_date:date>");
        RecordSchema orderSchema = Records.open(Records.provider(providers, "orders"), SEED).schema().orElseThrow();
        assertThat(orderSchema.field("lines").orElseThrow().type().kind()).isEqualTo(FieldType.Kind.LIST);
        assertThat(orderSchema.field("total").orElseThrow().type()).isEqualTo(FieldType.decimal(18, 2));
        assertThat(orderSchema.field("created_at").orElseThrow().type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(orderSchema.field("customer_id").orElseThrow().type()).isEqualTo(FieldType.LONG);
        assertThat(orderSchema.toString()).contains("lines:list<struct<sku:string,qty:int,unit_price:decimal(6,2)>>");
    }

    @Test
    void aFiniteDomainMakesExactlyCountRecordsThenIsExhausted() {
        assertThat(customers).hasSize(20_000);
        DomainGenerator generator = Records.open(Records.provider(providers, "customers"), SEED);
        assertThat(generator.capacity()).isEqualTo(20_000);
        RecordFactory factory = generator.newFactory();
        assertThat(Records.create(factory, "customers", SEED, 19_999)).isNotNull();
        assertThat(Records.create(factory, "customers", SEED, 20_000)).isNull();
    }

    @Test
    void uniqueKeysAreDistinctAndInRangeWithoutASeenSet() {
        Set<Object> ids = new HashSet<>();
        for (Map<String, Object> customer : customers) {
            long id = (Long) customer.get("customer_id");
            assertThat(id).isBetween(100_000L, 999_999L);
            ids.add(id);
        }
        assertThat(ids).hasSize(20_000);
        // random-looking: not simply ascending
        assertThat((Long) customers.get(1).get("customer_id")).isNotEqualTo((Long) customers.get(0).get("customer_id") + 1);
    }

    @Test
    void everyReferenceResolvesToARecordTheParentDomainReallyEmits() {
        Map<Long, Object> tierById = new HashMap<>();
        for (Map<String, Object> customer : customers) {
            tierById.put((Long) customer.get("customer_id"), customer.get("tier"));
        }
        for (Map<String, Object> order : orders) {
            Long customerId = (Long) order.get("customer_id");
            assertThat(tierById).containsKey(customerId);
            // same_as: the tier is the tier of that same customer
            assertThat(order.get("customer_tier")).isEqualTo(tierById.get(customerId));
        }
    }

    @Test
    void zipfPicksFavourAFewCustomers() {
        Map<Object, Integer> perCustomer = new HashMap<>();
        orders.forEach(o -> perCustomer.merge(o.get("customer_id"), 1, Integer::sum));
        int top = perCustomer.values().stream().max(Integer::compare).orElseThrow();
        // uniform over 20000 customers would give about 1 order each; zipf(1.2) gives the top one a large share
        assertThat(top).isGreaterThan(1_000);
        assertThat(perCustomer.size()).isLessThan(15_000);
    }

    @Test
    void totalsAreExactSumsOfTheLines() {
        Pattern sku = Pattern.compile("SKU-[A-Z]{3}[0-9]{4}");
        for (Map<String, Object> order : orders) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("lines");
            assertThat(lines).hasSizeBetween(1, 5);
            BigDecimal sum = BigDecimal.ZERO.setScale(2);
            for (Map<String, Object> line : lines) {
                assertThat((String) line.get("sku")).matches(sku);
                assertThat((Long) line.get("qty")).isBetween(1L, 4L);
                BigDecimal price = (BigDecimal) line.get("unit_price");
                assertThat(price).isBetween(new BigDecimal("0.50"), new BigDecimal("5000.00"));
                sum = sum.add(price.multiply(BigDecimal.valueOf((Long) line.get("qty"))));
            }
            assertThat(order.get("total")).isEqualTo(sum.setScale(2));
        }
    }

    @Test
    void templatesAndTimestampsFollowTheRecord() {
        for (int seq = 0; seq < 100; seq++) {
            assertThat(orders.get(seq).get("order_no")).isEqualTo("ORD-" + seq);
            assertThat(orders.get(seq).get("created_at")).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        }
        for (Map<String, Object> customer : customers) {
            LocalDate date = (LocalDate) customer.get("signup_date");
            assertThat(date).isBetween(LocalDate.parse("2020-01-01"), LocalDate.parse("2025-12-31"));
        }
    }

    @Test
    void weightsBooleansAndNullRatesHoldWithinTolerance() {
        double n = orders.size();
        Map<Object, Integer> status = new HashMap<>();
        Map<Object, Integer> channel = new HashMap<>();
        int express = 0;
        for (Map<String, Object> order : orders) {
            status.merge(order.get("status"), 1, Integer::sum);
            channel.merge(order.get("channel"), 1, Integer::sum);
            express += Boolean.TRUE.equals(order.get("express")) ? 1 : 0;
        }
        assertThat(status.get("CREATED") / n).isCloseTo(0.70, within(0.02));
        assertThat(status.get("PAID") / n).isCloseTo(0.25, within(0.02));
        assertThat(status.get("CANCELLED") / n).isCloseTo(0.05, within(0.01));
        assertThat(channel.keySet()).containsExactlyInAnyOrder("web", "ios", "android", "store");
        channel.values().forEach(c -> assertThat(c / n).isCloseTo(0.25, within(0.02)));
        assertThat(express / n).isCloseTo(0.15, within(0.015));
        long nullEmails = customers.stream().filter(c -> c.get("email") == null).count();
        assertThat(nullEmails / (double) customers.size()).isCloseTo(0.10, within(0.01));
        Map<Object, Integer> tiers = new HashMap<>();
        customers.forEach(c -> tiers.merge(c.get("tier"), 1, Integer::sum));
        assertThat(tiers.get("gold") / (double) customers.size()).isCloseTo(0.1, within(0.01));
        assertThat(tiers.get("bronze") / (double) customers.size()).isCloseTo(0.6, within(0.015));
        assertThat((String) customers.get(0).get("name")).contains(" ");
    }
}
