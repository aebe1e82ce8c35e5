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
        Map<String, Object> data = schemaless(record.dataAsMap());
        if (!record.envelope()) {
            return data;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("emulation_id", record.emulationId());
        envelope.put("timestamp", record.timestamp());
        envelope.put("data", data);
        return envelope;
    }

    /**
     * Keeps values to the types schemaless converters know: decimals ({@code BigDecimal} in
     * {@link EmulatedRecord#dataAsMap()}) become doubles, which {@code JsonConverter} writes as JSON numbers
     * ({@code 9.70} as {@code 9.7}); lists and nested maps are walked.
     */
    @SuppressWarnings("unchecked")
    private static <T> T schemaless(T value) {
        if (value instanceof java.math.BigDecimal) {
            return (T) Double.valueOf(((java.math.BigDecimal) value).doubleValue());
        }
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((key, item) -> copy.put(key, schemaless(item)));
            return (T) copy;
        }
        if (value instanceof java.util.List) {
            java.util.List<Object> copy = new java.util.ArrayList<>();
            for (Object item : (java.util.List<Object>) value) {
                copy.add(schemaless(item));
            }
            return (T) copy;
        }
        return value;
    }
}
