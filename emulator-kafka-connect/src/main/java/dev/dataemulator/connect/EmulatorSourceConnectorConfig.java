package dev.dataemulator.connect;

import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTimeOptions;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SettingAliases;
import dev.dataemulator.core.SettingText;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.support.TopicNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of {@link EmulatorSourceConnector}, parsed and validated with Kafka's {@link ConfigDef}: every
 * invalid value fails with a {@link ConfigException} that names the key and the value.
 *
 * <p>Besides the keys below, {@code domain.<domain>.<option>} passes a domain option to one domain, e.g.
 * {@code domain.transaction.labels=false} or {@code domain.user-profile.user_id_max=50000}; the domain rejects
 * options it does not know when the connector starts.
 */
public final class EmulatorSourceConnectorConfig extends AbstractConfig {
    /** Key of the domains to emulate: a comma-separated list, default {@code transaction}. */
    public static final String DOMAINS_CONFIG = "domains";
    /** Key of the topic all domains write to; by default each domain writes to its registry resource. */
    public static final String TOPIC_CONFIG = "topic";
    /** Key of the seed every record derives from, default 0. */
    public static final String SEED_CONFIG = "seed";
    /** Key of the total rate in records per second across all tasks, default 0 (unlimited). */
    public static final String RATE_CONFIG = "rate.per.second";
    /** Key of the number of records per domain across all shards, default 0 (unlimited). */
    public static final String MAX_RECORDS_CONFIG = "max.records";
    /** Key of the envelope switch, default {@code true}. */
    public static final String ENVELOPE_CONFIG = "envelope";
    /** Key of the typed-values switch, default {@code true}: {@code Struct} values with a Connect schema. */
    public static final String VALUE_SCHEMAS_ENABLE_CONFIG = "value.schemas.enable";
    /** Key of the number of shards per domain, the unit of work spread over tasks; default 8. */
    public static final String SHARDS_CONFIG = "shards";
    /** Key of the maximum number of records a task returns from one poll, default 500. */
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    /** Key of the emulation id written in the envelope and the headers; default the connector name. */
    public static final String EMULATION_ID_CONFIG = "emulation.id";
    /** Key of the fixed emulation clock (an ISO-8601 instant); by default the worker's wall clock. */
    public static final String CLOCK_INSTANT_CONFIG = "clock.instant";
    /** Key of a backfill of event time, {@code FROM..TO} (ISO-8601 instants); by default event time is the clock. */
    public static final String EVENT_TIME_BACKFILL_CONFIG = "event.time.backfill";
    /** Key of the average rate in records per event second of a backfill or an hourly curve. */
    public static final String EVENT_TIME_RATE_CONFIG = "event.time.rate";
    /** Key of the hourly rate curve of event time: 24 comma-separated weights (UTC hours). */
    public static final String RATE_CURVE_HOURLY_CONFIG = "rate.curve.hourly";
    /** Key of late records, {@code FRACTION:MAX} (e.g. {@code 0.02:10m}). */
    public static final String LATENESS_CONFIG = "lateness";
    /**
     * Key of a declarative domain definition (the YAML or JSON text of emulator-declarative's format) whose domains
     * join the bundled ones and can be listed in {@value #DOMAINS_CONFIG}; default none.
     */
    public static final String DOMAIN_DEFINITION_CONFIG = "domain.definition";
    /**
     * Prefix of the entries of the faults setting (docs/FAULTS.md), for every domain: {@code faults.duplicate=0.01},
     * {@code faults.null.rate=0.005}, {@code faults.null.fields=amount}; default none (a declarative domain's own).
     */
    public static final String FAULTS_PREFIX = "faults.";
    /**
     * Key of the label switch, default {@code true}: each damaged record's label also goes to the topic
     * {@code <topic>_faults}, keyed by the record's key.
     */
    public static final String FAULT_LABELS_CONFIG = "fault.labels";
    /** Prefix of per-domain options: {@code domain.<domain>.<option>}. */
    public static final String DOMAIN_OPTION_PREFIX = "domain.";

    /** Default of {@value #SHARDS_CONFIG}. */
    public static final int DEFAULT_SHARDS = 8;
    /** Default of {@value #BATCH_SIZE_CONFIG}. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** Largest accepted {@value #SHARDS_CONFIG}. */
    public static final int MAX_SHARDS = 4096;

    private static final String NAME_CONFIG = "name";
    private static final String GROUP = "Emulation";

    /** The definition of every key, with documentation, defaults and validators. */
    public static final ConfigDef CONFIG_DEF = configDef();

    /**
     * Parses and validates connector settings.
     *
     * @param originals the connector configuration as the worker passes it
     * @throws ConfigException naming the key and the value of the first invalid setting
     */
    public EmulatorSourceConnectorConfig(Map<String, String> originals) {
        super(CONFIG_DEF, originals);
        String missingRate = missingEventTimeRate(originals);
        if (missingRate != null) {
            throw new ConfigException(EVENT_TIME_RATE_CONFIG, null, missingRate);
        }
        try {
            this.registry = Domains.registry(getString(DOMAIN_DEFINITION_CONFIG));
        } catch (dev.dataemulator.core.EmulatorException e) {
            throw new ConfigException(DOMAIN_DEFINITION_CONFIG, "(definition)", e.getMessage());
        }
        for (String domain : domains()) {
            if (!registry.contains(domain.trim())) {
                throw new ConfigException(DOMAINS_CONFIG, getList(DOMAINS_CONFIG), "unknown domain '" + domain.trim()
                        + "' (known: " + new java.util.TreeSet<>(registry.domains()) + ")");
            }
        }
        for (String domain : domains()) {
            maxRecords(domain); // every problem of max.records at once, before any task starts
        }
    }

    private final DomainRegistry registry;

    /**
     * @return the domains these settings can name: the discovered ones and those of {@value #DOMAIN_DEFINITION_CONFIG}
     */
    public DomainRegistry registry() {
        return registry;
    }

    private static ConfigDef configDef() {
        int order = 0;
        return new ConfigDef()
                .define(DOMAINS_CONFIG, Type.LIST, "transaction", new DomainListValidator(), Importance.HIGH,
                        "The domains to emulate, comma-separated, from the domain registry (bundled: transaction, "
                                + "user-profile, device-log) or from domain.definition. Each domain is split into "
                                + "'shards' units of work.",
                        GROUP, ++order, Width.LONG, "Domains")
                .define(DOMAIN_DEFINITION_CONFIG, Type.STRING, null, new DefinitionValidator(), Importance.MEDIUM,
                        "A declarative domain definition: the YAML (or JSON) text of emulator-declarative's format, "
                                + "version 1. Its domains join the bundled ones; list them in 'domains'. Empty "
                                + "(default): none. Checked completely: every problem is reported with its line, "
                                + "column and field path.",
                        GROUP, ++order, Width.LONG, "Domain definition")
                .define(TOPIC_CONFIG, Type.STRING, null, new TopicValidator(), Importance.HIGH,
                        "The topic every domain writes to. Empty (default): each domain writes to its registry "
                                + "resource (transaction -> transactions, user-profile -> user-profiles, "
                                + "device-log -> device-logs).",
                        GROUP, ++order, Width.MEDIUM, "Topic")
                .define(SEED_CONFIG, Type.LONG, 0L, Importance.HIGH,
                        "The seed. A record is a pure function of (seed, domain, shard, position in the shard) and, "
                                + "for its time fields, the clock: the same seed and shard count replay the same "
                                + "records whatever the number of tasks or workers.",
                        GROUP, ++order, Width.SHORT, "Seed")
                .define(RATE_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
                        "Total records per second across all tasks and domains, split evenly over the tasks; 0 "
                                + "(default) is unlimited.",
                        GROUP, ++order, Width.SHORT, "Rate")
                .define(MAX_RECORDS_CONFIG, Type.STRING, null, new CountsValidator(), Importance.MEDIUM,
                        "Records per domain in total across its shards; empty or 0 (default) is unlimited. When reached "
                                + "the tasks idle (they never fail); together the shards write exactly the domain's "
                                + "records 0..max.records-1. Per domain: DOMAIN=N entries, comma-separated "
                                + "(card_payments=200000); a bare N applies to each listed domain without a count of "
                                + "its own (a definition's count) and not named, as in a run of several domains.",
                        GROUP, ++order, Width.SHORT, "Max records")
                .define(ENVELOPE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Wrap each record as {\"emulation_id\", \"timestamp\", \"data\"} (default); false writes the "
                                + "data alone.",
                        GROUP, ++order, Width.SHORT, "Envelope")
                .define(VALUE_SCHEMAS_ENABLE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Emit Struct values with a Connect schema built from the domain's record schema (default): "
                                + "decimals as Decimal, timestamps as Timestamp, dates as Date, so JsonConverter with "
                                + "schemas.enable=true and schema-registry converters (Avro, Protobuf, JSON Schema) "
                                + "work unchanged. false emits schemaless maps (decimals as doubles, timestamps as "
                                + "ISO-8601 strings). A domain that declares no schema needs false.",
                        GROUP, ++order, Width.SHORT, "Value schemas")
                .define(SHARDS_CONFIG, Type.INT, DEFAULT_SHARDS, Range.between(1, MAX_SHARDS), Importance.MEDIUM,
                        "Shards per domain: the fixed units of work spread over the tasks (at most domains x shards "
                                + "tasks do work). Keep it for the connector's life: stored offsets assume it.",
                        GROUP, ++order, Width.SHORT, "Shards")
                .define(BATCH_SIZE_CONFIG, Type.INT, DEFAULT_BATCH_SIZE, Range.between(1, 100_000), Importance.LOW,
                        "The maximum number of records a task returns from one poll.",
                        GROUP, ++order, Width.SHORT, "Batch size")
                .define(EMULATION_ID_CONFIG, Type.STRING, null, new NonBlankIfSet(), Importance.LOW,
                        "The emulation id in the envelope and the emulation_id header; default the connector name.",
                        GROUP, ++order, Width.MEDIUM, "Emulation id")
                .define(CLOCK_INSTANT_CONFIG, Type.STRING, null, new InstantValidator(), Importance.LOW,
                        "Fix the emulation clock at this ISO-8601 instant (e.g. 2026-01-01T00:00:00Z) so time fields "
                                + "repeat too; empty (default) uses the worker's wall clock.",
                        GROUP, ++order, Width.MEDIUM, "Clock instant")
                .define(EVENT_TIME_BACKFILL_CONFIG, Type.STRING, null,
                        new TextFormValidator("empty, or FROM..TO (ISO-8601 instants)", EventTimeOptions::backfill),
                        Importance.LOW,
                        "Backfill event time FROM..TO (ISO-8601 instants): records' event times spread over [FROM, "
                                + "TO) at event.time.rate following rate.curve.hourly, and each shard ends at TO. "
                                + "Event time is a function of the record's sequence number, so tasks resuming from "
                                + "their offsets continue without gaps. rate.per.second still limits wall-clock speed.",
                        GROUP, ++order, Width.LONG, "Event time backfill")
                .define(EVENT_TIME_RATE_CONFIG, Type.DOUBLE, null, new PositiveOrNull(), Importance.LOW,
                        "Average records per event second of event.time.backfill or rate.curve.hourly (required with "
                                + "either, except a backfill of lifecycle domains, whose changes carry their own "
                                + "event times).",
                        GROUP, ++order, Width.SHORT, "Event time rate")
                .define(RATE_CURVE_HOURLY_CONFIG, Type.STRING, null,
                        new TextFormValidator("empty, or 24 comma-separated weights", EventTimeOptions::hourly),
                        Importance.LOW,
                        "24 comma-separated relative weights per UTC hour shaping the density of event times.",
                        GROUP, ++order, Width.LONG, "Hourly rate curve")
                .define(LATENESS_CONFIG, Type.STRING, null,
                        new TextFormValidator("empty, or FRACTION:MAX", EventTimeOptions::lateness),
                        Importance.LOW,
                        "FRACTION:MAX, e.g. 0.02:10m: that fraction of records has an event time up to MAX earlier.",
                        GROUP, ++order, Width.SHORT, "Lateness")
                .define(FAULT_LABELS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Whether the label of each record the faults.* entries damaged also goes, as "
                                + "{\"emulation_id\", \"seq\", \"key\", \"kind\", \"field\", \"original\"}, to "
                                + "the topic <topic>_faults; the record carries it in the header emulator.fault "
                                + "either way.",
                        GROUP, ++order, Width.SHORT, "Fault labels");
    }

    /** @return the domains to emulate, in the configured order */
    public List<String> domains() {
        return getList(DOMAINS_CONFIG);
    }

    /**
     * @param domain one of {@link #domains()}
     * @param registry the domain registry
     * @return the topic {@code domain} writes to: {@value #TOPIC_CONFIG} when set, else the registry's resource
     */
    public String topicFor(String domain, DomainRegistry registry) {
        String topic = getString(TOPIC_CONFIG);
        return topic == null || topic.isBlank() ? registry.resourceFor(domain) : topic.trim();
    }

    /** @return the seed */
    public long seed() {
        return getLong(SEED_CONFIG);
    }

    /** @return the total rate in records per second, 0 for unlimited */
    public long ratePerSecond() {
        return getLong(RATE_CONFIG);
    }

    /**
     * @param domain one of {@link #domains()}
     * @return the records of {@code domain} across its shards, 0 for unlimited: as a run of all {@link #domains()}
     *     counts them ({@link EmulationSpec#forDomain(String)})
     * @throws ConfigException naming {@value #MAX_RECORDS_CONFIG} when its value is bad
     */
    public long maxRecords(String domain) {
        String counts = blankToNull(getString(MAX_RECORDS_CONFIG));
        if (counts == null || counts.equals("0")) {
            return 0;
        }
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(registry).sinkRegistry(SinkRegistry.of())
                .sink(new MemorySyncProducer());
        List<InvalidSettingException.Violation> problems = new ArrayList<>();
        ALIASES.set(builder, DOMAINS_CONFIG, String.join(",", domains().stream().map(String::trim).toList()),
                problems);
        ALIASES.set(builder, MAX_RECORDS_CONFIG, counts, problems);
        try {
            return ALIASES.build(builder, problems).forDomain(domain.trim()).maxRecords().orElse(0);
        } catch (InvalidSettingException e) {
            InvalidSettingException.Violation violation = e.violations().get(0);
            throw new ConfigException(violation.setting(), violation.value(), violation.reason());
        }
    }

    /** @return whether records are wrapped in the envelope */
    public boolean envelope() {
        return getBoolean(ENVELOPE_CONFIG);
    }

    /** @return whether values are {@code Struct}s with a Connect schema */
    public boolean valueSchemasEnabled() {
        return getBoolean(VALUE_SCHEMAS_ENABLE_CONFIG);
    }

    /** @return shards per domain */
    public int shards() {
        return getInt(SHARDS_CONFIG);
    }

    /** @return the maximum number of records per poll */
    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    /** @return the emulation id: {@value #EMULATION_ID_CONFIG}, else the connector name, else {@code emulator} */
    public String emulationId() {
        String id = getString(EMULATION_ID_CONFIG);
        if (id != null && !id.isBlank()) {
            return id.trim();
        }
        Object name = originals().get(NAME_CONFIG);
        return name == null || name.toString().isBlank() ? "emulator" : name.toString();
    }

    /**
     * The settings of one domain as an emulation spec, read through the settings table of {@link EmulationSpec} (the
     * connector's keys are aliases of its settings; see {@link #ALIASES}): the records a task writes for the domain
     * are those of this spec. A memory sink stands in for Kafka Connect, which delivers the records itself.
     *
     * @param domain one of {@link #domains()}
     * @return the spec
     * @throws ConfigException naming the first bad key as the connector's configuration names it
     */
    public EmulationSpec spec(String domain) {
        EmulationSpec.Builder builder = EmulationSpec.builder().registry(registry).sinkRegistry(SinkRegistry.of())
                .sink(new MemorySyncProducer());
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put(DOMAINS_CONFIG, domain.trim());
        typed.put(SEED_CONFIG, String.valueOf(seed()));
        typed.put(ENVELOPE_CONFIG, String.valueOf(envelope()));
        typed.put(EMULATION_ID_CONFIG, emulationId());
        long maxRecords = maxRecords(domain);
        typed.put(MAX_RECORDS_CONFIG, maxRecords > 0 ? String.valueOf(maxRecords) : null);
        typed.put(TOPIC_CONFIG, blankToNull(getString(TOPIC_CONFIG)));
        typed.put(CLOCK_INSTANT_CONFIG, blankToNull(getString(CLOCK_INSTANT_CONFIG)));
        typed.put(EVENT_TIME_BACKFILL_CONFIG, blankToNull(getString(EVENT_TIME_BACKFILL_CONFIG)));
        Double rate = getDouble(EVENT_TIME_RATE_CONFIG);
        typed.put(EVENT_TIME_RATE_CONFIG, rate == null ? null : SettingText.number(rate));
        typed.put(RATE_CURVE_HOURLY_CONFIG, blankToNull(getString(RATE_CURVE_HOURLY_CONFIG)));
        typed.put(LATENESS_CONFIG, blankToNull(getString(LATENESS_CONFIG)));
        domainOptions(domain.trim()).forEach((key, value) -> typed.put(DOMAIN_OPTION_PREFIX + domain.trim() + "." + key,
                value));
        originalsWithPrefix(FAULTS_PREFIX).forEach((key, value) -> typed.put(FAULTS_PREFIX + key,
                value == null ? null : value.toString()));
        typed.put(FAULT_LABELS_CONFIG, String.valueOf(faultLabels()));
        List<InvalidSettingException.Violation> problems = new ArrayList<>();
        typed.forEach((key, value) -> ALIASES.set(builder, key.startsWith(DOMAIN_OPTION_PREFIX + domain.trim() + ".")
                ? "domain_options." + key.substring(DOMAIN_OPTION_PREFIX.length() + domain.trim().length() + 1) : key,
                value, problems));
        try {
            return ALIASES.build(builder, problems);
        } catch (InvalidSettingException e) {
            InvalidSettingException.Violation violation = e.violations().get(0);
            throw new ConfigException(violation.setting(), violation.value(), violation.reason());
        }
    }

    /** The connector's keys for the settings of {@link EmulationSpec}'s table. */
    public static final SettingAliases ALIASES = SettingAliases.of(aliases());

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put(DOMAINS_CONFIG, "domain");
        aliases.put(TOPIC_CONFIG, "resource");
        aliases.put(SEED_CONFIG, "seed");
        aliases.put(MAX_RECORDS_CONFIG, "max_records");
        aliases.put(ENVELOPE_CONFIG, "envelope");
        aliases.put(EMULATION_ID_CONFIG, "id");
        aliases.put(CLOCK_INSTANT_CONFIG, "clock");
        aliases.put(EVENT_TIME_BACKFILL_CONFIG, "event_time");
        aliases.put(EVENT_TIME_RATE_CONFIG, "rate_per_second");
        aliases.put(RATE_CURVE_HOURLY_CONFIG, "rate_curve");
        aliases.put(LATENESS_CONFIG, "lateness");
        aliases.put(DOMAIN_OPTION_PREFIX + "<domain>", "domain_options");
        aliases.put(FAULTS_PREFIX + "<entry>", "faults");
        aliases.put(FAULT_LABELS_CONFIG, "fault_labels");
        return aliases;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return whether the labels of damaged records also go to the topic {@code <topic>_faults} */
    public boolean faultLabels() {
        return getBoolean(FAULT_LABELS_CONFIG);
    }

    /** @return the fixed clock instant, or {@code null} for the wall clock */
    public Instant clockInstant() {
        String value = getString(CLOCK_INSTANT_CONFIG);
        return value == null || value.isBlank() ? null : SettingText.instant(CLOCK_INSTANT_CONFIG, value);
    }

    /**
     * @param domain a domain name
     * @return the {@code domain.<domain>.*} options with the prefix removed
     */
    public Map<String, String> domainOptions(String domain) {
        Map<String, Object> raw = originalsWithPrefix(DOMAIN_OPTION_PREFIX + domain + ".");
        Map<String, String> options = new java.util.LinkedHashMap<>();
        raw.forEach((key, value) -> options.put(key, value == null ? null : value.toString()));
        return options;
    }

    private static final class DomainListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw new ConfigException(name, value, "list at least one domain");
            }
            Set<String> seen = new HashSet<>();
            for (Object element : list) {
                String domain = String.valueOf(element).trim();
                if (domain.isEmpty()) {
                    throw new ConfigException(name, value, "a domain name is empty");
                }
                if (!seen.add(domain)) {
                    throw new ConfigException(name, value, "domain '" + domain + "' is listed twice");
                }
                // whether the domain exists is checked with domain.definition, once all settings are parsed
            }
        }

        @Override
        public String toString() {
            return "one or more registered domains";
        }
    }

    private static final class DefinitionValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                return;
            }
            try {
                Domains.definition(value.toString());
            } catch (InvalidSettingException e) {
                throw new ConfigException(name, "(definition)", e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a domain definition (YAML or JSON), version 1";
        }
    }

    /** The form of {@value #MAX_RECORDS_CONFIG} (whether each domain named is listed is checked with the domains). */
    private static final class CountsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank() || value.toString().trim().equals("0")) {
                return;
            }
            try {
                EmulationSpec.builder().set("max_records", value.toString().trim());
            } catch (InvalidSettingException e) {
                throw new ConfigException(name, value, e.violations().get(0).reason());
            }
        }

        @Override
        public String toString() {
            return "N or DOMAIN=N entries, comma-separated; empty or 0 for unlimited";
        }
    }

    private static final class TopicValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isEmpty()) {
                return;
            }
            String problem = TopicNames.problem(value.toString().trim());
            if (problem != null) {
                throw new ConfigException(name, value, problem);
            }
        }

        @Override
        public String toString() {
            return "empty, or a valid topic name";
        }
    }

    private static final class NonBlankIfSet implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !value.toString().isEmpty() && value.toString().isBlank()) {
                throw new ConfigException(name, value, "must not be blank");
            }
        }

        @Override
        public String toString() {
            return "empty, or non-blank text";
        }
    }

    private static final class InstantValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                return;
            }
            try {
                SettingText.instant(name, value.toString());
            } catch (InvalidSettingException e) {
                throw new ConfigException(name, value, e.violations().get(0).reason());
            }
        }

        @Override
        public String toString() {
            return "empty, or an ISO-8601 instant";
        }
    }

    /** Checks a text form of {@link EventTimeOptions} when the connector is validated, not when a task starts. */
    private static final class TextFormValidator implements ConfigDef.Validator {
        private final String description;
        private final java.util.function.BiFunction<String, String, ?> parser;

        TextFormValidator(String description, java.util.function.BiFunction<String, String, ?> parser) {
            this.description = description;
            this.parser = parser;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                return;
            }
            try {
                parser.apply(name, value.toString());
            } catch (InvalidSettingException e) {
                throw new ConfigException(name, value, e.violations().get(0).reason());
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** A positive number, or unset. */
    private static final class PositiveOrNull implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !(((Number) value).doubleValue() > 0
                    && Double.isFinite(((Number) value).doubleValue()))) {
                throw new ConfigException(name, value, "must be a positive number of records per event second");
            }
        }

        @Override
        public String toString() {
            return "empty, or a positive number";
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** @return whether every listed domain makes its own event times; false when the settings cannot tell */
    private static boolean allTimed(Map<String, String> settings) {
        DomainRegistry registry;
        try {
            registry = Domains.registry(settings.get(DOMAIN_DEFINITION_CONFIG));
        } catch (RuntimeException e) {
            return false; // reported on domain.definition
        }
        String listed = settings.getOrDefault(DOMAINS_CONFIG, "transaction");
        for (String domain : listed.split(",")) {
            String name = domain.trim();
            Map<String, String> options = new java.util.LinkedHashMap<>();
            settings.forEach((key, value) -> {
                if (key.startsWith(DOMAIN_OPTION_PREFIX + name + ".")) {
                    options.put(key.substring(DOMAIN_OPTION_PREFIX.length() + name.length() + 1), value);
                }
            });
            if (!registry.contains(name) || !registry.provider(name).timed(options)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The one check across event-time keys: a backfill or an hourly curve needs {@value #EVENT_TIME_RATE_CONFIG},
     * unless a backfill's domains all tell their records' event times (lifecycle domains: their changes carry their
     * own times). (The engine would name its own setting, ratePerSecond, and only when a task starts.)
     *
     * @param settings the connector's settings
     * @return what is wrong, to report on {@value #EVENT_TIME_RATE_CONFIG}, or null
     */
    static String missingEventTimeRate(Map<String, String> settings) {
        boolean virtual = !isBlank(settings.get(EVENT_TIME_BACKFILL_CONFIG));
        boolean curved = !isBlank(settings.get(RATE_CURVE_HOURLY_CONFIG));
        if ((virtual || curved) && isBlank(settings.get(EVENT_TIME_RATE_CONFIG)) && !(virtual && !curved
                && allTimed(settings))) {
            return "is required with " + (virtual ? EVENT_TIME_BACKFILL_CONFIG : RATE_CURVE_HOURLY_CONFIG)
                    + ": the average records per event second";
        }
        return null;
    }
}
