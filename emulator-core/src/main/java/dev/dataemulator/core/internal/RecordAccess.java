package dev.dataemulator.core.internal;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import java.util.Objects;

/**
 * How the runner makes an {@link EmulatedRecord}, whose constructor is not public so that users receive records
 * rather than build them ({@code Fixtures} builds them in the record's own package). {@code EmulatedRecord} hands its
 * constructor over when its class is initialised; this class forces that initialisation on first use.
 */
public final class RecordAccess {
    /** {@link EmulatedRecord}'s constructor. */
    @FunctionalInterface
    public interface Constructor {
        EmulatedRecord make(String emulationId, String domain, long seq, long timestamp, long eventTimeMillis,
                boolean envelope, RecordData data, byte[] json, DeliveryTracker tracker, RecordSchema schema,
                String fault, int lane, long position);
    }

    private static volatile Constructor constructor;

    private RecordAccess() {
    }

    /**
     * Called once, by {@link EmulatedRecord}'s static initialiser.
     *
     * @param recordConstructor the constructor
     * @throws IllegalStateException when a constructor is already installed
     */
    public static synchronized void install(Constructor recordConstructor) {
        if (constructor != null) {
            throw new IllegalStateException("EmulatedRecord's constructor is already installed");
        }
        constructor = Objects.requireNonNull(recordConstructor, "recordConstructor");
    }

    /** @return a record, as {@link EmulatedRecord}'s constructor makes it */
    static EmulatedRecord make(String emulationId, String domain, long seq, long timestamp, long eventTimeMillis,
            boolean envelope, RecordData data, byte[] json, DeliveryTracker tracker, RecordSchema schema,
            String fault, int lane, long position) {
        Constructor made = constructor;
        if (made == null) {
            made = initialised();
        }
        return made.make(emulationId, domain, seq, timestamp, eventTimeMillis, envelope, data, json, tracker, schema,
                fault, lane, position);
    }

    private static Constructor initialised() {
        try {
            Class.forName(EmulatedRecord.class.getName(), true, EmulatedRecord.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return Objects.requireNonNull(constructor, "EmulatedRecord installs its constructor when initialised");
    }
}
