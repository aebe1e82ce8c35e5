package dev.dataemulator.iceberg.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.support.Checkpoints;
import dev.dataemulator.core.support.Lanes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code iceberg} sink: one Iceberg table per resource, created from the domain's schema when missing. Records
 * go into Parquet data files (one open file per partition), closed at {@code target_file_size} or at the next
 * commit; every {@code commit_interval}, and at {@link #flush()} and {@link #close()}, the closed files become one
 * append snapshot per emulation, and their records are reported delivered only once that snapshot is committed.
 *
 * <p>Each snapshot's summary records the emulation id ({@value #EMULATION_ID}), this writer's id
 * ({@value #WRITER_ID}), the seqs it holds as ranges ({@value #SEQS}) and the highest of them ({@value #MAX_SEQ}).
 * A commit is a compare-and-swap of the table's metadata against the state it was planned on: when another writer
 * committed in between, the table is read again and, if a snapshot of the same emulation from another writer is
 * there, this writer stops (its records are failed) instead of merging; otherwise it plans again.
 *
 * <p>Resume ({@code resume=true}, through {@link #resume(ResumeRequest)}): the snapshots of the emulation are its
 * durable progress. Each lane continues at its first position no snapshot holds, and a record whose seq a snapshot
 * already holds is skipped (and counted delivered); the emulation's settings are kept in every snapshot it commits
 * ({@value #SETTINGS}), so that a resume with other settings is refused. Without {@code resume}, a table already
 * holding records of the emulation is refused. Thread-safe.
 */
public final class IcebergSink implements SyncProducer {
    public static final String EMULATION_ID = "emulator.emulation-id";
    public static final String WRITER_ID = "emulator.writer-id";
    public static final String SEQS = "emulator.seqs";
    public static final String MAX_SEQ = "emulator.max-seq";
    /** Snapshot summary key: a resumable emulation's settings ({@link Checkpoints#settingsText(Map)}). */
    public static final String SETTINGS = "emulator.settings";

    private static final Logger LOG = LoggerFactory.getLogger(IcebergSink.class);
    private static final int COMMIT_ATTEMPTS = 10;
    private static final long ROW_GROUP_SIZE = 8L * 1024 * 1024;

    private final IcebergSettings settings;
    private final String writerId = UUID.randomUUID().toString();
    private final Map<String, TableWriter> tables = new HashMap<>();
    /**
     * Resumable emulations ({@code resume=true}) by resource and id (a run of several domains has one per domain):
     * their settings, kept in each snapshot they commit.
     */
    private final Map<List<String>, Map<String, String>> resumed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService committer;
    private Catalog catalog;
    private boolean closed;

    public IcebergSink(IcebergSettings settings) {
        this.settings = settings;
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "iceberg-commit");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.commitInterval().toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** @return the catalog, connected on first use */
    public synchronized Catalog catalog() {
        if (catalog == null) {
            catalog = connect();
        }
        return catalog;
    }

    private Catalog connect() {
        Map<String, String> properties = new HashMap<>();
        if (settings.warehouse() != null) {
            properties.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouse());
            properties.put(CatalogProperties.FILE_IO_IMPL, (settings.onS3() ? MinioFileIO.class
                    : LocalFileIO.class).getName());
            properties.putAll(settings.s3());
        }
        properties.put(CatalogProperties.URI, settings.catalogUri());
        if (settings.onS3()) {
            // the bucket first: a warehouse S3 cannot hold fails here, naming the endpoint, not at the first commit
            MinioFileIO io = new MinioFileIO();
            io.initialize(properties);
            try (io) {
                io.ensureBucket(settings.warehouse());
            }
        }
        try {
            if (settings.catalog() == IcebergSettings.Catalog.JDBC) {
                if (settings.warehouse() != null && !settings.onS3()) {
                    java.nio.file.Files.createDirectories(java.nio.file.Path.of(settings.warehouse()));
                }
                properties.put("jdbc.schema-version", "V1");
                JdbcCatalog jdbc = new JdbcCatalog();
                jdbc.initialize(settings.catalogName(), properties);
                return jdbc;
            }
            RESTCatalog rest = new RESTCatalog();
            rest.initialize(settings.catalogName(), properties);
            return rest;
        } catch (IOException | RuntimeException e) {
            throw new SinkException("Cannot reach the Iceberg " + settings.catalog().name().toLowerCase()
                    + " catalog at " + settings.catalogUri() + " (setting '" + IcebergSettings.CATALOG_URI + "'): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void setupResource(String resource) {
        Catalog connected = catalog();
        Namespace namespace = Namespace.of(settings.namespace());
        if (connected instanceof SupportsNamespaces namespaces) {
            try {
                if (!namespaces.namespaceExists(namespace)) {
                    namespaces.createNamespace(namespace);
                }
            } catch (AlreadyExistsException e) {
                // created concurrently
            } catch (RuntimeException e) {
                throw new SinkException("Cannot create namespace '" + settings.namespace() + "' in the Iceberg "
                        + "catalog at " + settings.catalogUri() + ": " + e.getMessage(), e);
            }
        }
    }

    /** @return {@code true}: the snapshots of an emulation are its durable progress */
    @Override
    public boolean resumable() {
        return true;
    }

    /**
     * Reads what the table holds of the emulation: each lane continues at its first position no snapshot of the
     * emulation holds (a record's position is its seq: a sharded emulation is refused), and the settings are those
     * its snapshots keep.
     *
     * @throws InvalidSettingException naming {@code shard} for a sharded emulation
     */
    @Override
    public ResumePoint resume(ResumeRequest request) {
        String shard = request.settings().get("shard");
        if (shard != null && !shard.isEmpty() && !shard.equals("0/1")) {
            throw new InvalidSettingException("shard", shard, "the iceberg sink resumes unsharded emulations only: "
                    + "its snapshots keep seqs, not a shard's positions");
        }
        resumed.put(List.of(request.resource(), request.emulationId()), request.settings());
        TableIdentifier id = identifier(request.resource());
        Catalog connected = catalog();
        if (!connected.tableExists(id)) {
            return ResumePoint.fresh(request);
        }
        Table table = connected.loadTable(id);
        SeqRanges seqs = new SeqRanges();
        Map<String, String> stored = null;
        for (Snapshot snapshot : table.snapshots()) {
            Map<String, String> summary = snapshot.summary();
            if (request.emulationId().equals(summary.get(EMULATION_ID))) {
                seqs.addAll(SeqRanges.parse(summary.get(SEQS)));
                if (summary.containsKey(SETTINGS)) {
                    stored = Checkpoints.parseSettings(summary.get(SETTINGS));
                }
            }
        }
        if (seqs.isEmpty()) {
            return ResumePoint.fresh(request);
        }
        Map<Integer, Long> next = new HashMap<>();
        for (int lane = 0; lane < request.lanes(); lane++) {
            next.put(lane, firstMissing(seqs, request.lanes(), lane));
        }
        // snapshots written before settings were kept: nothing to compare against
        return new ResumePoint(stored != null ? stored : request.settings(), next);
    }

    /** @return the lane's first position the ranges do not hold */
    static long firstMissing(SeqRanges seqs, int lanes, int lane) {
        for (long block = lane; ; block += lanes) {
            long start = block * Lanes.BLOCK;
            if (start > seqs.max()) {
                return start;
            }
            for (long position = start; position < start + Lanes.BLOCK; position++) {
                if (!seqs.contains(position)) {
                    return position;
                }
            }
        }
    }

    private TableIdentifier identifier(String resource) {
        String name = settings.table() != null ? settings.table() : resource.replaceAll("[^A-Za-z0-9_]", "_");
        return TableIdentifier.of(Namespace.of(settings.namespace()), name);
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        TableWriter writer;
        synchronized (this) {
            if (closed) {
                throw new SinkException("The iceberg sink is closed");
            }
            writer = tables.get(resource);
            if (writer == null) {
                writer = new TableWriter(resource, openTable(resource, record), root(record.schema().orElseThrow()));
                tables.put(resource, writer);
            }
        }
        writer.add(record);
    }

    /**
     * @return {@code iceberg}: Parquet data files of typed columns hold neither a cut record nor a value of another
     *     type, so the faults setting's {@code malformed} and {@code wrong_type} are refused at start
     */
    @Override
    public java.util.Optional<String> typedFormat() {
        return java.util.Optional.of("iceberg (parquet)");
    }

    /**
     * @return the table {@code <resource>_faults} of the same namespace, made from the labels' schema
     * @throws InvalidSettingException naming {@code fault_labels} when {@code table} or {@code partition_by} is set:
     *     the one table named would take the labels too, and the label table has none of the partition columns
     */
    @Override
    public String labelResource(String resource) {
        if (settings.table() != null || !settings.partitionBy().isEmpty()) {
            throw new InvalidSettingException("fault_labels", "true", "the iceberg sink's "
                    + (settings.table() != null ? IcebergSettings.TABLE + " names one table for every record"
                            : IcebergSettings.PARTITION_BY + " names columns the label table lacks")
                    + "; set fault_labels=false (the records keep their labels in EmulatedRecord#fault())");
        }
        return resource + "_faults";
    }

    private Table openTable(String resource, EmulatedRecord first) {
        RecordSchema recordSchema = root(first.schema().orElseThrow(() -> new InvalidSettingException(
                IcebergSettings.SINK, resource, "domain '" + first.domain() + "' declares no schema "
                        + "(DomainGenerator.schema()); an Iceberg table needs typed columns")));
        TableIdentifier id = identifier(resource);
        Schema wanted = IcebergSchemas.schema(recordSchema);
        Catalog connected = catalog();
        Table table;
        if (connected.tableExists(id)) {
            table = connected.loadTable(id);
            String misfit = IcebergSchemas.misfit(table.schema(), wanted);
            if (misfit != null) {
                throw new InvalidSettingException(IcebergSettings.TABLE, id.toString(), "the existing table does "
                        + "not fit domain '" + first.domain() + "': " + misfit + "; write to another table or "
                        + "drop this one");
            }
        } else {
            PartitionSpec spec = settings.spec(wanted);
            try {
                table = connected.buildTable(id, wanted).withPartitionSpec(spec)
                        .withProperty(TableProperties.FORMAT_VERSION, String.valueOf(settings.formatVersion()))
                        .create();
            } catch (AlreadyExistsException e) {
                table = connected.loadTable(id);
            }
        }
        return table;
    }

    /** @return the first version of a schema: the one a schema drift started from, or the schema itself */
    private static RecordSchema root(RecordSchema schema) {
        RecordSchema root = schema;
        while (root.previous().isPresent()) {
            root = root.previous().get();
        }
        return root;
    }

    /**
     * The table's schema for the records of one version of the domain's schema: the data files of those records
     * carry its field ids, their partition values are read by its names.
     */
    private static final class Version {
        final Schema schema;
        final MessageType messageType;
        final PartitionRow row;
        final PartitionKey partitionKey;

        Version(Schema schema, PartitionSpec spec) {
            this.schema = schema;
            this.messageType = IcebergSchemas.messageType(schema, "table");
            this.row = new PartitionRow(schema);
            this.partitionKey = new PartitionKey(spec, schema);
        }
    }

    /** Commits every table's closed and open files; failures are reported through the records' trackers. */
    private void commitQuietly() {
        try {
            commitAll();
        } catch (RuntimeException e) {
            LOG.warn("Iceberg commit failed: {}", e.toString());
        }
    }

    private void commitAll() {
        List<TableWriter> writers;
        synchronized (this) {
            writers = new ArrayList<>(tables.values());
        }
        for (TableWriter writer : writers) {
            writer.commit();
        }
    }

    @Override
    public void flush() {
        commitAll();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        committer.shutdown();
        try {
            committer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitAll();
        if (catalog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the catalog: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "iceberg{" + settings.catalog().name().toLowerCase() + " " + settings.catalogUri() + ", "
                + settings.namespace() + "}";
    }

    /** One table: its open files by partition and emulation, the files closed since the last commit. */
    private final class TableWriter {
        /** The resource whose table it writes. */
        private final String resource;
        private final Table table;
        private final PartitionSpec spec;
        /** The table's schema for each version of the domain's schema met so far (a schema drift makes two). */
        private final Map<RecordSchema, Version> versions = new java.util.IdentityHashMap<>();
        private RecordSchema lastSchema;
        private Version lastVersion;
        private final Map<String, Emulation> emulations = new HashMap<>();
        private final Object commitLock = new Object();
        private long fileCount;

        /**
         * @param resource the resource whose table it writes
         * @param table the table, made from (or fitting) {@code root}
         * @param root the domain's schema, before any drift
         */
        TableWriter(String resource, Table table, RecordSchema root) {
            this.resource = resource;
            this.table = table;
            this.spec = table.spec();
            this.lastSchema = root;
            this.lastVersion = new Version(table.schema(), spec);
            versions.put(root, lastVersion);
        }

        /** @return the table's schema for the record's version, evolving the table at a new version */
        private Version version(EmulatedRecord record) {
            RecordSchema schema = record.schema().orElseThrow();
            if (schema != lastSchema) {
                lastVersion = version(schema, record.domain());
                lastSchema = schema;
            }
            return lastVersion;
        }

        private Version version(RecordSchema schema, String domain) {
            Version known = versions.get(schema);
            if (known != null) {
                return known;
            }
            if (schema.previous().isEmpty()) {
                throw new SinkException("Iceberg table " + table.name() + " received a record of domain '" + domain
                        + "' with another schema than its first records, and not a version evolved from it");
            }
            Version previous = version(schema.previous().get(), domain);
            Version evolved = new Version(evolve(schema.previous().get(), schema), spec);
            String misfit = IcebergSchemas.misfit(evolved.schema, IcebergSchemas.schema(schema));
            if (misfit != null) {
                throw new SinkException("Iceberg table " + table.name() + " could not evolve to the new version of "
                        + "domain '" + domain + "': " + misfit);
            }
            versions.put(schema, evolved);
            LOG.info("Iceberg table {} evolved to schema {} (from {} columns to {})", table.name(),
                    evolved.schema.schemaId(), previous.schema.columns().size(), evolved.schema.columns().size());
            return evolved;
        }

        /**
         * Evolves the table from one version to the next, by field id: renamed columns keep their ids, dropped ones
         * are deleted, added ones get new ids and are optional (the data files written before hold no value for
         * them).
         *
         * @return the table's schema after the change
         */
        private Schema evolve(RecordSchema from, RecordSchema to) {
            for (int attempt = 1; ; attempt++) {
                UpdateSchema update = table.updateSchema();
                java.util.Set<String> renamedTo = new java.util.HashSet<>(to.renamed().values());
                for (RecordSchema.Field field : from.fields()) {
                    String renamed = to.renamed().get(field.name());
                    if (renamed != null) {
                        update.renameColumn(field.name(), renamed);
                    } else if (to.field(field.name()).isEmpty()) {
                        update.deleteColumn(field.name());
                    }
                }
                for (RecordSchema.Field field : to.fields()) {
                    if (from.field(field.name()).isEmpty() && !renamedTo.contains(field.name())) {
                        Schema one = IcebergSchemas.schema(RecordSchema.builder(to.name())
                                .field(field.name(), field.type(), true, field.doc()).build());
                        update.addColumn(field.name(), one.columns().get(0).type(),
                                field.doc().isEmpty() ? null : field.doc());
                    }
                }
                try {
                    update.commit();
                    table.refresh();
                    return table.schema();
                } catch (CommitFailedException e) {
                    // a snapshot of records was committed meanwhile: change the table as it is now
                    if (attempt == COMMIT_ATTEMPTS) {
                        throw e;
                    }
                    table.refresh();
                }
            }
        }

        synchronized void add(EmulatedRecord record) {
            Emulation emulation = emulations.get(record.emulationId());
            if (emulation == null) {
                emulation = new Emulation(record.emulationId(), committedSeqs(record.emulationId()));
                emulations.put(record.emulationId(), emulation);
            }
            if (emulation.committed.contains(record.seq())) {
                record.tracker().delivered(1);
                return;
            }
            Version version = version(record);
            PartitionKey key = null;
            if (spec.isPartitioned()) {
                version.partitionKey.partition(version.row.of(record));
                key = version.partitionKey;
            }
            OpenFile file = emulation.open.get(key);
            try {
                if (file != null && file.version != version) {
                    // a data file holds the records of one version, with its field ids
                    emulation.open.remove(file.partition);
                    emulation.closed.add(file.finish());
                    file = null;
                }
                if (file == null) {
                    PartitionKey copy = key == null ? null : key.copy();
                    file = new OpenFile(copy, version);
                    emulation.open.put(copy, file);
                }
                file.add(record);
                if (file.writer.dataSize() >= settings.targetFileSize()) {
                    emulation.open.remove(file.partition);
                    emulation.closed.add(file.finish());
                }
            } catch (IOException e) {
                throw new SinkException("Cannot write record " + record.seq() + " to Iceberg table "
                        + table.name() + ": " + e.getMessage(), e);
            }
        }

        /** @return the seqs snapshots of this emulation hold; refuses the table when they exist without resume */
        private SeqRanges committedSeqs(String emulationId) {
            SeqRanges seqs = new SeqRanges();
            table.refresh();
            for (Snapshot snapshot : table.snapshots()) {
                Map<String, String> summary = snapshot.summary();
                if (emulationId.equals(summary.get(EMULATION_ID))) {
                    seqs.addAll(SeqRanges.parse(summary.get(SEQS)));
                }
            }
            if (!seqs.isEmpty() && !resumed.containsKey(List.of(resource, emulationId))) {
                throw new SinkException("Iceberg table " + table.name() + " already holds " + seqs.count()
                        + " records of emulation '" + emulationId + "'; run it with resume=true to "
                        + "continue it, or give the emulation another id");
            }
            return seqs;
        }

        /** Commits every emulation's files; one commit of this table at a time. */
        void commit() {
            synchronized (commitLock) {
                commitOnce();
            }
        }

        private void commitOnce() {
            List<Emulation> due = new ArrayList<>();
            synchronized (this) {
                for (Emulation emulation : emulations.values()) {
                    try {
                        for (OpenFile file : emulation.open.values()) {
                            emulation.closed.add(file.finish());
                        }
                    } catch (IOException e) {
                        emulation.fail(new SinkException("Cannot finish a data file of Iceberg table "
                                + table.name() + ": " + e.getMessage(), e));
                    }
                    emulation.open.clear();
                    if (!emulation.closed.isEmpty()) {
                        due.add(emulation);
                    }
                }
            }
            for (Emulation emulation : due) {
                emulation.commit();
            }
        }

        private final class Emulation {
            final String id;
            final SeqRanges committed;
            final Map<PartitionKey, OpenFile> open = new LinkedHashMap<>();
            final List<OpenFile> closed = new ArrayList<>();
            boolean refused;
            /** The snapshot this writer committed last, or the table's when the emulation started here. */
            Long lastSeen;

            Emulation(String id, SeqRanges committed) {
                this.id = id;
                this.committed = committed;
                Snapshot current = table.currentSnapshot();
                this.lastSeen = current == null ? null : current.snapshotId();
            }

            /** Commits the closed files as one snapshot: called by one thread at a time (the table's commits). */
            void commit() {
                List<OpenFile> files;
                synchronized (TableWriter.this) {
                    files = new ArrayList<>(closed);
                    closed.clear();
                }
                if (refused) {
                    fail(files, new SinkException("Iceberg table " + table.name() + " is written by another "
                            + "writer of emulation '" + id + "'"));
                    return;
                }
                SeqRanges seqs = new SeqRanges();
                for (OpenFile file : files) {
                    seqs.addAll(file.seqs);
                }
                try {
                    Snapshot snapshot = commitFiles(files, seqs);
                    lastSeen = snapshot.snapshotId();
                    synchronized (TableWriter.this) {
                        committed.addAll(seqs);
                    }
                    for (OpenFile file : files) {
                        file.delivered();
                    }
                } catch (RuntimeException e) {
                    fail(files, e);
                }
            }

            private Snapshot commitFiles(List<OpenFile> files, SeqRanges seqs) {
                TableOperations ops = ((HasTableOperations) table).operations();
                for (int attempt = 1; ; attempt++) {
                    AppendFiles append = table.newFastAppend();
                    for (OpenFile file : files) {
                        append.appendFile(file.dataFile);
                    }
                    append.set(EMULATION_ID, id).set(WRITER_ID, writerId).set(SEQS, seqs.toString())
                            .set(MAX_SEQ, String.valueOf(seqs.max()));
                    Map<String, String> kept = resumed.get(List.of(resource, id));
                    if (kept != null) {
                        append.set(SETTINGS, Checkpoints.settingsText(kept));
                    }
                    Snapshot snapshot = append.apply();
                    TableMetadata base = ops.current();
                    checkNoOtherWriter(base);
                    TableMetadata updated = TableMetadata.buildFrom(base)
                            .setBranchSnapshot(snapshot, SnapshotRef.MAIN_BRANCH).build();
                    try {
                        ops.commit(base, updated);
                        table.refresh();
                        return snapshot;
                    } catch (CommitFailedException e) {
                        if (attempt == COMMIT_ATTEMPTS) {
                            throw e;
                        }
                        ops.refresh();
                    }
                }
            }

            /** Refuses to commit when a snapshot of this emulation by another writer is newer than ours. */
            private void checkNoOtherWriter(TableMetadata base) {
                Snapshot snapshot = base.currentSnapshot();
                while (snapshot != null && (lastSeen == null || snapshot.snapshotId() != lastSeen)) {
                    Map<String, String> summary = snapshot.summary();
                    if (id.equals(summary.get(EMULATION_ID)) && !writerId.equals(summary.get(WRITER_ID))) {
                        refused = true;
                        throw new SinkException("Iceberg table " + table.name() + " received snapshot "
                                + snapshot.snapshotId() + " of emulation '" + id + "' from another writer; this "
                                + "writer stops rather than merge its records in (one writer per emulation id)");
                    }
                    snapshot = snapshot.parentId() == null ? null : base.snapshot(snapshot.parentId());
                }
            }

            void fail(Throwable cause) {
                List<OpenFile> files = new ArrayList<>(closed);
                files.addAll(open.values());
                closed.clear();
                open.clear();
                fail(files, cause);
            }

            private void fail(List<OpenFile> files, Throwable cause) {
                DeliveryTracker aborted = null;
                for (OpenFile file : files) {
                    for (Map.Entry<DeliveryTracker, Long> entry : file.trackers.entrySet()) {
                        entry.getKey().failed(entry.getValue(), cause);
                        if (entry.getKey() != aborted) {
                            aborted = entry.getKey();
                            aborted.abort(cause);
                        }
                    }
                }
                LOG.warn("Iceberg table {}: {} file(s) not committed: {}", table.name(), files.size(),
                        cause.toString());
            }
        }

        /** A data file being written, then finished and waiting for its snapshot. */
        private final class OpenFile {
            final PartitionKey partition;
            final Version version;
            final OutputFile output;
            final PositionOutputStream stream;
            final dev.dataemulator.parquet.ParquetRecordWriter writer;
            final SeqRanges seqs = new SeqRanges();
            final Map<DeliveryTracker, Long> trackers = new HashMap<>(2);
            DataFile dataFile;

            OpenFile(PartitionKey partition, Version version) throws IOException {
                this.partition = partition;
                this.version = version;
                String name = String.format("%05d-%s.parquet", ++fileCount, writerId);
                String location = table.locationProvider().newDataLocation(spec, partition, name);
                this.output = table.io().newOutputFile(location);
                this.stream = output.create();
                this.writer = new dev.dataemulator.parquet.ParquetRecordWriter(stream, version.messageType, false,
                        true, CompressionCodecName.SNAPPY, Math.min(ROW_GROUP_SIZE, settings.targetFileSize()),
                        List.of());
            }

            void add(EmulatedRecord record) throws IOException {
                long before = writer.bytes();
                writer.add(record);
                record.tracker().encoded(writer.bytes() - before);
                seqs.add(record.seq());
                trackers.merge(record.tracker(), 1L, Long::sum);
            }

            OpenFile finish() throws IOException {
                writer.finish();
                long length = stream.getPos();
                stream.close();
                DataFiles.Builder builder = DataFiles.builder(spec).withPath(output.location())
                        .withFormat(FileFormat.PARQUET).withFileSizeInBytes(length)
                        .withMetrics(FooterMetrics.of(writer.footer(), version.schema));
                if (partition != null) {
                    builder.withPartition(partition);
                }
                dataFile = builder.build();
                return this;
            }

            void delivered() {
                for (Map.Entry<DeliveryTracker, Long> entry : trackers.entrySet()) {
                    entry.getKey().delivered(entry.getValue());
                }
            }
        }
    }
}
