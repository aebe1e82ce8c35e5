package dev.dataemulator.declarative;

import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.declarative.internal.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One declarative domain built in Java: the same model as a YAML domain, checked by the same rules. Fields are
 * made with {@link Gen}.
 *
 * <pre>{@code
 * DeclarativeDomain customers = DeclarativeDomain.builder("customers")
 *         .resource("customers").key("customer_id").count(20_000)
 *         .field("customer_id", Gen.unique(100_000, 999_999))
 *         .field("name", Gen.faker("#{Name.fullName}"))
 *         .field("tier", Gen.weighted(Map.of("gold", 1, "silver", 3, "bronze", 6)))
 *         .build();
 * DeclarativeDomain orders = DeclarativeDomain.builder("orders")
 *         .key("order_id")
 *         .field("order_id", Gen.uuid())
 *         .field("customer_id", Gen.ref("customers", "customer_id").zipf(1.2))
 *         .field("customer_tier", Gen.ref("customers", "tier").sameAs("customer_id"))
 *         .build();
 * List<DomainProvider> providers = DeclarativeDomains.of(customers, orders);
 * }</pre>
 *
 * Immutable; the builder is not thread-safe.
 */
public final class DeclarativeDomain {
    static final String SOURCE = "builder";
    private static final Node.Location AT = new Node.Location(SOURCE, 0, 0);

    private final String name;
    private final Node node;

    private DeclarativeDomain(String name, Node node) {
        this.name = name;
        this.node = node;
    }

    /**
     * @param name the domain name (letters, digits, '_' and '-')
     * @return a builder of a domain without fields, without count (unbounded), writing to the registry's default
     *     resource
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the domain name */
    public String name() {
        return name;
    }

    Node node() {
        return node;
    }

    /**
     * @return this domain compiled alone (it must not refer to other domains)
     * @throws DefinitionException with every problem
     */
    public DomainProvider compile() {
        return DeclarativeDomains.of(this).get(0);
    }

    @Override
    public String toString() {
        return "DeclarativeDomain[" + name + ": " + node + "]";
    }

    /** Builds a {@link DeclarativeDomain}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Map<String, Node> entries = new LinkedHashMap<>();
        private final Map<String, Node> fields = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Sets the topic or bucket the domain writes to by default ({@code resource:}). */
        public Builder resource(String resource) {
            entries.put("resource", Node.scalar(resource, AT));
            return this;
        }

        /** Names the field whose value is the record key ({@code key:}); by default the key is the seq. */
        public Builder key(String field) {
            entries.put("key", Node.scalar(field, AT));
            return this;
        }

        /** Makes the domain finite: exactly records 0..count-1 ({@code count:}); needed to be referenced. */
        public Builder count(long count) {
            entries.put("count", Node.scalar(count, AT));
            return this;
        }

        /** Sets the Datafaker locale of the domain's faker fields ({@code locale:}, e.g. {@code de}); default en. */
        public Builder locale(String locale) {
            entries.put("locale", Node.scalar(locale, AT));
            return this;
        }

        /** Describes the domain ({@code doc:}). */
        public Builder doc(String doc) {
            entries.put("doc", Node.scalar(doc, AT));
            return this;
        }

        /**
         * Gives the domain's entities a lifecycle ({@code lifecycle:}): its records become their changes. The domain
         * needs a {@link #count(long)} (the entities) and a {@link #key(String)}.
         */
        public Builder lifecycle(Lifecycle lifecycle) {
            entries.put("lifecycle", lifecycle.node());
            return this;
        }

        /** Adds a field; fields are written in the order added. A second field of the same name replaces it. */
        public Builder field(String fieldName, Gen generator) {
            fields.put(Objects.requireNonNull(fieldName, "fieldName"), generator.node());
            return this;
        }

        /** @return the domain; it is checked when compiled ({@link DeclarativeDomains#of(DeclarativeDomain...)}) */
        public DeclarativeDomain build() {
            Map<String, Node> domain = new LinkedHashMap<>(entries);
            domain.put("fields", Node.map(fields, Map.of(), AT));
            return new DeclarativeDomain(name, Node.map(domain, Map.of(), AT));
        }
    }
}
