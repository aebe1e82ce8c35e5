package dev.dataemulator.connect;

import dev.dataemulator.connect.internal.ConnectValues;
import dev.dataemulator.connect.internal.Domains;
import dev.dataemulator.connect.internal.Records;
import dev.dataemulator.connect.internal.TaskSettings;
import dev.dataemulator.connect.internal.Unit;
import dev.dataemulator.connect.internal.UnitCursor;
import dev.dataemulator.connect.internal.Version;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.support.RateLimiter;
import dev.dataemulator.core.support.Shards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of the units (domain × shard) the connector assigned to it. On start it reads each unit's
 * stored offset ({@code {"seq": next sequence number}}) and resumes there, so a restarted or rebalanced task continues
 * the exact stream. When every unit has written its share of {@code max.records} (or its domain is exhausted) the
 * task idles: {@link #poll()} waits and returns {@code null} until the task is stopped; it never fails for that.
 *
 * <p>With {@code transaction.boundary=connector} on a worker with exactly-once source support, the task defines the
 * transactions: one per {@code batch.size} records of the task, counted across polls (so a rate-limited task, whose
 * polls return only the permits that fell due, still writes full transactions); a transaction also ends with the
 * record that finishes the task's units, when a poll returns nothing because the rate allows no record yet, and when
 * the task is stopped, so no transaction waits for the producer's transaction timeout.
 *
 * <p>Connect calls {@link #poll()} from one thread and {@link #stop()} from another; {@code stop()} ends any wait at
 * once.
 */
public class EmulatorSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorSourceTask.class);
    /** How long an idle poll waits before returning {@code null}. */
    static final long IDLE_WAIT_MS = 1_000;
    /** The longest wait for a permit in one poll. */
    static final long MAX_RATE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<UnitCursor> cursors = new ArrayList<>();
    private final Map<String, String> topics = new HashMap<>();
    private RateLimiter rateLimiter;
    private int batchSize;
    private boolean valueSchemas;
    /** Whether damaged records' labels go to {@code <topic>}{@value #LABEL_SUFFIX}. */
    private boolean faultLabels;
    /** The suffix of the topic of labels. */
    static final String LABEL_SUFFIX = "_faults";
    /** Typed mappings by domain, built on each domain's first record. */
    private final Map<String, ConnectValues> values = new HashMap<>();
    private int next;
    private boolean idleLogged;
    /** The worker's transaction context with connector-defined boundaries, else {@code null}. */
    private TransactionContext transactions;
    /** Records returned since the last transaction boundary the task requested. */
    private int uncommitted;

    /** Creates the task; the Connect worker calls this. */
    public EmulatorSourceTask() {
    }

    /** @return the module version */
    @Override
    public String version() {
        return Version.get();
    }

    /**
     * Opens the task's domains once each and positions every unit at its stored offset.
     *
     * @param props the connector settings plus this task's units and rate
     * @throws ConnectException when a setting or a stored offset is invalid
     */
    @Override
    public void start(Map<String, String> props) {
        EmulatorSourceConnectorConfig config = new EmulatorSourceConnectorConfig(props);
        List<Unit> units;
        try {
            units = Unit.decode(props.get(TaskSettings.UNITS));
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Invalid task setting '" + TaskSettings.UNITS + "' = '"
                    + props.get(TaskSettings.UNITS) + "': " + e.getMessage(), e);
        }
        batchSize = config.batchSize();
        valueSchemas = config.valueSchemasEnabled();
        faultLabels = config.faultLabels();
        double rate = parseRate(props.get(TaskSettings.RATE));
        rateLimiter = rate > 0 ? new RateLimiter(rate) : null;

        DomainRegistry registry = config.registry();
        Map<String, Fixtures.Stream> streams = new HashMap<>();
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (Unit unit : units) {
            partitions.add(unit.partition());
        }
        Map<Map<String, Object>, Map<String, Object>> offsets = readOffsets(partitions);
        for (Unit unit : units) {
            Fixtures.Stream stream = streams.computeIfAbsent(unit.domain(), domain -> open(config, registry, domain));
            topics.computeIfAbsent(unit.domain(), domain -> config.topicFor(domain, registry));
            long position = Shards.position(config.shards(), unit.shard(), storedSeq(unit, offsets));
            cursors.add(new UnitCursor(unit, config.shards(), stream, config.maxRecords(unit.domain()), position));
        }
        transactions = context == null ? null : context.transactionContext();
        LOG.info("Emulator task started with {} unit(s) {}, rate {}{}", units.size(), Unit.encode(units),
                rate > 0 ? rate + "/s" : "unlimited",
                transactions == null ? "" : ", a transaction per " + batchSize + " records");
    }

    private static Fixtures.Stream open(EmulatorSourceConnectorConfig config, DomainRegistry registry,
            String domain) {
        try {
            return Domains.open(config, registry, domain);
        } catch (EmulatorException e) {
            throw new ConnectException("Cannot open domain '" + domain + "': " + e.getMessage(), e);
        }
    }

    private static double parseRate(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConnectException("Invalid task setting '" + TaskSettings.RATE + "' = '" + text + "'", e);
        }
    }

    private Map<Map<String, Object>, Map<String, Object>> readOffsets(List<Map<String, Object>> partitions) {
        OffsetStorageReader reader = context == null ? null : context.offsetStorageReader();
        if (reader == null || partitions.isEmpty()) {
            return Map.of();
        }
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(partitions);
        return offsets == null ? Map.of() : offsets;
    }

    private static long storedSeq(Unit unit, Map<Map<String, Object>, Map<String, Object>> offsets) {
        Map<String, Object> offset = offsets.get(unit.partition());
        if (offset == null) {
            return 0;
        }
        Object seq = offset.get(Records.SEQ_KEY);
        if (seq instanceof Number number && number.longValue() >= 0
                && (seq instanceof Long || seq instanceof Integer || seq instanceof Short)) {
            return number.longValue();
        }
        throw new ConnectException("Invalid stored offset " + offset + " of source partition " + unit.partition()
                + ": expected {\"" + Records.SEQ_KEY + "\": a non-negative integer}");
    }

    /**
     * @return up to {@code batch.size} records (fewer under a rate limit), taken from the units in turn; {@code null}
     *     after a short wait when the rate allows none yet, when every unit is done, or once the task is stopped
     * @throws InterruptedException when interrupted while waiting
     */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        int active = 0;
        for (UnitCursor cursor : cursors) {
            if (!cursor.done()) {
                active++;
            }
        }
        if (active == 0) {
            endTransaction(null);
            return idle();
        }
        int budget = rateLimiter == null ? batchSize : permits();
        if (budget == 0) {
            endTransaction(null);
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(budget);
        int share = Math.max(1, budget / active);
        for (int turn = 0; turn < cursors.size() && records.size() < budget; turn++) {
            UnitCursor cursor = cursors.get(next);
            next = (next + 1) % cursors.size();
            for (int i = 0; i < share && records.size() < budget; i++) {
                List<EmulatedRecord> group = cursor.nextGroup(faultLabels);
                if (group.isEmpty()) {
                    break;
                }
                String topic = topics.get(cursor.unit().domain());
                SourceRecord sourceRecord = null;
                for (int k = 0; k < group.size(); k++) {
                    EmulatedRecord record = group.get(k);
                    // a group is never split: the records before its last resume at its first, so that a restart
                    // loses none of its repeats and labels
                    long offset = k == group.size() - 1 ? cursor.nextSeq() : cursor.groupSeq();
                    boolean label = !record.domain().equals(cursor.unit().domain());
                    sourceRecord = Records.toSourceRecord(record, cursor.unit(), offset,
                            label ? topic + LABEL_SUFFIX : topic, values(record));
                    records.add(sourceRecord);
                }
                if (transactions != null && (uncommitted += group.size()) >= batchSize) {
                    endTransaction(sourceRecord);
                }
            }
        }
        if (rateLimiter != null && records.size() < budget) {
            rateLimiter.release(budget - records.size());
        }
        if (records.isEmpty()) {
            endTransaction(null);
            return null;
        }
        if (allDone()) {
            endTransaction(records.get(records.size() - 1));
        }
        return records;
    }

    private boolean allDone() {
        for (UnitCursor cursor : cursors) {
            if (!cursor.done()) {
                return false;
            }
        }
        return true;
    }

    /**
     * With connector-defined transaction boundaries, asks the worker to commit the open transaction after
     * {@code last} (or after the batch being returned when {@code null}); nothing when no record is uncommitted.
     */
    private void endTransaction(SourceRecord last) {
        if (transactions == null || uncommitted == 0) {
            return;
        }
        if (last == null) {
            transactions.commitTransaction();
        } else {
            transactions.commitTransaction(last);
        }
        uncommitted = 0;
    }

    /** @return the typed mapping of the record's domain, built on its first record; null when schemas are off */
    private ConnectValues values(EmulatedRecord record) {
        if (!valueSchemas) {
            return null;
        }
        return values.computeIfAbsent(record.domain(), domain -> ConnectValues.of(record.schema().orElseThrow(
                () -> new DataException("Domain '" + domain + "' declares no record schema, which '"
                        + EmulatorSourceConnectorConfig.VALUE_SCHEMAS_ENABLE_CONFIG + "=true' needs; set it to "
                        + "false for schemaless values")), record.envelope()));
    }

    /**
     * @return up to {@code batch.size} permits of the rate limiter, waiting for the first on the stop latch (so
     *     {@link #stop()} ends the wait at once) and at most {@link #MAX_RATE_WAIT_NANOS}, so a poll returns
     *     regularly even at very low rates; 0 when none fell due in time or the task stopped
     */
    private int permits() throws InterruptedException {
        int granted = rateLimiter.tryAcquire(batchSize);
        if (granted > 0) {
            return granted;
        }
        long wait = Math.min(rateLimiter.nanosUntilNextPermit(), MAX_RATE_WAIT_NANOS);
        if (stopped.await(wait, TimeUnit.NANOSECONDS)) {
            return 0;
        }
        return rateLimiter.tryAcquire(batchSize);
    }

    private List<SourceRecord> idle() throws InterruptedException {
        if (!idleLogged) {
            idleLogged = true;
            LOG.info("Emulator task finished its units; idling until stopped");
        }
        stopped.await(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
        return null;
    }

    /**
     * Ends any wait in {@link #poll()}; later polls return {@code null} at once. With connector-defined transaction
     * boundaries it also asks the worker to commit the open transaction on its way out. Safe from any thread.
     */
    @Override
    public void stop() {
        TransactionContext open = transactions;
        if (open != null) {
            open.commitTransaction();
        }
        stopped.countDown();
    }
}
