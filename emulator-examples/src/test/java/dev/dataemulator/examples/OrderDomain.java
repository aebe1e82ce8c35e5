package dev.dataemulator.examples;

import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.util.Map;

/**
 * The "Your own domain in Java" example of the README, compiled and run by the tests: a domain {@code order} with
 * one option ({@code max_amount}) and, on purpose, no resource of its own (it writes to {@code default_topic}).
 */
public final class OrderDomain implements DomainProvider {
    @Override
    public String name() {
        return "order";
    }

    @Override
    public DomainGenerator open(DomainContext context) {
        long maxAmount = 500;
        for (Map.Entry<String, String> option : context.options().entrySet()) {
            if (!option.getKey().equals("max_amount")) {
                throw new InvalidSettingException(option.getKey(), option.getValue(),
                        "is not an option of the 'order' domain (known: max_amount)");
            }
            try {
                maxAmount = Long.parseLong(option.getValue());
            } catch (NumberFormatException e) {
                throw new InvalidSettingException("max_amount", option.getValue(), "expected a whole number");
            }
        }
        long max = maxAmount;
        return () -> (seq, random) -> new Order("order-" + seq, "customer-" + random.nextInt(100),
                1 + random.nextLong(max));
    }

    /** One order: written field by field, the same fields in the same order for every record. */
    record Order(String id, String customer, long amount) implements RecordData {
        @Override
        public String key() {
            return customer;
        }

        @Override
        public void writeFields(FieldWriter out) {
            out.string("order_id", id);
            out.string("customer", customer);
            out.integer("amount", amount);
        }
    }
}
