package dev.dataemulator.minio;

import dev.dataemulator.core.spi.DeliveryTracker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Counts what a sink reports. */
final class CountingTracker implements DeliveryTracker {
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<Throwable> aborts = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(long records) {
        delivered.add(records);
    }

    @Override
    public void failed(long records, Throwable cause) {
        failed.add(records);
        failures.add(cause);
    }

    @Override
    public void abort(Throwable cause) {
        aborts.add(cause);
    }
}
