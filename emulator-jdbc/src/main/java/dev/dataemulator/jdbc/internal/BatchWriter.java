package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.support.Checkpoints;
import dev.dataemulator.core.support.Lanes;
import dev.dataemulator.jdbc.internal.JdbcSettings.TablePolicy;
import dev.dataemulator.jdbc.internal.JdbcSettings.WriteMode;
import java.io.ByteArrayOutputStream;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows on one thread over one connection, each batch in one transaction, and reports its records
 * delivered when the transaction commits. A lost connection is retried with backoff for {@code retry_timeout}; on
 * PostgreSQL each batch's transaction id is read first, so that after a connection lost around COMMIT the new
 * connection asks the server whether it committed ({@code pg_xact_status}) instead of writing the rows again. Any
 * other failure fails the batch's records and aborts their emulations, with the database's message.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int COPY_CHUNK = 1 << 16;
    private static final int RECENT_DELETES = 100_000;
    private static final int ROWS_PER_STATEMENT = 200;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Batch STOP = new Batch(null, List.of(), new CompletableFuture<>());

    private final JdbcSettings settings;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
    private final Set<Table> prepared = new HashSet<>();
    private final Map<Table, Map<Object, Long>> recentDeletes = new IdentityHashMap<>();
    private final Thread thread;
    /** How long {@link #close} waits for the batches handed over before counting the ones still queued failed. */
    private final Duration closeGrace;
    /**
     * Guards starting the thread, handing a batch over and closing, so that no batch is queued behind the stop
     * marker; not the writer's monitor, which {@link #write} holds for a whole batch: a worker handing over the next
     * batch must not wait for the one being written.
     */
    private final Object lifecycle = new Object();
    private volatile RuntimeException fatal;
    private volatile CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    private Connection connection;
    private volatile boolean closed;

    /** The table of resumable emulations' lane progress, written in the transaction of each batch. */
    static final String PROGRESS_TABLE = "emulator_resume_lanes";
    /** The table of resumable emulations' settings, written when an emulation first starts. */
    static final String SETTINGS_TABLE = "emulator_resume_settings";
    /** Resumable emulations (resume=true) by id and resource (one per domain of a run): their lane count. */
    private final Map<List<String>, Integer> resumable = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One row: every field's value (or {@code null} when the table is filled by COPY), its COPY line, and where to
     * report it; and the emulation, worker lane and position of its record, which a resumable emulation's progress
     * counts in, and the resource it was produced to.
     */
    public record Row(Object[] values, byte[] copyLine, DeliveryTracker tracker, String emulationId, String resource,
            int lane, long position) {
    }

    private record Batch(Table table, List<Row> rows, CompletableFuture<Void> done) {
    }

    public BatchWriter(JdbcSettings settings) {
        this(settings, settings.retryTimeout().plusSeconds(30));
    }

    BatchWriter(JdbcSettings settings, Duration closeGrace) {
        this.settings = settings;
        this.closeGrace = closeGrace;
        this.thread = new Thread(this::run, "emulator-jdbc-writer");
        this.thread.setDaemon(true);
    }

    /**
     * Connects now (setting up a resource), retrying a database that is not reachable yet for {@code retry_timeout}.
     *
     * @throws SinkException when the database refuses (credentials, unknown database) or stays unreachable
     */
    public synchronized void connect() {
        long deadline = System.nanoTime() + settings.retryTimeout().toNanos();
        long backoff = 100;
        while (true) {
            try {
                ensureConnection();
                return;
            } catch (SQLException e) {
                if (!isTransient(e) || System.nanoTime() - deadline > 0) {
                    throw new SinkException("Cannot connect to " + JdbcSettings.maskUrl(settings.url()) + ": "
                            + e.getMessage(), e);
                }
                backoff = pause(backoff);
            }
        }
    }

    /** @throws SinkException when an earlier batch failed for good, or the sink was closed */
    public void checkHealthy() {
        if (closed) {
            throw new SinkException("The 'jdbc' sink is closed");
        }
        RuntimeException failure = fatal;
        if (failure != null) {
            throw new SinkException("The 'jdbc' sink stopped after a failure: " + failure.getMessage(), failure);
        }
    }

    /**
     * Hands a batch over; blocks while two batches wait. After {@link #close} the batch is refused: its records are
     * counted failed and their emulations aborted, so that none is queued behind the stop marker and never reported.
     */
    void submit(Table table, List<Row> rows) {
        Batch batch = new Batch(table, rows, new CompletableFuture<>());
        synchronized (lifecycle) {
            if (closed) {
                report(rows, new SinkException("The 'jdbc' sink is closed; a batch of " + rows.size()
                        + " rows was not taken"), true);
                return;
            }
            if (!thread.isAlive()) {
                thread.start();
            }
            last = batch.done;
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                SinkException failure = new SinkException("Interrupted while handing rows to the 'jdbc' sink", e);
                report(rows, failure, false);
                batch.done.complete(null);
            }
        }
    }

    /** Waits until every batch submitted so far is committed or failed. */
    public void awaitWritten() {
        try {
            last.join();
        } catch (RuntimeException e) {
            // a failed batch reported its records already
        }
    }

    /**
     * Refuses later batches, then waits for the ones handed over; when they are not written within {@code
     * retry_timeout} + 30 s, the batches still queued are counted failed (the one being written is reported by the
     * writer when it ends).
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (thread.isAlive()) {
            long deadline = System.nanoTime() + closeGrace.toNanos();
            try {
                if (queue.offer(STOP, closeGrace.toNanos(), TimeUnit.NANOSECONDS)) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                abandonQueued();
            }
        }
        synchronized (this) {
            closeConnection();
        }
    }

    /** Counts every batch still queued failed, then queues the stop marker again for the writer's next take. */
    private void abandonQueued() {
        List<Batch> abandoned = new ArrayList<>();
        queue.drainTo(abandoned);
        for (Batch batch : abandoned) {
            if (batch != STOP) {
                SinkException failure = new SinkException("The 'jdbc' sink closed before a batch of "
                        + batch.rows.size() + " rows was written (waited " + closeGrace + ")");
                LOG.error("jdbc sink: {}", failure.getMessage());
                report(batch.rows, failure, true);
                batch.done.complete(null);
            }
        }
        queue.offer(STOP); // the queue was emptied and nothing is added after close: there is room
    }

    private void run() {
        while (true) {
            Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == STOP) {
                return;
            }
            try {
                RuntimeException failure = fatal;
                if (failure != null) {
                    report(batch.rows, failure, false);
                } else {
                    write(batch);
                }
            } catch (RuntimeException | Error e) {
                fail(batch, e instanceof RuntimeException ? (RuntimeException) e
                        : new SinkException("The 'jdbc' sink failed: " + e, e));
            } finally {
                batch.done.complete(null);
            }
        }
    }

    private synchronized void write(Batch batch) {
        long deadline = System.nanoTime() + settings.retryTimeout().toNanos();
        long backoff = 100;
        String pendingXid = null;
        while (true) {
            String xid = null;
            try {
                ensureConnection();
                if (pendingXid != null) {
                    String status = status(pendingXid);
                    if ("committed".equals(status)) {
                        LOG.info("jdbc sink: the batch of {} rows committed before the connection was lost; not "
                                + "written again", batch.rows.size());
                        delivered(batch);
                        return;
                    }
                    if ("in progress".equals(status)) {
                        throw new SQLException("the transaction of the interrupted batch is still in progress",
                                "40001");
                    }
                    pendingXid = null;
                }
                prepare(batch.table);
                connection.setAutoCommit(false);
                xid = settings.dialect() == Dialect.POSTGRESQL ? currentXid() : null;
                apply(batch);
                checkpoint(batch);
                connection.commit();
                delivered(batch);
                return;
            } catch (SQLException e) {
                rollbackQuietly();
                if (!isTransient(e)) {
                    fail(batch, new SinkException("The database refused a batch of " + batch.rows.size()
                            + " rows for table '" + batch.table.name + "': " + e.getMessage(), e));
                    return;
                }
                if (xid != null) {
                    pendingXid = xid;
                }
                if (System.nanoTime() - deadline > 0) {
                    fail(batch, new SinkException("The database at " + JdbcSettings.maskUrl(settings.url())
                            + " stayed unreachable for retry_timeout " + settings.retryTimeout() + ": "
                            + e.getMessage(), e));
                    return;
                }
                LOG.warn("jdbc sink: {} ({}); retrying the batch of {} rows", e.getMessage(), e.getSQLState(),
                        batch.rows.size());
                closeConnection();
                backoff = pause(backoff);
            }
        }
    }

    /**
     * Reads (or, the first time, writes) a resumable emulation's settings and its lanes' progress, and from now on
     * writes each lane's progress in the transaction of every batch holding its rows: a lane's rows reach the batches
     * in order, and the batches commit one after the other, so a committed lane progress has every row before it
     * committed and none after it.
     *
     * @throws SinkException when the database refuses or stays unreachable
     */
    public synchronized ResumePoint resume(ResumeRequest request) {
        try {
            ensureConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + SETTINGS_TABLE + " (emulation_id VARCHAR(64) "
                        + "NOT NULL, resource VARCHAR(255) NOT NULL, settings TEXT NOT NULL, PRIMARY KEY "
                        + "(emulation_id, resource))");
                statement.execute("CREATE TABLE IF NOT EXISTS " + PROGRESS_TABLE + " (emulation_id VARCHAR(64) "
                        + "NOT NULL, resource VARCHAR(255) NOT NULL, lane INTEGER NOT NULL, next_position BIGINT "
                        + "NOT NULL, PRIMARY KEY (emulation_id, resource, lane))");
            }
            String stored = null;
            try (PreparedStatement select = connection.prepareStatement("SELECT settings FROM " + SETTINGS_TABLE
                    + " WHERE emulation_id = ? AND resource = ?")) {
                select.setString(1, request.emulationId());
                select.setString(2, request.resource());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        stored = rs.getString(1);
                    }
                }
            }
            resumable.put(List.of(request.emulationId(), request.resource()), request.lanes());
            if (stored == null) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SETTINGS_TABLE
                        + " (emulation_id, resource, settings) VALUES (?, ?, ?)")) {
                    insert.setString(1, request.emulationId());
                    insert.setString(2, request.resource());
                    insert.setString(3, Checkpoints.settingsText(request.settings()));
                    insert.executeUpdate();
                }
                return ResumePoint.fresh(request);
            }
            Map<Integer, Long> next = new java.util.HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT lane, next_position FROM "
                    + PROGRESS_TABLE + " WHERE emulation_id = ? AND resource = ?")) {
                select.setString(1, request.emulationId());
                select.setString(2, request.resource());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        next.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return new ResumePoint(Checkpoints.parseSettings(stored), next);
        } catch (SQLException e) {
            throw new SinkException("Reading the progress of emulation '" + request.emulationId() + "' from "
                    + JdbcSettings.maskUrl(settings.url()) + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes the progress of each resumable emulation's lanes whose rows the batch holds, in its transaction. */
    private void checkpoint(Batch batch) throws SQLException {
        if (resumable.isEmpty()) {
            return;
        }
        Map<List<Object>, Long> next = new LinkedHashMap<>();
        for (Row row : batch.rows) {
            Integer lanes = row.emulationId() == null || row.resource() == null ? null
                    : resumable.get(List.of(row.emulationId(), row.resource()));
            if (lanes != null) {
                next.put(List.of(row.emulationId(), row.resource(), row.lane()), Lanes.next(lanes, row.position()));
            }
        }
        if (next.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + PROGRESS_TABLE
                + " (emulation_id, resource, lane, next_position) VALUES (?, ?, ?, ?) ON CONFLICT (emulation_id, "
                + "resource, lane) DO UPDATE SET next_position = EXCLUDED.next_position")) {
            for (Map.Entry<List<Object>, Long> entry : next.entrySet()) {
                upsert.setString(1, (String) entry.getKey().get(0));
                upsert.setString(2, (String) entry.getKey().get(1));
                upsert.setInt(3, (Integer) entry.getKey().get(2));
                upsert.setLong(4, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void apply(Batch batch) throws SQLException {
        Table table = batch.table;
        if (table.mode == WriteMode.INSERT) {
            if (settings.dialect() == Dialect.POSTGRESQL) {
                copy(table, batch.rows);
            } else {
                executeRows(table, batch.rows, false);
            }
        } else if (table.mode == WriteMode.UPSERT) {
            Map<Object, Row> latest = new LinkedHashMap<>();
            for (Row row : batch.rows) {
                latest.put(table.keyOf(row.values), row);
            }
            executeRows(table, new ArrayList<>(latest.values()), true);
        } else {
            applyChanges(table, batch.rows);
        }
    }

    /**
     * Applies changes: per key only the newest version in the batch (the database refuses two upserts of one row in
     * a statement); a delete removes older versions; an upsert replaces only an older version; a change older than
     * a recent delete of its key is dropped, so that changes arriving out of order from several workers never bring
     * a deleted row back.
     */
    private void applyChanges(Table table, List<Row> rows) throws SQLException {
        Map<Object, Row> latest = new LinkedHashMap<>();
        for (Row row : rows) {
            Object key = table.keyOf(row.values);
            Row seen = latest.get(key);
            if (seen == null || table.versionOf(row.values) > table.versionOf(seen.values)) {
                latest.put(key, row);
            }
        }
        Map<Object, Long> deleted = recentDeletes.computeIfAbsent(table, t -> new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Long> eldest) {
                return size() > RECENT_DELETES;
            }
        });
        List<Row> deletes = new ArrayList<>();
        List<Row> upserts = new ArrayList<>();
        for (Map.Entry<Object, Row> entry : latest.entrySet()) {
            Row row = entry.getValue();
            Long deletedAt = deleted.get(entry.getKey());
            long version = table.versionOf(row.values);
            if (deletedAt != null && deletedAt >= version) {
                continue;
            }
            (table.opOf(row.values) == 'd' ? deletes : upserts).add(row);
        }
        execute(table.deleteSql(), deletes, table::bindDelete);
        executeRows(table, upserts, true);
        for (Row row : deletes) {
            deleted.put(table.keyOf(row.values), table.versionOf(row.values));
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement, Object[] values) throws SQLException;
    }

    private void execute(String sql, List<Row> rows, Binder binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Row row : rows) {
                binder.bind(statement, row.values);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Inserts (or upserts) rows: on PostgreSQL one batched statement (pgjdbc rewrites it into multi-row inserts); on
     * DuckDB, whose driver runs a batch row by row, statements of {@value #ROWS_PER_STATEMENT} rows each.
     */
    private void executeRows(Table table, List<Row> rows, boolean upsert) throws SQLException {
        if (settings.dialect() == Dialect.POSTGRESQL) {
            execute(upsert ? table.upsertSql() : table.insertSql(), rows, table::bindColumns);
            return;
        }
        int columns = table.columnFields.size();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String sql = upsert ? table.upsertSql(chunk.size()) : table.insertSql(chunk.size());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    table.bindColumns(statement, chunk.get(i).values, i * columns);
                }
                statement.executeUpdate();
            }
        }
    }

    private void copy(Table table, List<Row> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql());
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(COPY_CHUNK + 4096);
            for (Row row : rows) {
                chunk.writeBytes(row.copyLine);
                if (chunk.size() >= COPY_CHUNK) {
                    copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                    chunk.reset();
                }
            }
            if (chunk.size() > 0) {
                copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection is gone or the COPY failed; the caller reports the first failure
                }
            }
        }
    }

    /** Makes the table ready once per table: creates, drops and creates, or checks it, by the table policy. */
    private void prepare(Table table) throws SQLException {
        if (prepared.contains(table)) {
            return;
        }
        connection.setAutoCommit(true);
        TablePolicy policy = settings.policy();
        try (Statement statement = connection.createStatement()) {
            if (policy == TablePolicy.DROP_AND_CREATE) {
                statement.execute(table.dropSql());
            }
            if (policy != TablePolicy.MANUAL && !table.exists(connection)) {
                statement.execute(table.createSql());
            } else {
                if (policy == TablePolicy.MANUAL && !table.exists(connection)) {
                    throw new SinkException("table_policy=manual: table '" + table.name + "' does not exist; "
                            + "create it (e.g. " + table.createSql() + ") or use table_policy=create");
                }
                List<String> misfits = table.misfits(connection);
                if (!misfits.isEmpty()) {
                    throw new SinkException("Table '" + table.name + "' does not fit the records of the 'jdbc' "
                            + "sink: " + String.join("; ", misfits) + (policy == TablePolicy.MANUAL ? ""
                            : " (table_policy=drop_and_create replaces it)"));
                }
            }
        }
        prepared.add(table);
    }

    private String currentXid() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_current_xact_id()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** @return the outcome of a transaction: committed, aborted, in progress, or {@code null} when unknown */
    private String status(String xid) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_xact_status(?::xid8)")) {
            statement.setString(1, xid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            if ("22023".equals(e.getSQLState())) {
                return null; // "in the future": the server restarted before the transaction reached its log
            }
            throw e;
        }
    }

    private void ensureConnection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        Properties properties = settings.connectionProperties();
        if (settings.dialect() == Dialect.POSTGRESQL) {
            properties.putIfAbsent("reWriteBatchedInserts", "true");
            properties.putIfAbsent("connectTimeout", "10");
            properties.putIfAbsent("socketTimeout", String.valueOf(Math.max(60,
                    settings.retryTimeout().toSeconds())));
            properties.putIfAbsent("ApplicationName", "data-emulator");
        }
        connection = DriverManager.getConnection(settings.url(), properties);
    }

    private boolean isTransient(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return false;
            }
        }
        return settings.dialect().isTransient(e);
    }

    private void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone; the transaction with it
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            connection = null;
        }
    }

    private static long pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while waiting to retry the 'jdbc' sink", e);
        }
        return Math.min(millis * 2, MAX_BACKOFF.toMillis());
    }

    private static void delivered(Batch batch) {
        byTracker(batch.rows).forEach((tracker, count) -> tracker.delivered(count[0]));
    }

    /** @return how many of the rows each tracker has (rows of several emulations may share a sink) */
    private static Map<DeliveryTracker, long[]> byTracker(List<Row> rows) {
        Map<DeliveryTracker, long[]> counts = new IdentityHashMap<>();
        for (Row row : rows) {
            counts.computeIfAbsent(row.tracker, t -> new long[1])[0]++;
        }
        return counts;
    }

    private void fail(Batch batch, RuntimeException failure) {
        if (fatal == null) {
            fatal = failure;
        }
        LOG.error("jdbc sink: {}", failure.getMessage());
        report(batch.rows, failure, true);
    }

    private static void report(List<Row> rows, RuntimeException failure, boolean abort) {
        byTracker(rows).forEach((tracker, count) -> {
            tracker.failed(count[0], failure);
            if (abort) {
                tracker.abort(failure);
            }
        });
    }
}
