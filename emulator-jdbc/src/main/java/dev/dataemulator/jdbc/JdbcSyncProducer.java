package dev.dataemulator.jdbc;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.jdbc.internal.JdbcSettings;
import dev.dataemulator.jdbc.internal.JdbcSink;
import java.util.Map;

/**
 * The sink {@code "jdbc"}: records as rows of a database table, in PostgreSQL (pgjdbc) or DuckDB (duckdb_jdbc,
 * embedded); the dialect follows the URL.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code url}</td><td>(required)</td><td>{@code jdbc:postgresql://host:port/db} or
 *       {@code jdbc:duckdb:/path/file.duckdb}; driver properties go in the URL</td></tr>
 *   <tr><td>{@code user}, {@code password}</td><td>none</td><td>credentials; the password is never logged or
 *       shown</td></tr>
 *   <tr><td>{@code table}</td><td>the resource</td><td>table name, optionally {@code schema.table}</td></tr>
 *   <tr><td>{@code table_policy}</td><td>{@code create}</td><td>{@code create} (when missing; an existing table
 *       must fit), {@code drop_and_create}, {@code manual} (must exist and fit)</td></tr>
 *   <tr><td>{@code batch_size}</td><td>1000</td><td>rows per transaction</td></tr>
 *   <tr><td>{@code write_mode}</td><td>{@code insert}</td><td>{@code insert} (append), {@code upsert} (insert or
 *       replace by key), {@code changes} (apply {@code __op} c/u/d by key and {@code __version})</td></tr>
 *   <tr><td>{@code key_column}</td><td>the field holding the record key</td><td>the primary key column; in
 *       {@code insert} mode a primary key only when set</td></tr>
 *   <tr><td>{@code retry_timeout}</td><td>2m</td><td>how long a batch is retried after losing the connection</td></tr>
 * </table>
 *
 * <p>A batch is one transaction; its records are reported delivered when it commits. Thread-safe: {@code produce}
 * turns records into rows on the calling thread; one writer thread per sink writes the batches over one connection.
 */
public final class JdbcSyncProducer implements SyncProducer {
    /** The sink's name. */
    public static final String NAME = "jdbc";

    private final JdbcSink sink;

    private JdbcSyncProducer(JdbcSink sink) {
        this.sink = sink;
    }

    /**
     * Checks the settings without connecting.
     *
     * @param config the settings in the table above
     * @return a sink that connects when its resource is set up
     * @throws dev.dataemulator.core.InvalidSettingException naming every bad setting
     */
    public static JdbcSyncProducer create(Map<String, String> config) {
        return new JdbcSyncProducer(new JdbcSink(JdbcSettings.parse(config)));
    }

    /**
     * Connects (retrying an unreachable database for {@code retry_timeout}); the table itself is made from the first
     * record, which carries the domain's schema.
     *
     * @throws dev.dataemulator.core.SinkException when the database refuses the credentials or stays unreachable
     */
    @Override
    public void setupResource(String resource) {
        sink.setupResource(resource);
    }

    /**
     * @throws dev.dataemulator.core.SinkException when the records cannot make the table (no schema, no key for
     *     upserts, no {@code __op} for changes) or the sink stopped after a failure
     */
    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        sink.produce(resource, record);
    }

    /**
     * @return the table {@code <resource>_faults}, made from the labels' schema, rows appended
     * @throws dev.dataemulator.core.InvalidSettingException naming {@code fault_labels} when {@code table},
     *     {@code key_column} or a {@code write_mode} other than {@code insert} is set: they name one table or a key
     *     for the records, which the label table has not
     */
    @Override
    public String labelResource(String resource) {
        JdbcSettings settings = sink.settings();
        String conflict = settings.table() != null ? JdbcSettings.TABLE + " names one table for every record"
                : settings.keyColumn() != null ? JdbcSettings.KEY_COLUMN + " names a column the label table lacks"
                : settings.mode() != JdbcSettings.WriteMode.INSERT ? JdbcSettings.WRITE_MODE + " "
                        + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + " writes by a key the label "
                        + "table lacks"
                : null;
        if (conflict != null) {
            throw new dev.dataemulator.core.InvalidSettingException("fault_labels", "true", "the jdbc sink's "
                    + conflict + "; set fault_labels=false (the records keep their labels in EmulatedRecord#fault())");
        }
        return resource + "_faults";
    }

    /**
     * @return {@code jdbc table rows}: typed, NOT NULL columns, so the {@code faults} setting's {@code malformed},
     *     {@code wrong_type}, {@code null} and {@code out_of_range} are refused at start, naming the sink and the fault
     */
    @Override
    public java.util.Optional<String> typedFormat() {
        return java.util.Optional.of("jdbc table rows");
    }

    /** @return {@code true}: each batch's transaction also writes its lanes' progress */
    @Override
    public boolean resumable() {
        return true;
    }

    /** @return {@code write_mode}: what a row of the table means */
    @Override
    public Map<String, String> resumeSettings() {
        return Map.of(JdbcSettings.WRITE_MODE, sink.settings().mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Exactly once, in every {@code write_mode}: the emulation's settings are kept in table
     * {@code emulator_resume_settings} and each worker lane's progress in {@code emulator_resume_lanes}, written in
     * the transaction of every batch, so a resumed run continues each lane after its last committed row.
     *
     * @throws dev.dataemulator.core.SinkException when the database refuses or stays unreachable
     */
    @Override
    public ResumePoint resume(ResumeRequest request) {
        return sink.resume(request);
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public void close() {
        sink.close();
    }

    /** @return the settings, password masked */
    @Override
    public String toString() {
        return "JdbcSyncProducer[" + sink.settings() + "]";
    }
}
