package dev.dataemulator.jdbc.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.jdbc.internal.BatchWriter.Row;
import dev.dataemulator.jdbc.internal.JdbcSettings.WriteMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The work of the {@code jdbc} sink: records become rows on the workers' threads (column values, and the COPY line
 * for PostgreSQL appends), rows gather into one batch per table, and a full batch goes to the {@link BatchWriter}.
 * Thread-safe.
 */
public final class JdbcSink implements AutoCloseable {
    private final JdbcSettings settings;
    private final BatchWriter writer;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, List<Row>> pending = new HashMap<>();
    private final boolean copy;

    public JdbcSink(JdbcSettings settings) {
        this.settings = settings;
        this.writer = new BatchWriter(settings);
        this.copy = settings.dialect() == Dialect.POSTGRESQL && settings.mode() == WriteMode.INSERT;
    }

    /** @return the settings, password masked in their {@code toString()} */
    public JdbcSettings settings() {
        return settings;
    }

    /** Connects, so that a wrong password or an unknown database fails the emulation before its first record. */
    public void setupResource(String resource) {
        writer.checkHealthy();
        writer.connect();
    }

    /** Turns the record into a row and adds it to its table's batch, handing over the batch when full. */
    public void produce(String resource, EmulatedRecord record) {
        writer.checkHealthy();
        Table table = tables.computeIfAbsent(resource, r -> Table.resolve(settings, r, record));
        Object[] values = null;
        byte[] line = null;
        if (copy) {
            line = table.copyLine(record);
            record.tracker().encoded(line.length);
        } else {
            values = table.read(record);
            if (table.mode == WriteMode.CHANGES) {
                table.opOf(values);
                table.versionOf(values);
            }
        }
        Row row = new Row(values, line, record.tracker(), record.emulationId(), resource, record.lane(),
                record.position());
        synchronized (pending) {
            List<Row> batch = pending.computeIfAbsent(resource, r -> new ArrayList<>(settings.batchSize()));
            batch.add(row);
            if (batch.size() >= settings.batchSize()) {
                pending.remove(resource);
                writer.submit(table, batch);
            }
        }
    }

    /** @see BatchWriter#resume(ResumeRequest) */
    public ResumePoint resume(ResumeRequest request) {
        writer.checkHealthy();
        return writer.resume(request);
    }

    /** Hands over every partial batch and waits until all are committed or failed. */
    public void flush() {
        synchronized (pending) {
            for (Map.Entry<String, List<Row>> entry : pending.entrySet()) {
                writer.submit(tables.get(entry.getKey()), entry.getValue());
            }
            pending.clear();
        }
        writer.awaitWritten();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            writer.close();
        }
    }
}
