package dev.dataemulator.kafka;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.support.Checkpoints;
import dev.dataemulator.core.support.Lanes;
import dev.dataemulator.kafka.internal.CheckpointStore;
import dev.dataemulator.kafka.internal.Delivery;
import dev.dataemulator.kafka.internal.LaneWriter;
import dev.dataemulator.kafka.internal.KafkaSettings;
import dev.dataemulator.kafka.internal.RegistryValues;
import dev.dataemulator.core.support.TopicNames;
import dev.dataemulator.kafka.internal.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends emulated records to Kafka topics: the sink {@code "kafka"}.
 *
 * <p><b>Records.</b> Key: the record key the runner passes (the domain key, e.g. the transaction id), as a UTF-8
 * string. Value, as {@value #VALUE_FORMAT} says: {@code json} (default) {@link EmulatedRecord#json()}, sent as it is;
 * {@code avro} or {@code json_schema} Confluent's wire format (magic byte {@code 0}, the schema id as a 4-byte
 * big-endian int, then the Avro binary encoding of the record's typed fields, or its JSON text), the domain's schema
 * registered with the schema registry once per topic on the first record and its id kept. Headers
 * {@value #HEADER_EMULATION_ID}, {@value #HEADER_DOMAIN} and {@value #HEADER_SEQ} (decimal), all UTF-8. The Kafka
 * timestamp is the send time by default, so a run with a fixed or logical clock never writes records that retention
 * deletes at once; with {@value #RECORD_TIMESTAMP}{@code =event} it is the record's event time
 * ({@link EmulatedRecord#eventTime()}), so stream processors window on it.
 *
 * <p><b>Settings</b> ({@link #create(Map)}):
 * <ul>
 *   <li>{@value #BOOTSTRAP_SERVERS} (required): {@code host:port[,host:port...]}.</li>
 *   <li>Every other {@code kafka-clients} producer setting passes through unchanged ({@code security.protocol},
 *       {@code sasl.*}, {@code ssl.*}, {@code client.id}, ...); the admin client that sets topics up receives the
 *       ones it knows. Keys the producer does not know are passed on and logged as possibly misspelled.</li>
 *   <li>{@value #USERNAME} / {@value #PASSWORD}: SASL credentials. They build {@code sasl.jaas.config} for
 *       {@code sasl.mechanism} (default {@value #DEFAULT_SASL_MECHANISM}; PLAIN and SCRAM-SHA-256 work too) and
 *       set {@code security.protocol} to {@code SASL_SSL} unless it is given (e.g. {@code SASL_PLAINTEXT}). The
 *       password is never logged; {@link #toString()} masks it, like every key naming a password, secret or JAAS
 *       config.</li>
 *   <li>{@value #TOPIC_PARTITIONS} (default {@value #DEFAULT_PARTITIONS}): partitions of a topic the sink creates.</li>
 *   <li>{@value #TOPIC_REPLICATION_FACTOR} (default: the number of live brokers, at most 3, logged when fewer than
 *       3): replication factor of a topic the sink creates.</li>
 *   <li>{@value #TOPIC_CONFIG_PREFIX}{@code <name>}: a topic config for a topic the sink creates, e.g.
 *       {@code topic_config.retention.ms=3600000}.</li>
 *   <li>{@value #SETUP_TIMEOUT} (default 30 s): how long {@link #setupResource(String)} may take, e.g. {@code 10s}.</li>
 *   <li>{@value #CLOSE_TIMEOUT} (default 30 s): how long {@link #close()} waits for outstanding records.</li>
 *   <li>{@value #VALUE_FORMAT} (default {@code json}): {@code json}, {@code avro} or {@code json_schema}; the last two
 *       need {@value #SCHEMA_REGISTRY_URL}, a Confluent-compatible schema registry API (Confluent, Apicurio's
 *       {@code /apis/ccompat/v7}, Karapace, Redpanda), with {@value #SCHEMA_REGISTRY_USER} /
 *       {@value #SCHEMA_REGISTRY_PASSWORD} for basic auth (the password never logged).
 *       {@value #SUBJECT_NAME_STRATEGY}: {@code topic} ({@code <topic>-value}, default), {@code record} (the record's
 *       full name) or {@code topic_record} ({@code <topic>-<record name>}). {@value #AUTO_REGISTER} (default
 *       {@code true}): register the schema; with {@code false} the subject's latest version must be the domain's
 *       schema, else the first record fails and the emulation is aborted naming the subject. The registry must answer
 *       during {@link #setupResource(String)} (retried within {@value #SETUP_TIMEOUT}); after the schema is
 *       registered, the registry is not needed again.</li>
 *   <li>{@value #RECORD_TIMESTAMP} (default {@code send}): {@code send} (the producer's send time) or {@code event}
 *       (the record's event time). With {@code event}, set-up reads the topic's {@code retention.ms} and the first
 *       record whose event time is older than that logs a warning: the broker deletes such records at once; raise
 *       the topic's {@code retention.ms} (or {@code topic_config.retention.ms} for a topic the sink creates) or use
 *       {@code send}.</li>
 *   <li>{@value #EXACTLY_ONCE} (default {@code false}): each worker lane writes through a transactional producer of its
 *       own ({@code transactional.id} {@code emulator-<topic>-<emulation id>-<lane>}, {@code linger.ms} times the
 *       lane count in a resumable emulation, since each carries that share of the records), committing every
 *       {@value #CHECKPOINT_INTERVAL}; records are reported delivered when their transaction commits. With
 *       {@code resume=true} each transaction also carries the lane's checkpoint, so consumers with
 *       {@code isolation.level=read_committed} see every record exactly once across any number of crashes and
 *       resumes. Needs a broker that allows transactions (and, with ACLs, WRITE and DESCRIBE on the transactional
 *       ids).</li>
 *   <li>{@value #CHECKPOINT_TOPIC} (default {@value #DEFAULT_CHECKPOINT_TOPIC}): the compacted topic (created with one
 *       partition) where a resumable emulation ({@code resume=true}) keeps the settings it first started with and
 *       each lane's checkpoint. Without {@value #EXACTLY_ONCE}, a lane's checkpoint is written after its records are
 *       acknowledged: a resume continues from the last checkpoint, at least once (records after it may be written
 *       twice).</li>
 *   <li>{@value #CHECKPOINT_INTERVAL} (default 2 s): how often each lane commits its transaction or writes its
 *       checkpoint, at its first record after the interval; read_committed consumers see records that much
 *       later.</li>
 * </ul>
 * The emulator's own keys are snake_case; Kafka client keys keep Kafka's dotted names. A key that is neither the
 * sink's own nor a kafka-clients producer or admin client setting is an error, with the closest known key ("did you
 * mean"); so are the former dotted names of the emulator's keys ({@code topic.partitions}, {@code close.timeout},
 * ...), with a pointer to the new name.
 *
 * <p><b>Producer defaults</b>, each overridable: {@code acks=all}, {@code enable.idempotence=true},
 * {@code linger.ms=5}, {@code batch.size=65536}, {@code compression.type=lz4} (JSON compresses about 3×, which makes
 * sending faster), {@code max.block.ms=30000} (how long {@code produce} blocks on a full buffer, the back-pressure,
 * or on missing metadata before the record fails: long enough to ride out a broker restart, short enough that a
 * vanished cluster ends the run), {@code delivery.timeout.ms=60000} (how long the client retries a record through
 * transient errors before reporting it failed; raised when {@code linger.ms + request.timeout.ms} needs more).
 *
 * <p><b>Delivery.</b> Every record {@link #produce} accepts is reported exactly once to its tracker from the
 * producer's callback: delivered when acknowledged, failed otherwise. Retriable errors are retried by the client
 * within {@code delivery.timeout.ms}; authentication, authorization and unrecoverable producer errors also abort the
 * emulation. When the producer refuses a record synchronously, {@code produce} throws a {@link SinkException} and
 * reports nothing (the runner counts it failed).
 *
 * <p>Thread-safe: one instance serves all workers.
 */
public final class KafkaSyncProducer implements SyncProducer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaSyncProducer.class);
    /** The sink's name. */
    public static final String NAME = KafkaSettings.SINK;
    /** Required: the cluster's {@code host:port} list. */
    public static final String BOOTSTRAP_SERVERS = KafkaSettings.BOOTSTRAP_SERVERS;
    /** SASL user name (with {@link #PASSWORD}). */
    public static final String USERNAME = KafkaSettings.USERNAME;
    /** SASL password (with {@link #USERNAME}); never logged. */
    public static final String PASSWORD = KafkaSettings.PASSWORD;
    /** Partitions of topics the sink creates. */
    public static final String TOPIC_PARTITIONS = KafkaSettings.TOPIC_PARTITIONS;
    /** Replication factor of topics the sink creates. */
    public static final String TOPIC_REPLICATION_FACTOR = KafkaSettings.TOPIC_REPLICATION_FACTOR;
    /** Prefix of topic configs for topics the sink creates. */
    public static final String TOPIC_CONFIG_PREFIX = KafkaSettings.TOPIC_CONFIG_PREFIX;
    /** Bound of {@link #setupResource(String)}. */
    public static final String SETUP_TIMEOUT = KafkaSettings.SETUP_TIMEOUT;
    /** Bound of {@link #close()}. */
    public static final String CLOSE_TIMEOUT = KafkaSettings.CLOSE_TIMEOUT;
    /** Which time is the Kafka record timestamp: {@code send} (default) or {@code event}. */
    public static final String RECORD_TIMESTAMP = KafkaSettings.RECORD_TIMESTAMP;
    /** How values are encoded: {@code json} (default), {@code avro} or {@code json_schema}. */
    public static final String VALUE_FORMAT = KafkaSettings.VALUE_FORMAT;
    /** The schema registry's Confluent-compatible API, for {@code avro} and {@code json_schema}. */
    public static final String SCHEMA_REGISTRY_URL = KafkaSettings.SCHEMA_REGISTRY_URL;
    /** The schema registry's basic-auth user (with {@link #SCHEMA_REGISTRY_PASSWORD}). */
    public static final String SCHEMA_REGISTRY_USER = KafkaSettings.SCHEMA_REGISTRY_USER;
    /** The schema registry's basic-auth password; never logged. */
    public static final String SCHEMA_REGISTRY_PASSWORD = KafkaSettings.SCHEMA_REGISTRY_PASSWORD;
    /** Subject names: {@code topic} (default), {@code record} or {@code topic_record}. */
    public static final String SUBJECT_NAME_STRATEGY = KafkaSettings.SUBJECT_NAME_STRATEGY;
    /** Whether the schema is registered (default {@code true}). */
    public static final String AUTO_REGISTER = KafkaSettings.AUTO_REGISTER;
    /** Whether each worker lane writes in transactions of its own. */
    public static final String EXACTLY_ONCE = KafkaSettings.EXACTLY_ONCE;
    /** The compacted topic of resumable emulations' checkpoints. */
    public static final String CHECKPOINT_TOPIC = KafkaSettings.CHECKPOINT_TOPIC;
    /** How often a lane commits its transaction or writes its checkpoint. */
    public static final String CHECKPOINT_INTERVAL = KafkaSettings.CHECKPOINT_INTERVAL;
    /** The default of {@link #CHECKPOINT_TOPIC}. */
    public static final String DEFAULT_CHECKPOINT_TOPIC = KafkaSettings.DEFAULT_CHECKPOINT_TOPIC;
    /** Partitions of a created topic unless configured, as in the Python service this library replaces. */
    public static final int DEFAULT_PARTITIONS = KafkaSettings.DEFAULT_PARTITIONS;
    /** SASL mechanism used with {@link #USERNAME}/{@link #PASSWORD} unless {@code sasl.mechanism} is set. */
    public static final String DEFAULT_SASL_MECHANISM = KafkaSettings.DEFAULT_SASL_MECHANISM;
    /**
     * The producer settings a sink built by {@link #create(Map)} applies unless its configuration sets them (acks,
     * idempotence, batching, compression, timeouts): unmodifiable, in Kafka's own keys.
     */
    public static final Map<String, String> PRODUCER_DEFAULTS = KafkaSettings.PRODUCER_DEFAULTS;
    /** Header holding the emulation id. */
    public static final String HEADER_EMULATION_ID = "emulation_id";
    /** Header holding the domain name. */
    public static final String HEADER_DOMAIN = "domain";
    /** Header holding the record's sequence number, in decimal. */
    public static final String HEADER_SEQ = "seq";
    /** Header of a record the faults setting damaged: its label, {@code kind} or {@code kind:field}. */
    public static final String HEADER_FAULT = "emulator.fault";

    private final KafkaSettings settings;
    private final Producer<String, byte[]> producer;
    private final boolean ownsClients;
    private final String cluster;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Encodes values in the wire format of a schema registry; null for {@code json}. */
    private final RegistryValues registryValues;
    private Admin admin;
    private CheckpointStore checkpointStore;
    /**
     * The headers every record of a run shares, kept from the last record: encoding the emulation id and the domain
     * once per run instead of once per record. Headers are never modified once made, so records share them.
     * Racy by design: a stale value is only recomputed.
     */
    private volatile RunHeaders runHeaders = RunHeaders.NONE;
    /**
     * With event timestamps: each topic's {@code retention.ms} where it is limited; a record whose event time is older
     * than the topic keeps is warned about, once per topic.
     */
    private final Map<String, Long> retentionMillis = new ConcurrentHashMap<>();
    private final Set<String> warnedRetention = ConcurrentHashMap.newKeySet();
    /**
     * The emulations whose records are written lane by lane (resumable, or exactly once), by topic and emulation id;
     * empty otherwise, so that a plain run pays one emptiness check per record.
     */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** The run of the last record written lane by lane: most records find it without a map lookup. */
    private volatile Run lastRun;

    private KafkaSyncProducer(KafkaSettings settings, Producer<String, byte[]> producer, Admin admin,
            boolean ownsClients, String cluster) {
        this.settings = settings;
        this.producer = producer;
        this.admin = admin;
        this.ownsClients = ownsClients;
        this.cluster = cluster;
        this.registryValues = settings.valueFormat().usesRegistry()
                ? new RegistryValues(settings.valueFormat(), settings.registry(), settings.setupTimeout()) : null;
    }

    /**
     * Builds a sink with its own producer (and, on first {@link #setupResource}, its own admin client). Validates the
     * settings without contacting the cluster.
     *
     * @param config the settings described in the class documentation
     * @return a sink the caller closes
     * @throws InvalidSettingException naming every bad setting
     */
    public static KafkaSyncProducer create(Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        KafkaSettings settings = KafkaSettings.parse(config);
        Producer<String, byte[]> producer;
        try {
            producer = new KafkaProducer<>(settings.producerProperties());
        } catch (ConfigException e) {
            throw invalid(e);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() instanceof ConfigException ? e.getCause() : e;
            if (cause instanceof ConfigException) {
                throw invalid((ConfigException) cause);
            }
            throw new SinkException("The Kafka producer for '" + settings.bootstrapServers()
                    + "' could not be created: " + e.getMessage(), e);
        }
        return new KafkaSyncProducer(settings, producer, null, true,
                "Kafka at '" + settings.bootstrapServers() + "'");
    }

    /**
     * Wraps a producer and an admin client the application owns, with default topic settings. The sink never closes
     * them.
     *
     * @param producer the application's producer
     * @param admin the application's admin client, used to set topics up
     * @return a sink using them
     */
    public static KafkaSyncProducer wrap(Producer<String, byte[]> producer, Admin admin) {
        return wrap(producer, admin, Map.of());
    }

    /**
     * Wraps a producer and an admin client the application owns. The sink never closes them: {@link #close()} only
     * stops the sink. Only topic settings apply ({@value #TOPIC_PARTITIONS}, {@value #TOPIC_REPLICATION_FACTOR},
     * {@value #TOPIC_CONFIG_PREFIX}{@code <name>}, {@value #SETUP_TIMEOUT}); client settings belong on the producer.
     *
     * @param producer the application's producer
     * @param admin the application's admin client, used to set topics up
     * @param topicSettings topic setup settings
     * @return a sink using them
     * @throws InvalidSettingException naming every bad setting
     */
    public static KafkaSyncProducer wrap(Producer<String, byte[]> producer, Admin admin,
            Map<String, String> topicSettings) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(admin, "admin");
        KafkaSettings settings = KafkaSettings.parseWrapped(Objects.requireNonNull(topicSettings, "topicSettings"));
        return new KafkaSyncProducer(settings, producer, admin, false, "the application's Kafka cluster");
    }

    /**
     * Creates {@code topic} when missing and reuses it when present, then, with {@code avro} or {@code json_schema}
     * values, checks that the schema registry answers. The name is checked first, without contacting the cluster.
     *
     * @param topic the topic name
     * @throws InvalidSettingException when {@code topic} is not a legal topic name
     * @throws SinkException when the cluster cannot be reached within {@value #SETUP_TIMEOUT} (the message names the
     *     bootstrap servers) or refuses the topic; with {@code avro} or {@code json_schema} values, also when the
     *     schema registry does not answer within {@value #SETUP_TIMEOUT} (the message names its URL) or refuses the
     *     credentials
     */
    @Override
    public void setupResource(String topic) {
        TopicNames.validate("topic", topic);
        requireOpen();
        TopicSetup setup = new TopicSetup(admin(), settings, cluster);
        setup.ensureTopic(topic);
        if (registryValues != null) {
            registryValues.ping();
        }
        if (settings.eventTimestamps()) {
            setup.retentionMillis(topic).ifPresent(retention -> {
                if (retention >= 0) {
                    retentionMillis.put(topic, retention);
                }
            });
        }
    }

    /**
     * Hands the record to the producer; blocks while its buffer is full (at most {@code max.block.ms}).
     *
     * @throws SinkException when the producer refuses the record synchronously (closed, interrupted, ...); the record
     *     is then not reported to its tracker
     */
    /** @return the schema registry's value format, whose values are typed; empty for JSON values */
    @Override
    public java.util.Optional<String> typedFormat() {
        return registryValues == null ? java.util.Optional.empty()
                : java.util.Optional.of(settings.valueFormat().key());
    }

    @Override
    public void produce(String topic, String key, EmulatedRecord record) {
        if (closed.get()) {
            throw new SinkException("The Kafka sink is closed; record " + record.seq() + " for topic '" + topic
                    + "' was not sent");
        }
        RunHeaders run = runHeaders;
        if (!run.matches(record)) {
            run = new RunHeaders(record);
            runHeaders = run;
        }
        Header[] headers = {run.emulationId, run.domain, new RecordHeader(HEADER_SEQ, seqBytes(record.seq()))};
        if (record.fault().isPresent()) {
            headers = Arrays.copyOf(headers, 4);
            headers[3] = new RecordHeader(HEADER_FAULT, record.fault().get().getBytes(StandardCharsets.UTF_8));
        }
        Long timestamp = null;
        if (settings.eventTimestamps()) {
            timestamp = record.eventTimeMillis();
            Long retention = retentionMillis.get(topic);
            if (retention != null && timestamp < System.currentTimeMillis() - retention
                    && warnedRetention.add(topic)) {
                LOG.warn("Kafka sink: record {} has event time {}, older than topic '{}' keeps (retention.ms={}): the "
                        + "broker deletes such records at once. Raise the topic's retention.ms (topic_config."
                        + "retention.ms for a topic the sink creates), move the event time range, or use "
                        + "record_timestamp=send", record.seq(), record.eventTime(), topic, retention);
            }
        }
        byte[] value;
        if (registryValues == null) {
            value = record.json();
        } else {
            try {
                value = registryValues.encode(topic, record);
            } catch (IllegalArgumentException e) {
                throw new SinkException("Record " + record.seq() + " of domain '" + record.domain()
                        + "' cannot be encoded as " + settings.valueFormat().key() + ": " + e.getMessage(), e);
            }
        }
        record.tracker().encoded(value.length);
        ProducerRecord<String, byte[]> message = new ProducerRecord<>(topic, null, timestamp, key, value,
                new RecordHeaders(headers));
        LaneWriter lane = runs.isEmpty() && !settings.exactlyOnce() ? null : lane(topic, record);
        Delivery delivery = new Delivery(record.tracker(), lane);
        try {
            Producer<String, byte[]> target = lane == null ? producer : lane.before(record);
            target.send(message, delivery);
            if (settings.tombstones() && record.data().deletesKey()) {
                sendTombstone(target, topic, key, timestamp, headers, record);
            }
            if (lane != null) {
                lane.after(record);
            }
        } catch (RuntimeException e) {
            if (delivery.claimNotTaken()) {
                throw new SinkException("The Kafka producer refused record " + record.seq() + " for topic '" + topic
                        + "': " + e, e);
            }
            // the callback already reported the record as failed
        }
    }

    /**
     * Follows a delete with its tombstone: the same key and partition, a null value, sent after it so that compaction
     * and consumers see the delete first. It is not a record of the emulation (not counted); its failure fails the
     * emulation, since a consumer would keep a deleted entity.
     */
    private static void sendTombstone(Producer<String, byte[]> producer, String topic, String key, Long timestamp,
            Header[] headers, EmulatedRecord record) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, null, new RecordHeaders(headers)),
                (metadata, exception) -> {
                    if (exception != null) {
                        record.tracker().abort(new SinkException("The tombstone after record " + record.seq()
                                + " (key '" + key + "') to topic '" + topic + "' failed: " + exception, exception));
                    }
                });
    }

    /**
     * Blocks until every record sent so far is acknowledged or reported failed (at most
     * {@code delivery.timeout.ms}).
     *
     * @throws SinkException when interrupted
     */
    @Override
    public void flush() {
        if (closed.get()) {
            return;
        }
        try {
            producer.flush();
            if (!runs.isEmpty()) {
                // the last boundary of every lane: commit its transaction, or write its last checkpoint
                runs.values().forEach(run -> run.lanes.values().forEach(LaneWriter::finish));
                producer.flush();
            }
        } catch (KafkaException | IllegalStateException e) {
            throw new SinkException("Flushing the Kafka producer failed: " + e, e);
        }
    }

    /**
     * Closes the producer and admin client this sink created, waiting at most {@value #CLOSE_TIMEOUT} for outstanding
     * records; the producer reports records still unacknowledged then as failed. A wrapped producer and admin client
     * stay open. Idempotent.
     *
     * @throws SinkException when closing failed
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || !ownsClients) {
            return;
        }
        Duration timeout = settings.closeTimeout();
        RuntimeException failure = null;
        try {
            runs.values().forEach(run -> run.lanes.values().forEach(lane -> lane.close(timeout)));
            runs.clear();
            producer.close(timeout);
        } catch (RuntimeException e) {
            failure = new SinkException("Closing the Kafka producer for " + cluster + " failed: " + e, e);
        }
        Admin ownAdmin;
        synchronized (this) {
            ownAdmin = admin;
            admin = null;
        }
        if (ownAdmin != null) {
            try {
                ownAdmin.close(timeout);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new SinkException("Closing the Kafka admin client for " + cluster + " failed: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** @return whether the sink keeps resumable emulations' progress: a sink with its own producer */
    @Override
    public boolean resumable() {
        return ownsClients;
    }

    /** @return the value format: a resume writing another one would not end with the same bytes */
    @Override
    public Map<String, String> resumeSettings() {
        return Map.of(VALUE_FORMAT, settings.valueFormat().key());
    }

    /**
     * Sets up the checkpoint topic; with {@value #EXACTLY_ONCE}, starts each lane's transactional producer first,
     * which aborts what a killed run left open (so the checkpoints read next are only committed ones); then reads
     * what the topic holds of the emulation, storing its settings when it holds nothing.
     *
     * @throws SinkException when the checkpoint topic cannot be set up or read, or a lane's transactions cannot be
     *     started (a broker that refuses transactions), within {@value #SETUP_TIMEOUT}
     */
    @Override
    public ResumePoint resume(ResumeRequest request) {
        requireOpen();
        new TopicSetup(admin(), settings, cluster).ensureCheckpointTopic(settings.checkpointTopic());
        Run run = new Run(request.resource(), request.emulationId(), true, request.lanes());
        runs.put(run.key, run);
        for (int lane = 0; lane < request.lanes() && settings.exactlyOnce(); lane++) {
            run.lane(lane);
        }
        CheckpointStore.Stored stored = checkpoints().read(request.resource(), request.emulationId(),
                new TopicSetup(admin(), settings, cluster).endOffset(settings.checkpointTopic(), 0));
        if (stored.settings() == null) {
            try {
                producer.send(checkpoints().settings(request.resource(), request.emulationId(),
                        Checkpoints.settingsText(request.settings()))).get(settings.setupTimeout().toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new SinkException("Storing the settings of emulation '" + request.emulationId() + "' in topic '"
                        + settings.checkpointTopic() + "' on " + cluster + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("Interrupted while storing the settings of emulation '"
                        + request.emulationId() + "'", e);
            }
            return ResumePoint.fresh(request);
        }
        Map<Integer, Long> next = new HashMap<>();
        stored.lastPositions().forEach((lane, last) -> next.put(lane, Lanes.next(request.lanes(), last)));
        return new ResumePoint(Checkpoints.parseSettings(stored.settings()), next);
    }

    private synchronized CheckpointStore checkpoints() {
        if (checkpointStore == null) {
            checkpointStore = new CheckpointStore(settings.checkpointTopic(), settings.consumerProperties(),
                    settings.setupTimeout());
        }
        return checkpointStore;
    }

    /** @return the lane writer of {@code record}, or null when its emulation is written without lanes */
    private LaneWriter lane(String topic, EmulatedRecord record) {
        Run run = lastRun;
        if (run == null || !run.topic.equals(topic) || !run.id.equals(record.emulationId())) {
            run = runs.get(Run.key(topic, record.emulationId()));
            if (run == null) {
                if (!settings.exactlyOnce()) {
                    return null;
                }
                run = runs.computeIfAbsent(Run.key(topic, record.emulationId()),
                        k -> new Run(topic, record.emulationId(), false, 0));
            }
            lastRun = run;
        }
        return run.lane(record.lane());
    }

    /** The lanes of one emulation writing to one topic. */
    private final class Run {
        final String topic;
        final String id;
        final String key;
        /** Whether the lanes write checkpoints: the emulation is resumable. */
        final boolean checkpointed;
        /** The emulation's lane count when it is resumable; 0 when unknown. */
        final int laneCount;
        final Map<Integer, LaneWriter> lanes = new ConcurrentHashMap<>();

        Run(String topic, String id, boolean checkpointed, int lanes) {
            this.laneCount = lanes;
            this.topic = topic;
            this.id = id;
            this.key = key(topic, id);
            this.checkpointed = checkpointed;
        }

        static String key(String topic, String id) {
            return topic + "/" + id;
        }

        LaneWriter lane(int lane) {
            LaneWriter writer = lanes.get(lane);
            return writer != null ? writer : lanes.computeIfAbsent(lane, this::newLane);
        }

        private LaneWriter newLane(int lane) {
            String name = "lane " + lane + " of emulation '" + id + "' to topic '" + topic + "'";
            CheckpointStore.Lane laneCheckpoints = checkpointed ? checkpoints().lane(topic, id, lane) : null;
            if (!settings.exactlyOnce()) {
                return new LaneWriter(producer, false, laneCheckpoints, settings.checkpointInterval(), name);
            }
            return new LaneWriter(transactionalProducer(topic, id, lane, laneCount, name), true, laneCheckpoints,
                    settings.checkpointInterval(), name);
        }
    }

    /**
     * @return lane {@code lane}'s transactional producer, initialised: a producer of an earlier run with the same
     *     transactional id is fenced off and its open transaction aborted
     * @throws SinkException when the broker does not start its transactions within {@code max.block.ms}
     */
    private Producer<String, byte[]> transactionalProducer(String topic, String id, int lane, int lanes,
            String name) {
        Map<String, Object> props = new HashMap<>(settings.producerProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "emulator-" + topic + "-" + id + "-" + lane);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG, (k, v) -> v + "-lane-" + lane);
        // a lane's producer carries 1/lanes of the records: lingering lanes times longer fills its batches as full
        // as the shared producer's, so transactions cost no more requests per record
        long linger = Long.parseLong(String.valueOf(props.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, "5")).strip());
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(linger * Math.max(1, lanes)));
        Producer<String, byte[]> transactional;
        try {
            transactional = new KafkaProducer<>(props);
        } catch (KafkaException e) {
            throw new SinkException("The transactional Kafka producer of " + name + " could not be created: "
                    + e.getMessage(), e);
        }
        try {
            transactional.initTransactions();
            return transactional;
        } catch (KafkaException e) {
            transactional.close(Duration.ZERO);
            String hint = e instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "; does the broker allow transactions (its transaction state topic needs "
                            + "transaction.state.log.replication.factor live brokers)?"
                    : e instanceof org.apache.kafka.common.errors.AuthorizationException
                    ? "; the principal needs WRITE and DESCRIBE on transactional id 'emulator-" + topic + "-" + id
                            + "-" + lane + "'"
                    : "";
            throw new SinkException(cluster + " did not start the transactions of " + name + " (setting '"
                    + EXACTLY_ONCE + "'): " + e.getClass().getSimpleName() + ": " + e.getMessage() + hint, e);
        }
    }

    /** @return whether the sink warned that a record's event time is older than {@code topic} keeps records */
    boolean warnedAboutRetention(String topic) {
        return warnedRetention.contains(topic);
    }

    /**
     * @return the sink's settings with secrets masked
     */
    @Override
    public String toString() {
        return "KafkaSyncProducer[" + settings + (ownsClients ? "" : ", wrapping the application's producer")
                + (closed.get() ? ", closed" : "") + "]";
    }

    /** @return the decimal digits of {@code seq} as ASCII (= UTF-8) bytes, without an intermediate String */
    static byte[] seqBytes(long seq) {
        if (seq < 0) {
            return Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
        }
        int digits = 1;
        for (long rest = seq / 10; rest != 0; rest /= 10) {
            digits++;
        }
        byte[] bytes = new byte[digits];
        long rest = seq;
        for (int i = digits - 1; i >= 0; i--) {
            bytes[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return bytes;
    }

    /** The emulation id and domain headers of one run. */
    private static final class RunHeaders {
        static final RunHeaders NONE = new RunHeaders();

        final String emulationIdText;
        final String domainText;
        final Header emulationId;
        final Header domain;

        private RunHeaders() {
            emulationIdText = null;
            domainText = null;
            emulationId = null;
            domain = null;
        }

        RunHeaders(EmulatedRecord record) {
            emulationIdText = record.emulationId();
            domainText = record.domain();
            emulationId = new RecordHeader(HEADER_EMULATION_ID, emulationIdText.getBytes(StandardCharsets.UTF_8));
            domain = new RecordHeader(HEADER_DOMAIN, domainText.getBytes(StandardCharsets.UTF_8));
        }

        boolean matches(EmulatedRecord record) {
            return record.emulationId().equals(emulationIdText) && record.domain().equals(domainText);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new SinkException("The Kafka sink is closed");
        }
    }

    private synchronized Admin admin() {
        requireOpen();
        if (admin == null) {
            try {
                admin = Admin.create(settings.adminProperties());
            } catch (KafkaException e) {
                throw new SinkException("The Kafka admin client for " + cluster + " could not be created: "
                        + e.getMessage(), e);
            }
        }
        return admin;
    }

    /**
     * A setting the producer's constructor refused. Each value was checked against its kafka-clients definition
     * already ({@link KafkaSettings#parse}); what remains are combinations (e.g. idempotence with {@code acks=1}),
     * which kafka-clients names in its message.
     */
    private static InvalidSettingException invalid(ConfigException e) {
        return withCause(new InvalidSettingException("kafka-clients", null, String.valueOf(e.getMessage())), e);
    }

    private static InvalidSettingException withCause(InvalidSettingException exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }
}
