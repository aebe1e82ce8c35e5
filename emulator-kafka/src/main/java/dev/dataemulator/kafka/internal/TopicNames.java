package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.InvalidSettingException;

/** Kafka's rules for topic names, checked before any broker is contacted; the rules live in core's spi. */
public final class TopicNames {
    /** Kafka's limit: the name must fit in a log directory name with its partition suffix. */
    public static final int MAX_LENGTH = dev.dataemulator.core.spi.TopicNames.MAX_LENGTH;

    private TopicNames() {
    }

    /**
     * @throws InvalidSettingException when {@code topic} is not a legal Kafka topic name
     */
    public static void validate(String topic) {
        dev.dataemulator.core.spi.TopicNames.validate("topic", topic);
    }

    /** @return what is wrong with {@code topic}, or {@code null} when it is legal */
    static String problem(String topic) {
        return dev.dataemulator.core.spi.TopicNames.problem(topic);
    }
}
