package dev.dataemulator.core.support;

import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sink that keeps records in memory, for unit tests and demos: the in-memory implementation of
 * {@link SyncProducer} that core ships (as Kafka ships {@code MockProducer}), and a reference for sink authors. Every
 * record is delivered at once. Thread-safe.
 *
 * <pre>{@code
 * MemorySyncProducer sink = new MemorySyncProducer();
 * EmulationRunner.run(EmulationSpec.builder().domain("transaction").sink(sink).maxRecords(100).build());
 * assertThat(sink.records("transactions")).hasSize(100);
 * }</pre>
 *
 * <p>Registered as sink {@code "memory"}; built by name it only counts (setting {@code capture=true} keeps the
 * records), since a sink built by name cannot be read back.
 */
public final class MemorySyncProducer implements SyncProducer {
    private final boolean capture;
    private final Set<String> resources = ConcurrentHashMap.newKeySet();
    private final Map<String, ConcurrentLinkedQueue<EmulatedRecord>> records = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private volatile boolean closed;

    /** A sink that keeps every record. */
    public MemorySyncProducer() {
        this(true);
    }

    /**
     * @param capture keep the records ({@code true}) or only count them
     */
    public MemorySyncProducer(boolean capture) {
        this.capture = capture;
    }

    @Override
    public void setupResource(String resource) {
        resources.add(resource);
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        if (closed) {
            throw new SinkException("Memory sink is closed");
        }
        if (!resources.contains(resource)) {
            throw new SinkException("Resource '" + resource + "' was not set up");
        }
        if (capture) {
            records.computeIfAbsent(resource, r -> new ConcurrentLinkedQueue<>()).add(record);
        }
        count.incrementAndGet();
        record.tracker().delivered(1);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        closed = true;
    }

    /** @return the resources set up so far */
    public Set<String> resources() {
        return new TreeSet<>(resources);
    }

    /** @return the records produced to {@code resource}, in arrival order (empty when not capturing) */
    public List<EmulatedRecord> records(String resource) {
        ConcurrentLinkedQueue<EmulatedRecord> queue = records.get(resource);
        return queue == null ? List.of() : new ArrayList<>(queue);
    }

    /** @return every record produced, all resources (empty when not capturing) */
    public List<EmulatedRecord> records() {
        List<EmulatedRecord> all = new ArrayList<>();
        records.values().forEach(all::addAll);
        return all;
    }

    /** @return how many records were produced, captured or not */
    public long count() {
        return count.get();
    }

    /** Forgets the captured records and the count. */
    public void clear() {
        records.clear();
        count.set(0);
    }

    @Override
    public String toString() {
        return "MemorySyncProducer[records=" + count.get() + ", resources=" + resources() + "]";
    }
}
