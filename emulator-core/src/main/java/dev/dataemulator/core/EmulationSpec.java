package dev.dataemulator.core;

import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.spi.SyncProducer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What to emulate, where to, and when to stop. Immutable; built with {@link #builder()}, varied with
 * {@link #toBuilder()}.
 *
 * <p>An emulation stops at the first of: its {@link Builder#duration(Duration) duration}, its
 * {@link Builder#maxRecords(long) record count}, the domain running out of records (user profiles), a call to
 * {@link Emulation#stop()}, or a fatal error. With none of the first two set it runs until stopped.
 *
 * <p>A spec may name several domains ({@link Builder#domains(List)}, {@code set("domain", "a,b")}): they run as one
 * emulation, one id and seed, each domain to its own resource with the spec {@link #forDomain(String)} derives, and
 * {@code max_records} may count each domain ({@link Builder#maxRecords(String, long)}).
 *
 * <p>Every setting is one row of a settings table (its name, default, description and check); the table drives the
 * builder's storage, {@link Builder#build()}'s validation, {@link #toString()} and the settings documentation
 * ({@link #settings()}). A new setting is a row plus its builder method and accessor.
 */
public final class EmulationSpec {
    /** Upper bound of {@link Builder#threads(int)}. */
    public static final int MAX_THREADS = 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * One setting of an emulation, as documented: its one snake_case name (used by {@link Builder#set(String, String)},
     * {@link #toSettings()}, messages and {@link #toString()}), the kind of its text form, its unit, its default and
     * what it does.
     *
     * @param name the setting's name, as in {@link InvalidSettingException.Violation#setting()}
     * @param kind the kind of value and so its one parser in {@link SettingText}: {@code duration}, {@code integer},
     *     {@code rate}, {@code boolean}, {@code name}, {@code text}, {@code instant}, {@code event time},
     *     {@code curve}, {@code lateness}, {@code shard}, {@code choice}, {@code map} (entries {@code name.KEY}), or
     *     {@code object} (no text form: set with the builder's method only)
     * @param unit the unit of the value, e.g. {@code records per second}; empty when it has none
     * @param defaultValue the default, in words
     * @param description what the setting does and which values it accepts
     */
    public record Setting(String name, String kind, String unit, String defaultValue, String description) {
        public Setting {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
        }

        /**
         * @param name the setting's name
         * @param defaultValue the default, in words
         * @param description what the setting does
         */
        public Setting(String name, String defaultValue, String description) {
            this(name, "object", "", defaultValue, description);
        }

        /** @return whether the setting has a text form, so that {@link Builder#set(String, String)} takes it */
        public boolean hasText() {
            return !kind.equals("object");
        }
    }

    /** How late records may be: a share of them and the most they may be moved earlier. */
    private record Lateness(double fraction, Duration max) {
        @Override
        public String toString() {
            return fraction + ":" + max;
        }
    }

    /** Which shard of a domain's record stream: {@code index} of {@code count}; shows as {@code index/count}. */
    private record Shard(int index, int count) {
        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    // ---- the settings table: one row per setting, in validation and toString order ----

    private static final List<Row<?>> ROWS = new ArrayList<>();

    private static final Row<String> DOMAIN = Row.of("domain", String.class, null, "required",
            "The domain to emulate, e.g. transaction; must be in the domain registry. Several, comma-separated "
                    + "(customers,accounts,payments), run as one emulation: one id and seed, each domain to its own "
                    + "resource with the other settings applied per domain (threads, rate, sink), one report per "
                    + "domain; a domain with a count of its own (a declarative count) emits all its records, the "
                    + "others follow duration and max_records.")
            .check((value, all) -> {
                DomainRegistry domains = all.get(EmulationSpec.REGISTRY);
                if (value == null || value.isBlank()) {
                    return "is required; known domains: " + domains.domains();
                }
                List<String> names = names(value);
                for (int i = 0; i < names.size(); i++) {
                    if (!domains.contains(names.get(i))) {
                        return domains.unknownDomainMessage(names.get(i));
                    }
                    if (names.indexOf(names.get(i)) < i) {
                        return "names domain '" + names.get(i) + "' twice";
                    }
                }
                return null;
            });
    private static final Row<String> SINK_NAME = Row.of("sink", String.class, null, "required (or a sink instance)",
            "A sink built by name from the sink registry with its configuration (sink(name, config)), which the "
                    + "emulation creates and closes; or a SyncProducer instance (sink(instance)) that the caller owns.")
            .checkViolation((value, all) -> {
                SyncProducer instance = all.get(EmulationSpec.SINK_INSTANCE);
                SinkRegistry sinks = all.get(EmulationSpec.SINK_REGISTRY);
                if (value == null && instance == null) {
                    return new Violation("sink", null, "is required: a sink name with its configuration "
                            + "(found: " + sinks.names() + ") or a SyncProducer instance");
                }
                if (value != null && instance != null) {
                    return new Violation("sink", value + " + " + instance.getClass().getName(),
                            "set either a sink name with its configuration or a sink instance, not both");
                }
                return value != null && sinks.find(value).isEmpty()
                        ? new Violation("sink", value, sinks.missingMessage(value)) : null;
            });
    private static final Row<SyncProducer> SINK_INSTANCE = Row.of("sink_instance", SyncProducer.class, null, "none",
            null)
            .show(instance -> instance.getClass().getName());
    private static final Row<Map<String, String>> SINK_CONFIG = Row.of("sink_config", stringMap(), null, "none",
            "The configuration of a sink built by name; its keys are the sink's (see the sink's README). As text: "
                    + "entries sink_config.KEY. Shown by key only, since values may be secrets.")
            .check((value, all) -> all.get(SINK_NAME) != null && value == null
                    ? "must not be null (use an empty map)" : null)
            .show(value -> value == null ? null : new TreeSet<>(value.keySet()).toString())
            .copies(Map::copyOf, LinkedHashMap::new);
    private static final Row<Integer> THREADS = Row.of("threads", Integer.class, 1, "1",
            "Worker threads, 1 to " + MAX_THREADS + ".")
            .check((value, all) -> value < 1 || value > MAX_THREADS ? "must be between 1 and " + MAX_THREADS : null);
    private static final Row<Duration> DURATION = Row.of("duration", Duration.class, null, "unbounded",
            "How long to run (timeout in the Python service this library replaces); positive.")
            .check((value, all) -> value != null && !isPositive(value) ? "must be positive" : null);
    private static final Row<Counts> MAX_RECORDS = Row.of("max_records", Counts.class, null, "unbounded",
            "How many records of the domain to make at most, exactly that many unless stopped earlier: records "
                    + "seq 0 .. max_records-1; with a shard, the ones of those the shard owns; at least 1. Per domain "
                    + "as DOMAIN=N entries, comma-separated (card_payments=200000); in a run of several domains a bare "
                    + "number applies to each domain without a count of its own and not named.")
            .check((value, all) -> value == null ? null : value.problem(names(all.get(DOMAIN)),
                    all.get(EmulationSpec.REGISTRY), all.get(EmulationSpec.DOMAIN_OPTIONS)));
    private static final Row<Double> RATE = Row.of("rate_per_second", Double.class, null, "as fast as possible",
            "A rate limit shared by all workers, in records per second; positive and finite. With a virtual event "
                    + "time (backfill, accelerated) it is the average rate in records per event second, and required.")
            .check((value, all) -> value != null && !(value > 0 && Double.isFinite(value))
                    ? "must be a positive, finite number of records per second" : null);
    private static final Row<Long> SEED = Row.of("seed", Long.class, null, "random, reported",
            "Makes records reproducible: record seq depends only on the seed, the domain and seq.");
    private static final Row<String> RESOURCE = Row.of("resource", String.class, null, "the domain's resource",
            "The topic or bucket records go to, instead of the registry's mapping of the domain.")
            .check((value, all) -> value != null && (value.isBlank() || !value.equals(value.strip()))
                    ? "must not be blank or have leading or trailing spaces"
                    : value != null && names(all.get(DOMAIN)).size() > 1
                    ? "names one topic or bucket, and a run of several domains writes each to its own: leave it out"
                    : null);
    private static final Row<Boolean> ENVELOPE = Row.of("envelope", Boolean.class, true, "true",
            "Wrap records in {\"emulation_id\", \"timestamp\", \"data\"}, or emit data alone.");
    private static final Row<Shard> SHARD = Row.of("shard", Shard.class, new Shard(0, 1), "0/1 (the whole stream)",
            "shard(index, count): make only records seq = index, index + count, ... of the domain's stream, so "
                    + "count runners with the same seed and max_records together make what one would.")
            .check((value, all) -> value.count() < 1 || value.index() < 0 || value.index() >= value.count()
                    ? "needs a shard count of at least 1 and an index from 0 to count - 1" : null);
    private static final Row<Clock> CLOCK = Row.of("clock", Clock.class, Clock.systemUTC(), "Clock.systemUTC()",
            "The clock of record timestamps and of the duration. As text: an ISO-8601 instant, a clock fixed there.")
            .check(Row.notNull());
    private static final Row<EventTime> EVENT_TIME = Row.of("event_time", EventTime.class, EventTime.live(), "live",
            "EventTime.live(): a record's event time is the clock; EventTime.backfill(from, to): event times spread "
                    + "over [from, to) following the rate curve, made as fast as the sink takes them, ending at to; "
                    + "EventTime.accelerated(from, speed): a virtual clock speed times faster than the wall clock, "
                    + "paced. Records' envelope timestamp and time fields derive from their event time. As text: live, FROM..TO "
                    + "or FROM..xSPEED (ISO-8601 instants).")
            .check((value, all) -> value == null ? "must not be null"
                    : value.isVirtual() && all.get(RATE) == null && !timedDomain(all)
                    ? "needs rate_per_second, the average rate in records per event second" : null);
    private static final Row<RateCurve> RATE_CURVE = Row.of("rate_curve", RateCurve.class, RateCurve.flat(), "flat",
            "RateCurve.hourly(24 weights) or weekly(...): relative rate per local hour (UTC or a zone), averaging "
                    + "rate_per_second over the day or week; live it modulates the rate limit by the clock's hour, with "
                    + "a virtual event time it shapes the density of event times. As text: flat, 24 comma-separated weights "
                    + "(UTC), hourly ZONE w0,...,w23 or weekly ZONE w0,...,w167.")
            .check((value, all) -> value == null ? "must not be null"
                    : !value.isFlat() && all.get(RATE) == null ? "needs rate_per_second, the rate it modulates" : null);
    private static final Row<Lateness> LATENESS = Row.of("lateness", Lateness.class, null, "none",
            "lateness(fraction, max): that fraction (0 to 1) of records, chosen deterministically, carries an event "
                    + "time 1 ms to max (positive) earlier than planned, so they arrive out of order; never before "
                    + "the start of a virtual clock, so a backfill's records stay inside it.")
            .check((value, all) -> value == null ? null : !(value.fraction() >= 0 && value.fraction() <= 1)
                    ? "the fraction must be between 0 and 1"
                    : value.fraction() > 0 && (value.max() == null || !isPositive(value.max()))
                    ? "the maximum lateness must be positive" : null);
    private static final Row<String> ID_ROW = Row.of("id", String.class, null, "a random UUID",
            "The emulation id written into every envelope: 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit.")
            .check((value, all) -> value != null && !ID.matcher(value).matches()
                    ? "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit" : null);
    private static final Row<Boolean> RESUME = Row.of("resume", Boolean.class, false, "false",
            "Makes the emulation resumable: the sink keeps each worker lane's durable progress and the settings the "
                    + "emulation first started with; a later run with the same id and settings continues where the "
                    + "sink's durable state says it stopped, and ends with the records of one uninterrupted run. With "
                    + "nothing to resume it starts afresh, so the same command starts and resumes. Needs id; without "
                    + "seed, the seed is derived from the id. A sink that keeps no progress, or other settings than "
                    + "the stored ones (named), are refused. See docs/ARCHITECTURE.md, Resume.")
            .check((value, all) -> value && all.get(ID_ROW) == null
                    ? "needs id: the emulation to start or resume" : null);
    private static final Row<ErrorPolicy> ERROR_POLICY = Row.of("error_policy", ErrorPolicy.class, ErrorPolicy.FAIL,
            "FAIL", "What a worker does when the sink rejects a record: FAIL ends the emulation, CONTINUE counts it.")
            .check(Row.notNull());
    private static final Row<Duration> PROGRESS_INTERVAL = Row.of("progress_interval", Duration.class,
            Duration.ofSeconds(10), "10 s", "How often a progress line is logged at INFO and listeners get a progress call; positive.")
            .check((value, all) -> value == null || !isPositive(value) ? "must be positive" : null);
    private static final Row<Duration> CLOSE_TIMEOUT = Row.of("close_timeout", Duration.class,
            Duration.ofSeconds(60), "60 s", "How long Emulation.close() waits for the emulation to end; positive.")
            .check((value, all) -> value == null || !isPositive(value) ? "must be positive" : null);
    private static final Row<Map<String, String>> DOMAIN_OPTIONS = Row.of("domain_options", stringMap(), Map.of(), "none",
            "domainOption(key, value): options passed to the domain, validated by the domain when the emulation "
                    + "starts (e.g. labels=false for transactions). As text: entries domain_options.KEY.")
            .copies(Map::copyOf, LinkedHashMap::new);
    private static final Row<Map<String, String>> FAULTS = Row.of("faults", stringMap(), Map.of(), "none",
            "fault(key, value): labelled faults put into a share of the emitted records, chosen from the seed "
                    + "(duplicate, null, out_of_range, wrong_type, malformed, orphan) and a schema drift from an "
                    + "event time on, "
                    + "see docs/FAULTS.md; fields are checked against the domain's schema when the emulation starts. "
                    + "As text: entries faults.KIND=RATE, faults.KIND.rate, faults.KIND.fields and faults.drift.*.")
            .checkViolation((value, all) -> {
                try {
                    dev.dataemulator.core.internal.Faults.parse(value);
                    return null;
                } catch (InvalidSettingException e) {
                    return e.violations().get(0);
                }
            })
            .copies(Map::copyOf, LinkedHashMap::new);
    private static final Row<Boolean> FAULT_LABELS = Row.of("fault_labels", Boolean.class, true, "true",
            "Whether the labels of the records the faults setting damaged also go, as JSON lines {\"emulation_id\", "
                    + "\"seq\", \"key\", \"kind\", \"field\", \"original\"}, through the same sink to the resource "
                    + "RESOURCE_faults (in an object sink: the objects of the domain DOMAIN_faults); false keeps them on "
                    + "the records only (EmulatedRecord#fault(), the Kafka header). See docs/FAULTS.md.");
    private static final Row<Executor> EXECUTOR = Row.of("executor", Executor.class, null, "threads of its own",
            "Runs the workers on this executor; any size works: workers that start after the end simply return.");

    private static final Row<List<EmulationListener>> LISTENERS = Row.of("listeners", listenerList(), List.of(),
            "none", "listener(l): told about the emulation's start (on the starting thread), progress (every "
                    + "progress_interval) and end (from a thread of the emulation's own), never from the record loop; "
                    + "one that throws is logged and ignored.")
            .copies(List::copyOf, ArrayList::new).hidden();

    private static final Row<DomainRegistry> REGISTRY = Row.of("registry", DomainRegistry.class, null,
            "DomainRegistry.discover()", "The domains to use by name.")
            .resolve(DomainRegistry::discover).hidden();
    private static final Row<SinkRegistry> SINK_REGISTRY = Row.of("sink_registry", SinkRegistry.class, null,
            "SinkRegistry.discover()", "The sinks to use by name.")
            .resolve(SinkRegistry::discover).hidden();

    /** @return whether the spec's domains all make their own event times (then a virtual clock needs no rate) */
    private static boolean timedDomain(Values all) {
        DomainRegistry domains = all.get(REGISTRY);
        List<String> names = names(all.get(DOMAIN));
        return domains != null && !names.isEmpty()
                && names.stream().allMatch(domain -> domains.domains().contains(domain)
                        && domains.provider(domain).timed(all.get(DOMAIN_OPTIONS)));
    }

    /** @return the domain names of the domain setting's value, in order; empty for none */
    private static List<String> names(String domain) {
        if (domain == null || domain.isBlank()) {
            return List.of();
        }
        return List.of(domain.split(",", -1));
    }

    /** @return the domain names as the domain setting keeps them: stripped, joined by commas */
    private static String domainList(String name, String text) {
        List<String> names = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String domain = part.strip();
            if (domain.isEmpty() && !text.isBlank()) {
                throw new InvalidSettingException(name, text, "expected domain names, comma-separated "
                        + "(e.g. customers,accounts)");
            }
            names.add(domain);
        }
        return String.join(",", names);
    }

    /**
     * The max_records setting: a count for the domains not named ({@code all}, may be null) and counts by domain.
     * Shows as {@code 1000}, {@code card_payments=200000} or both, {@code 1000,card_payments=200000}.
     */
    private record Counts(Long all, Map<String, Long> named) {
        Counts {
            named = Map.copyOf(named);
        }

        Counts with(Long bare) {
            return new Counts(bare, named);
        }

        Counts with(String domain, long count) {
            Map<String, Long> more = new LinkedHashMap<>(named);
            more.put(domain, count);
            return new Counts(all, more);
        }

        static Counts parse(String name, String text) {
            Long bare = null;
            Map<String, Long> named = new LinkedHashMap<>();
            for (String part : text.split(",", -1)) {
                int eq = part.indexOf('=');
                String domain = eq < 0 ? null : part.substring(0, eq).strip();
                if (domain != null && domain.isEmpty() || domain == null && bare != null
                        || domain != null && named.containsKey(domain)) {
                    throw new InvalidSettingException(name, text, "expected a count N or DOMAIN=N entries, "
                            + "comma-separated, each domain once (e.g. 1000 or card_payments=200000,1000)");
                }
                long count;
                try {
                    count = SettingText.integer(name, eq < 0 ? part : part.substring(eq + 1), 1, Long.MAX_VALUE);
                } catch (InvalidSettingException e) {
                    throw new InvalidSettingException(name, text, e.violations().get(0).reason());
                }
                if (domain == null) {
                    bare = count;
                } else {
                    named.put(domain, count);
                }
            }
            return new Counts(bare, named);
        }

        String problem(List<String> domains, DomainRegistry registry, Map<String, String> options) {
            if (all != null && all < 1 || named.values().stream().anyMatch(count -> count < 1)) {
                return "must be at least 1";
            }
            for (String domain : new TreeSet<>(named.keySet())) {
                if (!domains.contains(domain)) {
                    return "counts records of '" + domain + "', which is not a domain of this run (domains: "
                            + domains + ")";
                }
            }
            if (all != null && domains.size() > 1 && registry != null
                    && domains.stream().allMatch(domain -> named.containsKey(domain)
                            || registry.contains(domain) && registry.provider(domain).capacity(options) != Long.MAX_VALUE)) {
                return "a bare count applies to the domains of the run without a count of their own and not named, "
                        + "and there are none: name the domain, e.g. " + domains.get(0) + "=" + all;
            }
            return null;
        }

        @Override
        public String toString() {
            StringJoiner text = new StringJoiner(",");
            if (all != null) {
                text.add(String.valueOf(all));
            }
            named.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> text.add(entry.getKey() + "=" + entry.getValue()));
            return text.toString();
        }
    }

    // ---- the text form of each setting: its kind, unit, one parser (SettingText) and the text toSettings() gives ----

    static {
        DOMAIN.text("name", "", EmulationSpec::domainList, value -> value);
        SINK_NAME.text("name", "", (name, text) -> text.strip(), value -> value);
        SINK_CONFIG.text("map", "", null, null);
        THREADS.text("integer", "threads", (name, text) -> (int) SettingText.integer(name, text, 1, MAX_THREADS),
                String::valueOf);
        DURATION.text("duration", "seconds when a bare number", SettingText::duration, SettingText::text);
        MAX_RECORDS.text("integer", "records; DOMAIN=N per domain", Counts::parse, Counts::toString);
        RATE.text("rate", "records per second", SettingText::rate, SettingText::number);
        SEED.text("integer", "", (name, text) -> SettingText.integer(name, text, Long.MIN_VALUE, Long.MAX_VALUE),
                String::valueOf);
        RESOURCE.text("name", "", (name, text) -> text, value -> value);
        ENVELOPE.text("boolean", "", SettingText::bool, String::valueOf);
        SHARD.text("shard", "I/N", EmulationSpec::shard, Shard::toString);
        CLOCK.text("instant", "a clock fixed there", SettingText::fixedClock, SettingText::text);
        EVENT_TIME.text("event time", "", SettingText::eventTime, SettingText::text);
        RATE_CURVE.text("curve", "", SettingText::rateCurve, SettingText::text);
        LATENESS.text("lateness", "FRACTION:MAX", (name, text) -> {
            EventTimeOptions.Lateness lateness = SettingText.lateness(name, text);
            return new Lateness(lateness.fraction(), lateness.max());
        }, value -> value.max() == null ? null : SettingText.latenessText(value.fraction(), value.max()));
        ID_ROW.text("text", "", (name, text) -> text.strip(), value -> value);
        RESUME.text("boolean", "", SettingText::bool, String::valueOf);
        ERROR_POLICY.text("choice", "fail or continue", EmulationSpec::errorPolicy,
                value -> value.name().toLowerCase(Locale.ROOT));
        PROGRESS_INTERVAL.text("duration", "seconds when a bare number", SettingText::duration, SettingText::text);
        CLOSE_TIMEOUT.text("duration", "seconds when a bare number", SettingText::duration, SettingText::text);
        DOMAIN_OPTIONS.text("map", "", null, null);
        FAULTS.text("map", "", null, null);
        FAULT_LABELS.text("boolean", "", SettingText::bool, String::valueOf);
    }

    /** The rows with a text form, by name. */
    private static final Map<String, Row<?>> BY_NAME = byName();

    private static Map<String, Row<?>> byName() {
        Map<String, Row<?>> byName = new LinkedHashMap<>();
        for (Row<?> row : ROWS) {
            byName.put(row.name, row);
        }
        return Map.copyOf(byName);
    }

    private static Shard shard(String name, String text) {
        String[] parts = text.split("/", -1);
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (RuntimeException e) {
            throw new InvalidSettingException(name, text, "expected I/N, e.g. 0/3, with 0 <= I < N");
        }
    }

    private static ErrorPolicy errorPolicy(String name, String text) {
        try {
            return ErrorPolicy.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(name, text, "expected fail or continue");
        }
    }

    private final Object[] values;

    private EmulationSpec(Object[] values) {
        this.values = values;
    }

    /** @return a builder with the defaults: 1 thread, envelope on, system UTC clock, discovered providers */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's settings */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /**
     * @return every setting with its default and description, in the order they are validated and shown; the
     *     settings documentation is generated from it
     */
    public static List<Setting> settings() {
        return ROWS.stream().filter(row -> row.description != null)
                .map(row -> new Setting(row.name, row.kind, row.unit, row.defaultText, row.description)).toList();
    }

    private <T> T get(Row<T> row) {
        return row.type.cast(values[row.index]);
    }

    /** @return the domain name; for a run of several domains, their names joined by commas (see {@link #domains()}) */
    public String domain() {
        return get(DOMAIN);
    }

    /** @return the domains of the run, in order: one, or several run as one emulation */
    public List<String> domains() {
        return names(get(DOMAIN));
    }

    /**
     * The spec of one domain of the run, as a run of several domains starts it (the Kafka connector and the Spark
     * source derive their per-domain specs the same way, so they make the same records): the same settings with
     * {@code domain} set to it, and the count that applies to it. A count named for the domain applies; a domain with
     * a count of its own ({@link dev.dataemulator.core.spi.DomainProvider#capacity(Map)}, a declarative
     * {@code count}) otherwise emits all its records, without a duration or a bare count; any other domain takes the
     * bare count and the duration. A spec of one domain is returned as it is.
     *
     * @param name one of {@link #domains()}
     * @return the spec of that domain alone
     * @throws IllegalArgumentException when {@code name} is not a domain of the run
     */
    public EmulationSpec forDomain(String name) {
        List<String> domains = domains();
        if (!domains.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a domain of this run " + domains);
        }
        if (domains.size() == 1) {
            return this;
        }
        Counts counts = get(MAX_RECORDS);
        Long named = counts == null ? null : counts.named().get(name);
        boolean finite = registry().provider(name).capacity(domainOptions()) != Long.MAX_VALUE;
        Long count = named != null ? named : finite || counts == null ? null : counts.all();
        Builder builder = toBuilder();
        builder.values[DOMAIN.index] = name;
        builder.values[MAX_RECORDS.index] = count == null ? null : new Counts(count, Map.of());
        if (finite) {
            builder.values[DURATION.index] = null;
        }
        return builder.build();
    }

    /**
     * A run that emits a domain whose records refer to another's (a declarative {@code ref}) without that domain and
     * without a seed of its own makes references that resolve only against the parent emitted with the same seed,
     * which a later run with a random seed will not be; the runner logs this warning when it starts such a run.
     *
     * @return the warning, naming the domains and how to avoid it; empty when the seed is given or every domain
     *     referred to is in the run
     */
    public Optional<String> referenceWarning() {
        if (seed().isPresent()) {
            return Optional.empty();
        }
        List<String> domains = domains();
        StringJoiner warning = new StringJoiner("; ");
        for (String domain : domains) {
            Set<String> missing = new TreeSet<>(registry().provider(domain).references());
            missing.removeAll(domains);
            if (!missing.isEmpty()) {
                warning.add("domain '" + domain + "' refers to records of " + missing + ", which this run does not "
                        + "emit");
            }
        }
        if (warning.length() == 0) {
            return Optional.empty();
        }
        List<String> together = new ArrayList<>(domains);
        domains.forEach(domain -> registry().provider(domain).references().stream()
                .filter(parent -> !together.contains(parent)).forEach(parent -> together.add(0, parent)));
        return Optional.of(warning + ", and no seed was given: its references resolve only against the parent "
                + "records emitted with the same seed. Give the seed (--seed) of the run "
                + "that emitted the parents, or run the domains together (--domain " + String.join(",", together)
                + ").");
    }

    /** @return the sink's name when it is built from configuration */
    public Optional<String> sinkName() {
        return Optional.ofNullable(get(SINK_NAME));
    }

    /** @return the sink configuration (empty with a sink instance) */
    public Map<String, String> sinkConfig() {
        Map<String, String> config = get(SINK_CONFIG);
        return get(SINK_NAME) == null || config == null ? Map.of() : config;
    }

    /** @return the sink instance when one was given; the runner flushes it but never closes it */
    public Optional<SyncProducer> sinkInstance() {
        return Optional.ofNullable(get(EmulationSpec.SINK_INSTANCE));
    }

    /** @return the number of worker threads */
    public int threads() {
        return get(THREADS);
    }

    /** @return how long to run, if bounded by time */
    public Optional<Duration> duration() {
        return Optional.ofNullable(get(DURATION));
    }

    /**
     * @return how many of the domain's records to make at most, if bounded by count: records {@code 0..maxRecords-1};
     *     with a {@link #shardCount() shard} this bounds the domain's sequence numbers, and the shard makes those of
     *     them it owns
     */
    public OptionalLong maxRecords() {
        Counts counts = get(MAX_RECORDS);
        Long value = counts == null ? null : counts.named().getOrDefault(domain(), counts.all());
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * @param domain a domain of the run
     * @return the count named for {@code domain}, else the bare count, if any (before {@link #forDomain(String)}
     *     decides whether the bare count applies to it)
     */
    public OptionalLong maxRecords(String domain) {
        Counts counts = get(MAX_RECORDS);
        Long value = counts == null ? null : counts.named().getOrDefault(domain, counts.all());
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** @return the global rate limit in records per second, if any */
    public OptionalDouble ratePerSecond() {
        Double value = get(RATE);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** @return the seed, if fixed; otherwise each emulation picks one at random and reports it */
    public OptionalLong seed() {
        Long value = get(SEED);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** @return the topic or bucket override, if any */
    public Optional<String> resource() {
        return Optional.ofNullable(get(RESOURCE));
    }

    /**
     * @return the topic or bucket records go to: the override, else the registry's mapping; for several domains,
     *     each domain's, joined by commas
     */
    public String targetResource() {
        String resource = get(RESOURCE);
        if (resource != null) {
            return resource;
        }
        StringJoiner resources = new StringJoiner(",");
        domains().forEach(domain -> resources.add(registry().resourceFor(domain)));
        return resources.toString();
    }

    /**
     * @return whether records are wrapped in the envelope {@code {"emulation_id", "timestamp", "data"}}, the record
     *     shape of the Python service this library replaces (the glossary of docs/ARCHITECTURE.md says more)
     */
    public boolean envelope() {
        return get(ENVELOPE);
    }

    /**
     * @return whether the labels of damaged records also go to the resource {@code <resource>_faults} (default
     *     {@code true}); see docs/FAULTS.md
     */
    public boolean faultLabels() {
        return get(FAULT_LABELS);
    }

    /** @return the executor that runs the workers, if given; otherwise the runner starts its own threads */
    public Optional<Executor> executor() {
        return Optional.ofNullable(get(EXECUTOR));
    }

    /** @return the clock of timestamps and of the duration */
    public Clock clock() {
        return get(CLOCK);
    }

    /** @return how records get their event time; default {@link EventTime#live()} */
    public EventTime eventTime() {
        return get(EVENT_TIME);
    }

    /** @return how the rate varies over the day or week; default {@link RateCurve#flat()} */
    public RateCurve rateCurve() {
        return get(RATE_CURVE);
    }

    /** @return the share of records that are late, 0 to 1; default 0 */
    public double latenessFraction() {
        Lateness lateness = get(LATENESS);
        return lateness == null ? 0 : lateness.fraction();
    }

    /** @return the most a late record is moved earlier; {@link Duration#ZERO} without lateness */
    public Duration latenessMax() {
        Lateness lateness = get(LATENESS);
        return lateness == null || lateness.max() == null ? Duration.ZERO : lateness.max();
    }

    /** @return the domain registry */
    public DomainRegistry registry() {
        return get(EmulationSpec.REGISTRY);
    }

    /** @return the sink registry */
    public SinkRegistry sinkRegistry() {
        return get(EmulationSpec.SINK_REGISTRY);
    }

    /** @return the emulation id, if fixed; otherwise each emulation gets a random UUID */
    public Optional<String> id() {
        return Optional.ofNullable(get(ID_ROW));
    }

    /**
     * @return whether the emulation is resumable: its sink keeps each lane's durable progress, and a run finding
     *     progress of the same {@link #id()} continues from it
     */
    public boolean resume() {
        return get(RESUME);
    }

    /** @return options passed to the domain (e.g. {@code labels=false} for transactions) */
    public Map<String, String> domainOptions() {
        return get(DOMAIN_OPTIONS);
    }

    /**
     * @return the faults setting's entries after {@code faults.} (e.g. {@code duplicate=0.01},
     *     {@code null.rate=0.005}, {@code null.fields=amount}); empty for clean records
     */
    public Map<String, String> faults() {
        return get(FAULTS);
    }

    /** @return what a worker does when the sink rejects a record */
    public ErrorPolicy errorPolicy() {
        return get(ERROR_POLICY);
    }

    /** @return how often a progress line is logged at INFO and {@link EmulationListener#progress} is called */
    public Duration progressInterval() {
        return get(PROGRESS_INTERVAL);
    }

    /** @return how long {@link Emulation#close()} waits for the emulation to end */
    public Duration closeTimeout() {
        return get(CLOSE_TIMEOUT);
    }

    /** @return which shard of the domain's record stream this emulation makes, from 0 (default 0) */
    public int shardIndex() {
        return get(SHARD).index();
    }

    /** @return how many shards the domain's record stream is split into (default 1: the whole stream) */
    public int shardCount() {
        return get(SHARD).count();
    }

    /** @return the listeners told about the emulation's start, progress and end, in the order added */
    public List<EmulationListener> listeners() {
        return get(LISTENERS);
    }

    /**
     * @return every setting that is set, by name, e.g. {@code EmulationSpec[domain=transaction, sink=kafka,
     *     sink.config=[bootstrap.servers], threads=1, ...]}; sink configuration values are left out (they may be
     *     secrets), only their keys are shown; the registries are left out
     */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "EmulationSpec[", "]");
        for (Row<?> row : ROWS) {
            if (row.shownInToString && values[row.index] != null) {
                joiner.add(row.name + "=" + row.display(values[row.index]));
            }
        }
        return joiner.toString();
    }

    /**
     * The spec as text: every setting that is set and has a text form, by its snake_case name, in the form
     * {@link Builder#set(String, String)} reads. Setting each entry on a fresh builder (with the same registries and,
     * for a sink instance, the same instance) builds a spec whose {@code toSettings()} is equal. Sink configuration
     * entries are {@code sink_config.KEY} and domain options {@code domain_options.KEY}; a clock shows as
     * {@code clock} only when fixed (in UTC); settings without a text form (a sink instance, the executor, listeners,
     * the registries) are left out. Unlike {@link #toString()}, sink configuration values are included: treat the map
     * as holding secrets.
     *
     * @return the settings, in the table's order
     */
    public Map<String, String> toSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Row<?> row : ROWS) {
            Object value = values[row.index];
            if (value == null) {
                continue;
            }
            if (row == SINK_CONFIG || row == DOMAIN_OPTIONS || row == FAULTS) {
                if (row != SINK_CONFIG || get(SINK_NAME) != null) {
                    stringMap().cast(value).forEach((key, text) -> settings.put(row.name + "." + key, text));
                }
            } else if (row.format != null) {
                String text = row.formatted(value);
                if (text != null) {
                    settings.put(row.name, text);
                }
            }
        }
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Class<List<EmulationListener>> listenerList() {
        return (Class<List<EmulationListener>>) (Class<?>) List.class;
    }

    @SuppressWarnings("unchecked")
    private static Class<Map<String, String>> stringMap() {
        return (Class<Map<String, String>>) (Class<?>) Map.class;
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /**
     * Collects settings; {@link #build()} validates them all at once. Not thread-safe.
     */
    public static final class Builder {
        private final Object[] values = new Object[ROWS.size()];

        private Builder() {
            for (Row<?> row : ROWS) {
                values[row.index] = row.thaw(row.initial);
            }
        }

        private Builder(Object[] spec) {
            for (Row<?> row : ROWS) {
                values[row.index] = row.thaw(spec[row.index]);
            }
        }

        private <T> Builder set(Row<T> row, T value) {
            values[row.index] = value;
            return this;
        }

        /**
         * Sets a setting from its text form, by its snake_case name in {@link EmulationSpec#settings()}: e.g.
         * {@code set("max_records", "1000")}, {@code set("duration", "30")} (a bare number is seconds),
         * {@code set("event_time", "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z")}. A sink's own setting is
         * {@code sink_config.KEY}, a domain option {@code domain_options.KEY}. Each kind of value is read by its one
         * parser in {@link SettingText}; checks across settings still run at {@link #build()}.
         *
         * @param name the setting's snake_case name
         * @param value its text form
         * @return this builder
         * @throws InvalidSettingException naming the setting and the value when the name is unknown (with the
         *     closest known name), the setting has no text form, or the text is not of the setting's kind
         */
        public Builder set(String name, String value) {
            if (name == null) {
                throw new InvalidSettingException("(setting)", value, "a setting name is required");
            }
            int dot = name.indexOf('.');
            String prefix = dot < 0 ? name : name.substring(0, dot);
            if (dot > 0 && (prefix.equals(SINK_CONFIG.name) || prefix.equals(DOMAIN_OPTIONS.name)
                    || prefix.equals(FAULTS.name))) {
                String key = name.substring(dot + 1);
                if (key.isEmpty() || value == null) {
                    throw new InvalidSettingException(name, value, "needs a key after '" + prefix + ".' and a value");
                }
                Row<Map<String, String>> row = prefix.equals(SINK_CONFIG.name) ? SINK_CONFIG
                        : prefix.equals(FAULTS.name) ? FAULTS : DOMAIN_OPTIONS;
                if (values[row.index] == null) {
                    values[row.index] = new LinkedHashMap<String, String>();
                }
                row.type.cast(values[row.index]).put(key, value);
                return this;
            }
            Row<?> row = BY_NAME.get(name);
            if (row == null || row.description == null) {
                // a dotted name is most likely an entry under a misspelt prefix (sink_confg.password): its value
                // may be a secret, so it is not shown
                throw new InvalidSettingException(name, dot > 0 && value != null ? "****" : value,
                        "unknown setting" + didYouMean(dot > 0 ? prefix : name));
            }
            if (row.parse == null) {
                throw new InvalidSettingException(name, value, row.format == null && row.kind.equals("map")
                        ? "is a map: set its entries as " + name + ".KEY"
                        : "has no text form: set it with the builder's method");
            }
            if (value == null) {
                throw new InvalidSettingException(name, null, "needs a value");
            }
            values[row.index] = row.parse.parse(name, value);
            if (row == SINK_NAME && values[SINK_CONFIG.index] == null) {
                values[SINK_CONFIG.index] = new LinkedHashMap<String, String>();
            }
            return this;
        }

        private static String didYouMean(String name) {
            List<String> known = settings().stream().filter(Setting::hasText).map(Setting::name).toList();
            String best = SettingText.closest(name, known);
            return (best != null ? "; did you mean '" + best + "'?" : "") + " (known: " + known + ")";
        }

        /** The domain to emulate, e.g. {@code "transaction"}. Required. */
        public Builder domain(String domain) {
            return set(DOMAIN, domain);
        }

        /**
         * Several domains run as one emulation (see {@link EmulationSpec#forDomain(String)}): one id and seed, each
         * domain to its own resource, a report per domain ({@link EmulationReport#perDomain()}).
         */
        public Builder domains(List<String> domains) {
            return set(DOMAIN, domains == null ? null : String.join(",", domains));
        }

        /**
         * A sink built by name from configuration (e.g. {@code "kafka"} with {@code bootstrap.servers}); the
         * emulation creates and closes it.
         */
        public Builder sink(String name, Map<String, String> config) {
            set(SINK_NAME, name);
            return set(SINK_CONFIG, config == null ? null : new LinkedHashMap<>(config));
        }

        /** A sink instance owned by the caller: the emulation sets it up and flushes it, but does not close it. */
        public Builder sink(SyncProducer instance) {
            return set(EmulationSpec.SINK_INSTANCE, instance);
        }

        /** Worker threads, 1..{@value EmulationSpec#MAX_THREADS}; default 1. */
        public Builder threads(int threads) {
            return set(THREADS, threads);
        }

        /** How long to run ({@code timeout} in the Python service this library replaces); positive. Default: unbounded. */
        public Builder duration(Duration duration) {
            return set(DURATION, duration);
        }

        /**
         * How many records to make at most, exactly that many unless stopped earlier: records
         * {@code seq = 0 .. maxRecords-1}; at least 1. With {@link #shard(int, int)} it still bounds the domain's
         * sequence numbers (as the Kafka Connect connector's {@code max.records} does): the shard makes the records
         * below {@code maxRecords} it owns, so all shards together make exactly {@code maxRecords}. Default:
         * unbounded.
         */
        public Builder maxRecords(long maxRecords) {
            Counts counts = MAX_RECORDS.type.cast(values[MAX_RECORDS.index]);
            return set(MAX_RECORDS, counts == null ? new Counts(maxRecords, Map.of()) : counts.with(maxRecords));
        }

        /**
         * How many records of one domain of the run to make ({@code max_records} entry {@code domain=N}): it applies
         * to that domain whether or not it has a count of its own, and a bare {@link #maxRecords(long)} to the
         * others without one.
         */
        public Builder maxRecords(String domain, long maxRecords) {
            Counts counts = MAX_RECORDS.type.cast(values[MAX_RECORDS.index]);
            return set(MAX_RECORDS, (counts == null ? new Counts(null, Map.of()) : counts)
                    .with(Objects.requireNonNull(domain, "domain"), maxRecords));
        }

        /** A global rate limit shared by all workers, in records per second; positive. Default: as fast as possible. */
        public Builder ratePerSecond(double ratePerSecond) {
            return set(RATE, ratePerSecond);
        }

        /** Makes the records reproducible: record {@code seq} depends only on the seed, the domain and {@code seq}. */
        public Builder seed(long seed) {
            return set(SEED, seed);
        }

        /** Overrides the domain's topic or bucket. */
        public Builder resource(String resource) {
            return set(RESOURCE, resource);
        }

        /** Wrap records in {@code {"emulation_id", "timestamp", "data"}} (default) or emit {@code data} alone. */
        public Builder envelope(boolean envelope) {
            return set(ENVELOPE, envelope);
        }

        /**
         * Runs the workers on this executor instead of threads of the emulation's own. Any size works: workers that
         * start after the emulation ended simply return.
         */
        public Builder executor(Executor executor) {
            return set(EXECUTOR, executor);
        }

        /** The clock of record timestamps and of the duration; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            return set(CLOCK, clock);
        }

        /**
         * How records get their event time: {@link EventTime#live()} (default), {@link EventTime#backfill} or
         * {@link EventTime#accelerated}. A virtual clock needs {@link #ratePerSecond(double)}, read then as the
         * average rate in records per event second.
         */
        public Builder eventTime(EventTime eventTime) {
            return set(EVENT_TIME, eventTime);
        }

        /**
         * How the rate varies over the day or week; default {@link RateCurve#flat()}. A curve other than flat needs
         * {@link #ratePerSecond(double)}, which is then its average.
         */
        public Builder rateCurve(RateCurve rateCurve) {
            return set(RATE_CURVE, rateCurve);
        }

        /**
         * Makes {@code fraction} of the records (chosen deterministically from the seed) late: their event time is
         * moved 1 ms to {@code max} earlier than planned, so they arrive out of order. Default: none.
         *
         * @param fraction from 0 to 1
         * @param max positive when {@code fraction} is above 0
         */
        public Builder lateness(double fraction, Duration max) {
            return set(LATENESS, new Lateness(fraction, max));
        }

        /** The domains to use; default {@link DomainRegistry#discover()}. */
        public Builder registry(DomainRegistry registry) {
            return set(EmulationSpec.REGISTRY, registry);
        }

        /** The sinks to use by name; default {@link SinkRegistry#discover()}. */
        public Builder sinkRegistry(SinkRegistry sinkRegistry) {
            return set(EmulationSpec.SINK_REGISTRY, sinkRegistry);
        }

        /** Fixes the emulation id (letters, digits, {@code . _ -}, up to 64); default a random UUID. */
        public Builder id(String id) {
            return set(ID_ROW, id);
        }

        /**
         * Makes the emulation resumable (needs {@link #id(String)}): its sink keeps each lane's durable progress and
         * the settings it first started with, and a run that finds progress of the same id continues from it; with
         * nothing to resume it starts afresh. Default: false.
         */
        public Builder resume(boolean resume) {
            return set(RESUME, resume);
        }

        /** Passes an option to the domain (validated by the domain when the emulation starts). */
        public Builder domainOption(String key, String value) {
            Map<String, String> options = DOMAIN_OPTIONS.type.cast(values[DOMAIN_OPTIONS.index]);
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets one entry of the faults setting: {@code fault("duplicate", "0.01")}, {@code fault("null.rate",
         * "0.005")}, {@code fault("null.fields", "amount,currency")}; checked by {@link #build()} and, against the
         * domain's schema, when the emulation starts.
         */
        public Builder fault(String key, String value) {
            Map<String, String> faults = FAULTS.type.cast(values[FAULTS.index]);
            faults.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Whether the labels of damaged records also go to the resource {@code <resource>_faults} through the same
         * sink (default {@code true}); {@code false} keeps them on the records only.
         */
        public Builder faultLabels(boolean faultLabels) {
            return set(FAULT_LABELS, faultLabels);
        }

        /** What to do when the sink rejects a record; default {@link ErrorPolicy#FAIL}. */
        public Builder errorPolicy(ErrorPolicy errorPolicy) {
            return set(ERROR_POLICY, errorPolicy);
        }

        /** How often a progress line is logged at INFO and listeners get a progress call; default 10 s. */
        public Builder progressInterval(Duration progressInterval) {
            return set(PROGRESS_INTERVAL, progressInterval);
        }

        /**
         * Adds a listener told about the emulation's start (on the starting thread), progress (every
         * {@link #progressInterval(Duration)}) and end (both from a thread of the emulation's own), never from the
         * record loop; one that throws is logged and ignored. See {@link EmulationListener}. Default: none.
         */
        public Builder listener(EmulationListener listener) {
            LISTENERS.type.cast(values[LISTENERS.index]).add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How long {@link Emulation#close()} waits for the end; default 60 s. */
        public Builder closeTimeout(Duration closeTimeout) {
            return set(CLOSE_TIMEOUT, closeTimeout);
        }

        /**
         * Makes this emulation one of {@code count} that share a domain's record stream: it makes the records
         * {@code seq = index, index + count, index + 2 * count, ...}. Runners on several machines with the same seed,
         * the same count and each its own index together make exactly the records one runner would (the same
         * interleaving as the Kafka Connect source connector's shards, see {@link dev.dataemulator.core.support.Shards});
         * {@code maxRecords} still bounds the domain's records, so the shards together make exactly that many.
         * Default: shard 0 of 1.
         */
        public Builder shard(int index, int count) {
            return set(SHARD, new Shard(index, count));
        }

        /**
         * @return the spec
         * @throws InvalidSettingException listing every invalid setting with its value
         */
        public EmulationSpec build() {
            Object[] spec = new Object[values.length];
            for (Row<?> row : ROWS) {
                spec[row.index] = row.freeze(values[row.index]);
            }
            Values all = new Values(spec);
            List<Violation> violations = new ArrayList<>();
            for (Row<?> row : ROWS) {
                Violation violation = row.validate(all);
                if (violation != null) {
                    violations.add(violation);
                }
            }
            if (!violations.isEmpty()) {
                throw new InvalidSettingException(violations);
            }
            return new EmulationSpec(spec);
        }
    }

    /** The settings being validated, for checks that read other settings. */
    private record Values(Object[] values) {
        <T> T get(Row<T> row) {
            return row.type.cast(values[row.index]);
        }
    }

    /** A check of one setting: what is wrong with {@code value}, or {@code null}. */
    @FunctionalInterface
    private interface Check<T> {
        String problem(T value, Values all);
    }

    /** Reads a setting's text; {@code name} names the setting in the error. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String name, String text);
    }

    /** A check that names its own setting and value (the sink's checks, which read two settings). */
    @FunctionalInterface
    private interface ViolationCheck<T> {
        Violation violation(T value, Values all);
    }

    /**
     * One row of the settings table. Rows register themselves in {@link #ROWS} in declaration order, which is the
     * order of validation and of {@link EmulationSpec#toString()}. Checks run after every row's default is
     * resolved, so a check may read any other row (through {@link Values}; rows declared later are named with the
     * class prefix, as the language asks of forward references).
     */
    private static final class Row<T> {
        final String name;
        final Class<T> type;
        final T initial;
        final String defaultText;
        final String description;
        final int index;
        ViolationCheck<T> check = (value, all) -> null;
        Function<T, String> show = String::valueOf;
        UnaryOperator<T> freeze = UnaryOperator.identity();
        UnaryOperator<T> thaw = UnaryOperator.identity();
        Supplier<T> resolve;
        boolean shownInToString = true;
        String kind = "object";
        String unit = "";
        Parser<T> parse;
        Function<T, String> format;

        private Row(String name, Class<T> type, T initial, String defaultText, String description) {
            this.name = name;
            this.type = type;
            this.initial = initial;
            this.defaultText = defaultText;
            this.description = description;
            synchronized (ROWS) {
                this.index = ROWS.size();
                ROWS.add(this);
            }
        }

        static <T> Row<T> of(String name, Class<T> type, T initial, String defaultText, String description) {
            return new Row<>(name, type, initial, defaultText, description);
        }

        static <T> Check<T> notNull() {
            return (value, all) -> value == null ? "must not be null" : null;
        }

        Row<T> check(Check<T> problem) {
            this.check = (value, all) -> {
                String reason = problem.problem(value, all);
                return reason == null ? null : new Violation(name, value == null ? null : show.apply(value), reason);
            };
            return this;
        }

        Row<T> checkViolation(ViolationCheck<T> violation) {
            this.check = violation;
            return this;
        }

        Row<T> show(Function<T, String> display) {
            this.show = display;
            return this;
        }

        /** How the spec keeps a value (an immutable copy) and how a builder edits it (a mutable copy). */
        Row<T> copies(UnaryOperator<T> immutable, UnaryOperator<T> mutable) {
            this.freeze = value -> value == null ? null : immutable.apply(value);
            this.thaw = value -> value == null ? null : mutable.apply(value);
            return this;
        }

        /** The row's text form: its kind and unit, its parser and its text (null when the value has none). */
        void text(String kindOfValue, String unitOfValue, Parser<T> parser, Function<T, String> formatter) {
            this.kind = kindOfValue;
            this.unit = unitOfValue;
            this.parse = parser;
            this.format = formatter;
        }

        String formatted(Object value) {
            return format.apply(type.cast(value));
        }

        Row<T> resolve(Supplier<T> defaultAtBuild) {
            this.resolve = defaultAtBuild;
            return this;
        }

        Row<T> hidden() {
            this.shownInToString = false;
            return this;
        }

        Object freeze(Object value) {
            T typed = type.cast(value);
            if (typed == null && resolve != null) {
                return resolve.get();
            }
            return freeze.apply(typed);
        }

        Object thaw(Object value) {
            return thaw.apply(type.cast(value));
        }

        Violation validate(Values all) {
            return check.violation(all.get(this), all);
        }

        String display(Object value) {
            return value == null ? null : show.apply(type.cast(value));
        }
    }
}
