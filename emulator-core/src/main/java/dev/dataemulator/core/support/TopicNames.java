package dev.dataemulator.core.support;

import dev.dataemulator.core.InvalidSettingException;

/**
 * Kafka's rules for topic names, checked before any broker is contacted: the one topic-name check of the Kafka
 * sink and the Kafka Connect source connector (they share no module but core). Stateless; safe from any thread.
 */
public final class TopicNames {
    /** Kafka's limit: the name must fit in a log directory name with its partition suffix. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /**
     * @param setting the setting that holds the topic, named in the message (e.g. {@code topic})
     * @param topic the topic name
     * @throws InvalidSettingException when {@code topic} is not a legal Kafka topic name
     */
    public static void validate(String setting, String topic) {
        String reason = problem(topic);
        if (reason != null) {
            throw new InvalidSettingException(setting, topic, reason);
        }
    }

    /**
     * @param topic the topic name
     * @return what is wrong with {@code topic}, or {@code null} when it is legal
     */
    public static String problem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "a Kafka topic name must not be empty";
        }
        if (topic.equals(".") || topic.equals("..")) {
            return "'.' and '..' are not legal Kafka topic names";
        }
        if (topic.length() > MAX_LENGTH) {
            return "a Kafka topic name is at most " + MAX_LENGTH + " characters long (this one has "
                    + topic.length() + ")";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!legal) {
                return "character '" + c + "' at position " + i + " is not legal in a Kafka topic name "
                        + "(legal: a-z, A-Z, 0-9, '.', '_', '-')";
            }
        }
        return null;
    }
}
