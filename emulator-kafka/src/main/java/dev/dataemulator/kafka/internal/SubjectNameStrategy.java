package dev.dataemulator.kafka.internal;

/**
 * Under which registry subject a value schema is registered: the setting {@code subject_name_strategy}, with the
 * meanings of Confluent's strategies of the same names.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-value}. */
    TOPIC,
    /** The record's full name: the Avro record's namespace and name, the JSON Schema's title. */
    RECORD,
    /** {@code <topic>-<record name>}. */
    TOPIC_RECORD;

    /**
     * @param topic the topic
     * @param recordName the schema's record name
     * @return the subject
     */
    public String subject(String topic, String recordName) {
        switch (this) {
            case TOPIC:
                return topic + "-value";
            case RECORD:
                return recordName;
            default:
                return topic + "-" + recordName;
        }
    }
}
