package dev.dataemulator.core.spi;

import dev.dataemulator.core.support.SchemaValidator;
import java.util.Optional;

/**
 * A data domain such as {@code "transaction"}: its name, where its records go by default and how to make them.
 * Found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.dataemulator.core.spi.DomainProvider}); implementations are cheap classes with a
 * public no-argument constructor.
 *
 * <h2>Declaring the records' schema</h2>
 * A domain declares the typed shape of its records by returning a {@link RecordSchema} from
 * {@link DomainGenerator#schema()} (on the generator, because fields may depend on domain options, as the
 * transaction domain's {@code labels} does), and writes each field with the {@link FieldWriter} call of its type:
 *
 * <pre>{@code
 * static final RecordSchema SCHEMA = RecordSchema.builder("parcel")
 *         .required("parcel_id", FieldType.UUID)
 *         .required("weight_kg", FieldType.decimal(6, 3))
 *         .required("sent_at", FieldType.TIMESTAMP)
 *         .optional("note", FieldType.STRING)
 *         .build();
 *
 * public Optional<RecordSchema> schema() { return Optional.of(SCHEMA); }   // in the DomainGenerator
 *
 * public void writeFields(FieldWriter out) {                               // in the RecordData
 *     out.string("parcel_id", id);
 *     out.decimal("weight_kg", grams, 3);
 *     out.timestamp("sent_at", epochMicros);
 *     out.string("note", null);
 * }
 * }</pre>
 *
 * Test it with {@link SchemaValidator}, which fails on the first field that differs from the schema. The schema
 * drives the CSV header, Connect {@code Struct}s ({@code value.schemas.enable}), the Avro and JSON Schema exports
 * ({@link RecordSchema#toAvroSchema(boolean)}, {@link RecordSchema#toJsonSchema(boolean)},
 * {@code emulator schema}) and {@code DomainRegistry#schema(String)}.
 *
 * <p>A domain that declares no schema keeps working where no types are needed: JSON and JSON Lines as before, CSV
 * with the columns of each object's first record (a later record with other columns is rejected). Where types are
 * required it fails with an explicit error naming the domain: {@code DomainRegistry#schema(String)} and
 * {@code emulator schema} throw an {@code EmulatorException}, and the Connect task fails with a {@code DataException}
 * unless {@code value.schemas.enable=false}. Nothing is inferred from records.
 */
public interface DomainProvider {

    /**
     * @return the stable domain name, e.g. {@code "transaction"}
     */
    String name();

    /**
     * @return the topic or bucket the domain writes to unless the registry or the spec says otherwise; empty to use
     *     the registry's default resource
     */
    default Optional<String> defaultResource() {
        return Optional.empty();
    }


    /**
     * Prepares the domain for one emulation: derives the state every worker shares (user id space, compromised
     * users, ...) from the context's seed. Called once per emulation.
     *
     * @param context seed, clock and domain options
     * @return a thread-safe generator that hands each worker its own factory
     * @throws dev.dataemulator.core.InvalidSettingException when a domain option is invalid
     */
    DomainGenerator open(DomainContext context);

    /**
     * @param options the domain options
     * @return whether the generator opened with these options is {@linkplain DomainGenerator#timed() timed}, so that
     *     a spec with a virtual clock needs no rate; false by default
     */
    default boolean timed(java.util.Map<String, String> options) {
        return false;
    }

    /**
     * @param options the domain options
     * @return how many records the generator opened with these options makes ({@link DomainGenerator#capacity()}),
     *     known before it is opened, or {@link Long#MAX_VALUE} when unbounded or not known (the default). In a run
     *     of several domains a domain with a count emits all its records, the others follow the duration and the
     *     record count (see {@code EmulationSpec#forDomain})
     */
    default long capacity(java.util.Map<String, String> options) {
        return Long.MAX_VALUE;
    }

    /**
     * @return the names of the other domains whose records this domain's records refer to (a declarative
     *     {@code ref}), which must be emitted with the same seed for the references to resolve; empty by default
     */
    default java.util.Set<String> references() {
        return java.util.Set.of();
    }

    /**
     * @return the domain's own labelled faults (a declarative domain's {@code faults:}), as entries of the
     *     {@code faults} setting after {@code faults.} (e.g. {@code duplicate=0.01}, {@code null.rate=0.005},
     *     {@code null.fields=amount}); used when the emulation sets no faults of its own. Empty by default
     */
    default java.util.Map<String, String> faults() {
        return java.util.Map.of();
    }
}
