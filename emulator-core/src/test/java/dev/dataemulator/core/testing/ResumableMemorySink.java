package dev.dataemulator.core.testing;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.ResumePoint;
import dev.dataemulator.core.spi.ResumeRequest;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.support.Lanes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A resumable sink in memory for core tests: keeps the records, the settings each emulation first started with and
 * each lane's next position, updated as each record is taken (its "durable state" lives as long as the instance).
 * It can refuse every record after a number of them, as a run that dies would stop writing.
 */
public final class ResumableMemorySink implements SyncProducer {
    private final ConcurrentLinkedQueue<EmulatedRecord> records = new ConcurrentLinkedQueue<>();
    private final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Long>> progress = new ConcurrentHashMap<>();
    private final Map<String, Integer> lanes = new ConcurrentHashMap<>();
    private final AtomicLong taken = new AtomicLong();
    private volatile long refuseAfter = Long.MAX_VALUE;

    /** Makes the sink refuse every record after {@code count} more, as if the writer had died. */
    public ResumableMemorySink refuseAfter(long count) {
        refuseAfter = taken.get() + count;
        return this;
    }

    /** Takes records again. */
    public ResumableMemorySink accept() {
        refuseAfter = Long.MAX_VALUE;
        return this;
    }

    /** @return every record taken, in no particular order */
    public List<EmulatedRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void setupResource(String resource) {
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Map<String, String> resumeSettings() {
        return Map.of("kind", "memory");
    }

    @Override
    public ResumePoint resume(ResumeRequest request) {
        lanes.put(request.emulationId(), request.lanes());
        Map<String, String> stored = settings.putIfAbsent(request.emulationId(), request.settings());
        if (stored == null) {
            return ResumePoint.fresh(request);
        }
        return new ResumePoint(stored, Map.copyOf(progress.getOrDefault(request.emulationId(), Map.of())));
    }

    @Override
    public void produce(String resource, String key, EmulatedRecord record) {
        if (taken.incrementAndGet() > refuseAfter) {
            throw new SinkException("refused: the writer is down");
        }
        records.add(record);
        Integer count = lanes.get(record.emulationId());
        if (count != null) {
            progress.computeIfAbsent(record.emulationId(), id -> new ConcurrentHashMap<>())
                    .put(record.lane(), Lanes.next(count, record.position()));
        }
        record.tracker().delivered(1);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
