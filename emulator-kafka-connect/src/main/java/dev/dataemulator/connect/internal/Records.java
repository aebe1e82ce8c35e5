package dev.dataemulator.connect.internal;

import dev.dataemulator.core.EmulatedRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns an emulated record into a Connect {@link SourceRecord}: a schemaless string key and a schemaless map value
 * with the fields in the record's order, so the worker's converters serialize it ({@code JsonConverter} with
 * {@code schemas.enable=false} writes the same JSON as the emulator's other sinks).
 */
public final class Records {
    /** Source offset key: the sequence number of the unit's next record. */
    public static final String SEQ_KEY = "seq";

    private Records() {
    }

    /**
     * @param record the emulated record
     * @param unit its unit
     * @param nextSeq the unit's next sequence number after this record, stored as the offset
     * @param topic the destination topic
     * @return the source record; the Kafka partition and timestamp are left to the producer
     */
    public static SourceRecord toSourceRecord(EmulatedRecord record, Unit unit, long nextSeq, String topic) {
        Map<String, Object> offset = Map.of(SEQ_KEY, nextSeq);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("emulation_id", record.emulationId());
        headers.addString("domain", record.domain());
        headers.addLong("seq", record.seq());
        return new SourceRecord(unit.partition(), offset, topic, null, null, record.key(), null, value(record), null,
                headers);
    }

    /**
     * @return the record as the original service's envelope {@code {emulation_id, timestamp, data}} or, without the envelope,
     *     the data alone; numbers are {@code Long} or {@code Double}, nested objects ordered maps
     */
    public static Map<String, Object> value(EmulatedRecord record) {
        Map<String, Object> data = record.dataAsMap();
        if (!record.envelope()) {
            return data;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("emulation_id", record.emulationId());
        envelope.put("timestamp", record.timestamp());
        envelope.put("data", data);
        return envelope;
    }
}
