package dev.dataemulator.minio;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.DeliveryTracker;
import java.nio.charset.StandardCharsets;

/** Hand-made records for tests that drive a sink directly. */
final class TestRecords {
    private TestRecords() {
    }

    static final DeliveryTracker IGNORED = DeliveryTracker.none();

    static EmulatedRecord parcel(String emulationId, long seq) {
        return parcel(emulationId, seq, IGNORED);
    }

    static EmulatedRecord parcel(String emulationId, long seq, DeliveryTracker tracker) {
        ParcelDomain.Parcel data = new ParcelDomain.Parcel(seq, 1.5, 3);
        byte[] json = ("{\"emulation_id\":\"" + emulationId + "\",\"timestamp\":0,\"data\":{\"seq\":" + seq + "}}")
                .getBytes(StandardCharsets.UTF_8);
        return Fixtures.record(data).emulationId(emulationId).domain(ParcelDomain.NAME).seq(seq).envelope(true).json(json)
                .tracker(tracker).build();
    }
}
