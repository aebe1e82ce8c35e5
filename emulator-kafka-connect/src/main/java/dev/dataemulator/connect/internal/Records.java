package dev.dataemulator.connect.internal;

import dev.dataemulator.core.EmulatedRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns an emulated record into a Connect {@link SourceRecord}: a schemaless string key and either a {@code Struct}
 * value with its Connect schema ({@link ConnectValues}) or a schemaless map value with the fields in the record's
 * order ({@code JsonConverter} with {@code schemas.enable=false} writes the same JSON as the emulator's other sinks,
 * decimals aside: a schemaless value has no decimal type, so {@code 12.50} is written {@code 12.5}). A damaged record
 * (docs/FAULTS.md) carries its label in the header {@value #HEADER_FAULT}.
 */
public final class Records {
    /** Source offset key: the sequence number of the unit's next record. */
    public static final String SEQ_KEY = "seq";
    /** The header of a damaged record: its fault label, {@code kind} or {@code kind:field}, as the Kafka sink's. */
    public static final String HEADER_FAULT = "emulator.fault";

    private Records() {
    }

    /**
     * @param record the emulated record
     * @param unit its unit
     * @param nextSeq the unit's next sequence number after this record, stored as the offset
     * @param topic the destination topic
     * @param values the typed mapping of the record's domain, or {@code null} for a schemaless map value
     * @return the source record; the Kafka partition and timestamp are left to the producer
     */
    public static SourceRecord toSourceRecord(EmulatedRecord record, Unit unit, long nextSeq, String topic,
            ConnectValues values) {
        Map<String, Object> offset = Map.of(SEQ_KEY, nextSeq);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("emulation_id", record.emulationId());
        headers.addString("domain", record.domain());
        headers.addLong("seq", record.seq());
        record.fault().ifPresent(fault -> headers.addString(HEADER_FAULT, fault));
        if (values != null) {
            return new SourceRecord(unit.partition(), offset, topic, null, null, record.key(), values.schema(),
                    values.toStruct(record), null, headers);
        }
        return new SourceRecord(unit.partition(), offset, topic, null, null, record.key(), null, value(record), null,
                headers);
    }

    /**
     * @return the record in the envelope {@code {emulation_id, timestamp, data}} or, without the
     *     envelope, the data alone; numbers are {@code Long} or {@code Double} (decimals too: schemaless Connect
     *     values have no decimal type), timestamps and dates ISO-8601 strings, nested objects ordered maps, lists
     *     {@code List}s
     */
    public static Map<String, Object> value(EmulatedRecord record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) schemaless(record.dataAsMap());
        if (!record.envelope()) {
            return data;
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("emulation_id", record.emulationId());
        envelope.put("timestamp", record.timestamp());
        envelope.put("data", data);
        return envelope;
    }

    /** @return {@code value} with every {@code BigDecimal} replaced by its {@code Double}, in place */
    @SuppressWarnings("unchecked")
    private static Object schemaless(Object value) {
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).replaceAll((key, child) -> schemaless(child));
        } else if (value instanceof java.util.List<?> list) {
            ((java.util.List<Object>) list).replaceAll(Records::schemaless);
        }
        return value;
    }
}
