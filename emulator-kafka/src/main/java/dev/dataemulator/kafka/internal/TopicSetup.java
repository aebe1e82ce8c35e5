package dev.dataemulator.kafka.internal;

import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.support.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a topic exists: reuses an existing one, creates a missing one (tolerating a concurrent creator), and
 * turns every failure, including an unreachable cluster, into a {@link SinkException} within the setup timeout.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private final Admin admin;
    private final KafkaSettings settings;
    private final String cluster;

    /**
     * @param admin the admin client
     * @param settings partitions, replication factor, topic configs and the setup timeout
     * @param cluster how messages name the cluster, e.g. {@code Kafka at 'localhost:9092'}
     */
    public TopicSetup(Admin admin, KafkaSettings settings, String cluster) {
        this.admin = admin;
        this.settings = settings;
        this.cluster = cluster;
    }

    /**
     * @throws dev.dataemulator.core.InvalidSettingException when the name is not a legal topic name (checked first)
     * @throws SinkException when the topic cannot be described or created within the setup timeout
     */
    public void ensureTopic(String topic) {
        ensureTopic(topic, settings.partitions(), settings.topicConfigs());
    }

    /**
     * Makes sure the compacted topic of resumable emulations' checkpoints exists: one partition (so one read gives
     * every checkpoint in the order written), {@code cleanup.policy=compact} (only each key's last value is kept).
     *
     * @throws SinkException when the topic cannot be described or created within the setup timeout
     */
    public void ensureCheckpointTopic(String topic) {
        ensureTopic(topic, 1, Map.of("cleanup.policy", "compact"));
    }

    private void ensureTopic(String topic, int partitions, Map<String, String> configs) {
        TopicNames.validate("topic", topic);
        long deadline = System.nanoTime() + settings.setupTimeout().toNanos();
        try {
            if (describe(topic, deadline, partitions)) {
                return;
            }
            create(topic, deadline, partitions, configs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while setting up topic '" + topic + "' on " + cluster, e);
        }
    }

    /**
     * @param topic an existing topic
     * @return its {@code retention.ms}, negative when unlimited; empty when it cannot be read within the setup
     *     timeout (the caller only warns with it)
     */
    public java.util.OptionalLong retentionMillis(String topic) {
        long deadline = System.nanoTime() + settings.setupTimeout().toNanos();
        org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        try {
            org.apache.kafka.clients.admin.Config config = await(admin.describeConfigs(List.of(resource))
                    .values().get(resource), topic, "reading the retention of", deadline);
            org.apache.kafka.clients.admin.ConfigEntry entry = config.get("retention.ms");
            return entry == null || entry.value() == null ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(Long.parseLong(entry.value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        } catch (RuntimeException | ExecutionException e) {
            LOG.debug("Could not read retention.ms of topic '{}': {}", topic, e.toString());
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * @return the end offset (high watermark) of partition {@code partition} of {@code topic}
     * @throws SinkException when it cannot be read within the setup timeout
     */
    public long endOffset(String topic, int partition) {
        long deadline = System.nanoTime() + settings.setupTimeout().toNanos();
        TopicPartition key = new TopicPartition(topic, partition);
        try {
            return await(admin.listOffsets(Map.of(key, OffsetSpec.latest()),
                    new ListOffsetsOptions().timeoutMs(remainingMillis(deadline))).partitionResult(key), topic,
                    "reading the end offset of", deadline).offset();
        } catch (ExecutionException e) {
            throw failure(topic, "reading the end offset of", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while reading the end offset of topic '" + topic + "'", e);
        }
    }

    /** @return whether the topic exists (and was described) */
    private boolean describe(String topic, long deadline, int configuredPartitions) throws InterruptedException {
        try {
            TopicDescription description = await(admin.describeTopics(List.of(topic),
                    new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline)))
                    .topicNameValues().get(topic), topic, "describing", deadline);
            int partitions = description.partitions().size();
            if (partitions != configuredPartitions) {
                LOG.info("Kafka sink: reusing topic '{}' with its {} partition(s) ({} configured for new topics)",
                        topic, partitions, configuredPartitions);
            } else {
                LOG.debug("Kafka sink: reusing topic '{}' ({} partitions)", topic, partitions);
            }
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw failure(topic, "describing", e.getCause());
        }
    }

    private void create(String topic, long deadline, int partitions, Map<String, String> configs)
            throws InterruptedException {
        short replication = replicationFactor(topic, deadline);
        NewTopic newTopic = new NewTopic(topic, partitions, replication).configs(configs);
        try {
            await(admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(remainingMillis(deadline)))
                    .all(), topic, "creating", deadline);
            LOG.info("Kafka sink: created topic '{}' ({} partition(s), replication factor {}{})", topic,
                    partitions, replication, configs.isEmpty() ? "" : ", configs " + configs);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure(topic, "creating", e.getCause());
            }
            LOG.debug("Kafka sink: topic '{}' was created concurrently; reusing it", topic);
        }
        awaitLeaders(topic, deadline);
    }

    /**
     * Waits until every partition of a new topic has a leader that serves requests. A broker announces a new
     * partition's leader in its metadata slightly before its replica manager accepts writes; an idempotent producer
     * whose first batch is refused in that window while a later batch of the same partition is accepted would
     * retry the first one out of sequence until its delivery timeout and lose it. ListOffsets is answered by the
     * leader's replica manager itself, and the admin client retries it until the leader is ready.
     */
    private void awaitLeaders(String topic, long deadline) throws InterruptedException {
        String action = "waiting for the partition leaders of";
        while (true) {
            try {
                // right after creation the topic may not be in the metadata yet, and a leader that does not host
                // its partition yet answers UNKNOWN_TOPIC_OR_PARTITION: both are retriable and retried here, since
                // the admin client does not retry them itself
                TopicDescription description = await(admin.describeTopics(List.of(topic),
                        new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline)))
                        .topicNameValues().get(topic), topic, action, deadline);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicPartitionInfo partition : description.partitions()) {
                    partitions.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                }
                await(admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(remainingMillis(deadline)))
                        .all(), topic, action, deadline);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline > 0) {
                    throw failure(topic, action, e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(50, remainingMillis(deadline))));
            }
        }
    }

    private short replicationFactor(String topic, long deadline) throws InterruptedException {
        if (settings.replicationFactor().isPresent()) {
            return (short) settings.replicationFactor().getAsInt();
        }
        int brokers;
        try {
            brokers = await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(remainingMillis(deadline)))
                    .nodes(), topic, "counting the brokers for", deadline).size();
        } catch (ExecutionException e) {
            throw failure(topic, "counting the brokers for", e.getCause());
        }
        int factor = Math.max(1, Math.min(KafkaSettings.MAX_DEFAULT_REPLICATION_FACTOR, brokers));
        if (factor < KafkaSettings.MAX_DEFAULT_REPLICATION_FACTOR) {
            LOG.info("Kafka sink: replication factor of new topic '{}' capped to {} ({} live broker(s)); set '{}' to "
                    + "choose it", topic, factor, brokers, KafkaSettings.TOPIC_REPLICATION_FACTOR);
        }
        return (short) factor;
    }

    private <T> T await(Future<T> future, String topic, String action, long deadline)
            throws ExecutionException, InterruptedException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(topic, action, e);
        }
    }

    private SinkException timeout(String topic, String action, Throwable cause) {
        return new SinkException(cluster + " did not answer within " + format(settings.setupTimeout()) + " while "
                + action + " topic '" + topic + "'; is the cluster running and reachable? (setting '"
                + KafkaSettings.SETUP_TIMEOUT + "')", cause);
    }

    private SinkException failure(String topic, String action, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return timeout(topic, action, cause);
        }
        String detail = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String hint = "";
        if (cause instanceof AuthenticationException) {
            hint = "; check the credentials and security settings";
        } else if (cause instanceof AuthorizationException) {
            hint = "; the principal needs DESCRIBE and CREATE on the topic (or create it beforehand)";
        } else if (cause instanceof InvalidReplicationFactorException) {
            hint = "; set '" + KafkaSettings.TOPIC_REPLICATION_FACTOR + "' to at most the number of brokers";
        } else if (cause instanceof InvalidConfigurationException) {
            hint = "; check the '" + KafkaSettings.TOPIC_CONFIG_PREFIX + "*' settings " + settings.topicConfigs();
        }
        return new SinkException(cluster + " failed " + action + " topic '" + topic + "': " + detail + hint, cause);
    }

    private static int remainingMillis(long deadline) {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
