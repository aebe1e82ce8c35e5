package dev.dataemulator.jdbc;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DeliveryTracker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a sink reports, for tests that drive a sink (or its writer) without the runner. */
public final class CountingTracker implements DeliveryTracker {
    public final AtomicLong delivered = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();
    public final List<Throwable> failures = new CopyOnWriteArrayList<>();
    public final List<Throwable> aborts = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(long records) {
        delivered.addAndGet(records);
    }

    @Override
    public void failed(long records, Throwable cause) {
        failed.addAndGet(records);
        failures.add(cause);
    }

    @Override
    public void abort(Throwable cause) {
        aborts.add(cause);
    }

    /** @return a copy of {@code record} that reports to this tracker */
    EmulatedRecord track(EmulatedRecord record) {
        return Fixtures.record(record).tracker(this).build();
    }
}
