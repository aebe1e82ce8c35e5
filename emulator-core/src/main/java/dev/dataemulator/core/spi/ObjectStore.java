package dev.dataemulator.core.spi;

import dev.dataemulator.core.support.SinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an object sink puts finished objects: an S3 bucket, a local directory, any blob store. This is all a store
 * plug-in implements; {@link dev.dataemulator.core.support.ObjectSink} does the rest once for every store: the modes
 * ({@code sync_type}), the formats ({@code format_type}), partitioning ({@code partition_by}), the object names,
 * chunk ageing ({@code chunk_max_age}), the bounded pool of puts with their retries, and the accounting (every record
 * reported delivered once its object is stored, or failed).
 *
 * <p>A store creates a container (a bucket, a directory), puts one finished object under a key, and names an object
 * in messages. It reads only its own settings (an endpoint and credentials, a directory), through its
 * {@link Factory}. A new store is one class and a three-line {@link SinkProvider}:
 *
 * <pre>{@code
 * public final class MemoryBlobStore implements ObjectStore {
 *     public static final ObjectStore.Factory FACTORY = new ObjectStore.Factory() {
 *         public String sink() { return "blobs"; }
 *         public List<String> keys() { return List.of("name"); }
 *         public Supplier<ObjectStore> read(SinkConfig config) {
 *             String name = config.required("name");          // violations are reported with the shared settings'
 *             return () -> new MemoryBlobStore(name);          // called once every setting is valid
 *         }
 *     };
 *     final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
 *     private final String name;
 *     MemoryBlobStore(String name) { this.name = name; }
 *     public void createContainer(String container) { }
 *     public void put(String container, String key, Content object) throws IOException {
 *         try (InputStream in = object.open()) { blobs.put(container + "/" + key, in.readAllBytes()); }
 *     }
 *     public String objectName(String container, String key) { return "blob:" + container + "/" + key; }
 *     public String kind() { return "blob store"; }
 *     public String toString() { return name; }
 * }
 *
 * public final class BlobSinkProvider implements SinkProvider {
 *     public String name() { return "blobs"; }
 *     public SyncProducer create(Map<String, String> config) {
 *         return ObjectSink.create(MemoryBlobStore.FACTORY, config);
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe: puts run on several threads at once.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Prepares a container (bucket, directory) for the sink's objects: checks its name, creates it unless it exists.
     *
     * @param container the emulation's resource (the domain's topic or bucket name)
     * @throws dev.dataemulator.core.InvalidSettingException when the name is not legal for this store, naming
     *     {@code bucket} or {@code resource} and the value
     * @throws dev.dataemulator.core.SinkException when the store cannot be reached or refuses
     */
    void createContainer(String container);

    /**
     * Where the sink writes an object while it is being filled, for a store that keeps files: the object is then
     * written straight into that file, and {@link #put} receives it back ({@link Content#stagedFile()}) to move it into
     * place. By default {@code null}: the sink buffers objects itself (in memory; grouped objects in a temporary
     * file).
     *
     * @param container the container, created before
     * @param key the object's key
     * @return the file to write the object into, in a directory that exists; or {@code null}
     * @throws IOException when the file's directory cannot be created
     */
    default Path stagingFile(String container, String key) throws IOException {
        return null;
    }

    /**
     * Stores one finished object. Called again for the same object after a failure that {@link #classify} calls
     * transient, within the sink's {@code retries} and {@code retry_timeout}.
     *
     * @param container the container, created before
     * @param key the object's key ({@code prefix/domain/[partition/]emulation/part-000001.ext})
     * @param object the object's bytes
     * @throws Exception as the store's client throws it; {@link #classify} sorts it
     */
    void put(String container, String key, Content object) throws Exception;

    /**
     * @return whether the store reads objects back ({@link #read}), which a resumable emulation
     *     ({@code resume=true}) needs: its progress is kept in small objects of the store. {@code false} by default
     */
    default boolean readsObjects() {
        return false;
    }

    /**
     * Reads a whole (small) object back: a resumable emulation's stored settings and lane progress.
     *
     * @param container the container, created before
     * @param key the object's key
     * @return its bytes; empty when there is no such object
     * @throws Exception as the store's client throws it
     * @throws UnsupportedOperationException when the store does not {@link #readsObjects() read objects} (the
     *     default)
     */
    default Optional<byte[]> read(String container, String key) throws Exception {
        throw new UnsupportedOperationException(kind() + " " + this + " does not read objects back");
    }

    /**
     * Removes what an interrupted run of an emulation left half-written and hidden in the container (a file store's
     * temporary files), before a resumed run writes the same objects again. Nothing by default: a store whose puts
     * are atomic (S3) leaves nothing half-written.
     *
     * @param container the container, created before
     * @param keyPrefix the start of the keys of the emulation's objects whose leftovers go
     * @throws IOException when leftovers cannot be removed
     */
    default void discardPartial(String container, String keyPrefix) throws IOException {
    }

    /**
     * @return how messages name an object, e.g. {@code s3://bucket/key} or a file's path
     */
    String objectName(String container, String key);

    /**
     * @return what kind of store this is in messages ("S3 endpoint", "directory"), as in "the S3 endpoint has failed
     *     for 2 m" and "cannot reach the S3 endpoint"
     */
    String kind();

    /**
     * @return where the store is, in messages: its endpoint or its directory (never a secret)
     */
    @Override
    String toString();

    /**
     * Sorts a failure of {@link #put}. By default every failure is {@link FailureKind#PLAIN}: not retried.
     *
     * @param failure what {@link #put} threw
     * @return how the sink treats it
     */
    default FailureKind classify(Exception failure) {
        return FailureKind.PLAIN;
    }

    /**
     * @return a one-line description of a failure of {@link #put} for messages; by default its {@code toString()}
     */
    default String describe(Exception failure) {
        return failure.toString();
    }

    /** Releases what the store owns (its client, its connections); the sink calls it once, last. */
    @Override
    default void close() {
    }

    /** How the sink treats a failed {@link #put}. */
    enum FailureKind {
        /** The object's records are counted failed; later objects are tried. */
        PLAIN,
        /** Retried with backoff within {@code retries} and {@code retry_timeout}: timeouts, 5xx, throttling. */
        TRANSIENT,
        /** Like {@link #TRANSIENT}, and messages say the store cannot be reached. */
        UNREACHABLE,
        /** Further puts are pointless (refused credentials, a vanished bucket): the emulation is aborted. */
        FATAL
    }

    /** A finished object handed to {@link #put}. */
    interface Content {
        /** @return the object's size in bytes */
        long size();

        /** @return its MIME type ({@code application/gzip} when gzip-compressed) */
        String contentType();

        /**
         * @return the object's bytes from the start; each call opens a new stream
         * @throws IOException when a staged or spooled file cannot be read
         */
        InputStream open() throws IOException;

        /** @return the file the object was written into, when {@link #stagingFile} gave one; else empty */
        Optional<Path> stagedFile();

        /** @return whether the bytes are held in memory (as opposed to a file) */
        boolean inMemory();
    }

    /**
     * Reads a store's own settings and builds the store once every setting of the sink is valid. The sink's shared
     * settings ({@code sync_type}, {@code format_type}, ...) are read by the engine from the same
     * {@link SinkConfig}, so that every problem of both is reported at once.
     */
    interface Factory {
        /** @return the sink's name, in messages ({@code minio}, {@code file}) */
        String sink();

        /** @return the store's own setting names, listed with the shared ones when a key is unknown */
        List<String> keys();

        /**
         * Reads the store's settings from {@code config}, recording each problem with
         * {@link SinkConfig#violation}; must not contact the store.
         *
         * @param config the sink's settings
         * @return what builds the store, called only when every setting is valid
         */
        Supplier<ObjectStore> read(SinkConfig config);
    }
}
