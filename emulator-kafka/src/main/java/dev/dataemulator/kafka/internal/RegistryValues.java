package dev.dataemulator.kafka.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.avro.AvroBinary;
import dev.dataemulator.avro.AvroSchemas;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;

/**
 * Record values in Confluent's wire format: byte 0 the magic {@code 0}, bytes 1-4 the schema id (big-endian), then the
 * Avro binary encoding of the record ({@code avro}, straight from its typed fields) or its JSON text
 * ({@code json_schema}). The schema is the domain's exported one, with the envelope when records carry it:
 * {@link RecordSchema#toAvroSchema(boolean)} (parsed by {@link AvroSchemas}, the schema of the Avro object files too)
 * or {@link RecordSchema#toJsonSchema(boolean)}. Each schema is registered (or, without auto-registration,
 * found as its subject's latest version) once per topic, on the first record, and its id kept: a registry outage
 * after that does not stop the run. A schema that cannot be registered fails that first record and aborts the
 * emulation; later records fail at once with the same error. Thread-safe.
 */
public final class RegistryValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final ValueFormat format;
    private final RegistrySettings settings;
    private final SchemaRegistryClient client;
    private final Map<Key, Registration> registrations = new ConcurrentHashMap<>();
    /** The registration of the last record: the one schema and topic of most runs, found without hashing it. */
    private volatile Registration last = new Registration(null, null, 0, null, null);

    /**
     * @param format {@code avro} or {@code json_schema}
     * @param settings the registry's settings
     * @param setupTimeout how long registering a schema may take, retries included
     */
    public RegistryValues(ValueFormat format, RegistrySettings settings, Duration setupTimeout) {
        if (!format.usesRegistry()) {
            throw new IllegalArgumentException(format + " uses no registry");
        }
        this.format = format;
        this.settings = settings;
        this.client = new SchemaRegistryClient(settings, setupTimeout);
    }

    /**
     * Checks that the registry answers, for the sink's set-up.
     *
     * @throws SinkException when it does not within the setup timeout
     */
    public void ping() {
        client.ping();
    }

    /**
     * @return the record's value in the wire format
     * @throws SinkException when the record's schema cannot be registered (the emulation is aborted), or the domain
     *     declares no schema
     * @throws IllegalArgumentException when the record does not fit its schema
     */
    public byte[] encode(String topic, EmulatedRecord record) {
        RecordSchema schema = record.schema().orElseThrow(() -> new SinkException("Domain '" + record.domain()
                + "' declares no schema; value_format=" + format.key() + " needs one (use value_format=json)"));
        Registration registration = last;
        if (registration.schema != schema || registration.envelope != record.envelope()
                || !registration.topic.equals(topic)) {
            registration = registrations.computeIfAbsent(new Key(topic, schema, record.envelope()),
                    key -> register(key, record.domain()));
            last = registration;
        }
        if (registration.failure != null) {
            if (registration.aborted.compareAndSet(false, true)) {
                record.tracker().abort(registration.failure);
            }
            throw registration.failure;
        }
        if (format == ValueFormat.AVRO) {
            return registration.avro.get().encode(record, registration.header);
        }
        byte[] json = record.json();
        byte[] value = Arrays.copyOf(registration.header, HEADER + json.length);
        System.arraycopy(json, 0, value, HEADER, json.length);
        return value;
    }

    /**
     * Registers (or, without auto-registration, finds) the schema of a topic's records now, as the first record would.
     *
     * @param topic the topic
     * @param domain the domain's name, for messages
     * @param schema the domain's schema
     * @param envelope whether records carry the envelope
     * @return the subject and the schema's id
     * @throws SinkException when the registry refuses or does not answer within the setup timeout
     */
    public Map.Entry<String, Integer> register(String topic, String domain, RecordSchema schema, boolean envelope) {
        Registration registration = register(new Key(topic, schema, envelope), domain);
        if (registration.failure != null) {
            throw registration.failure;
        }
        return Map.entry(registration.subject, registration.id);
    }

    private Registration register(Key key, String domain) {
        try {
            String text;
            String recordName;
            Schema avro = null;
            if (format == ValueFormat.AVRO) {
                avro = AvroSchemas.schema(key.schema, key.envelope);
                text = avro.toString();
                recordName = avro.getFullName();
            } else {
                text = key.schema.toJsonSchema(key.envelope);
                recordName = JSON.readTree(text).path("title").asText(key.schema.name());
            }
            String subject = settings.strategy().subject(key.topic, recordName);
            String type = format == ValueFormat.AVRO ? "AVRO" : "JSON";
            int id = settings.autoRegister() ? client.register(subject, text, type) : latestMatching(subject, text,
                    avro);
            Schema writerSchema = avro;
            return new Registration(key, subject, id, avro == null ? null
                    : ThreadLocal.withInitial(() -> new AvroBinary(writerSchema, key.envelope)), null);
        } catch (SinkException e) {
            return new Registration(key, null, 0, null, e);
        } catch (IOException | RuntimeException e) {
            return new Registration(key, null, 0, null, new SinkException("The " + format.key() + " schema of domain '"
                    + domain + "' could not be made: " + e, e));
        }
    }

    /** @return the id of the subject's latest version, which must be the domain's schema */
    private int latestMatching(String subject, String text, Schema avro) throws IOException {
        SchemaRegistryClient.Registered latest = client.latest(subject).orElseThrow(() -> new SinkException(
                "Subject '" + subject + "' has no version in the schema registry at " + settings.url() + " and '"
                        + KafkaSettings.AUTO_REGISTER + "' is false: register the domain's schema under it, or set "
                        + KafkaSettings.AUTO_REGISTER + "=true"));
        boolean same = avro != null ? new Schema.Parser().parse(latest.schema()).equals(avro)
                : JSON.readTree(latest.schema()).equals(JSON.readTree(text));
        if (!same) {
            throw new SinkException("The latest version (" + latest.version() + ", id " + latest.id()
                    + ") of subject '" + subject + "' in the schema registry at " + settings.url() + " is not the "
                    + "domain's " + format.key() + " schema, and '" + KafkaSettings.AUTO_REGISTER + "' is false: "
                    + "register the domain's schema under it, or set " + KafkaSettings.AUTO_REGISTER + "=true. The "
                    + "domain's schema: " + text.replaceAll("\\s+", " "));
        }
        return latest.id();
    }

    /** One schema of one topic. */
    private record Key(String topic, RecordSchema schema, boolean envelope) {
    }

    /** A registered schema's id and per-thread Avro writers, or why it could not be registered. */
    private static final class Registration {
        final String topic;
        final RecordSchema schema;
        final boolean envelope;
        final String subject;
        final int id;
        /** The wire format's first bytes: the magic byte, the schema id big-endian. */
        final byte[] header;
        final ThreadLocal<AvroBinary> avro;
        final SinkException failure;
        final AtomicBoolean aborted = new AtomicBoolean();

        Registration(Key key, String subject, int id, ThreadLocal<AvroBinary> avro, SinkException failure) {
            this.subject = subject;
            this.topic = key == null ? "" : key.topic;
            this.schema = key == null ? null : key.schema;
            this.envelope = key != null && key.envelope;
            this.id = id;
            this.header = new byte[] {MAGIC, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
            this.avro = avro;
            this.failure = failure;
        }
    }
}
