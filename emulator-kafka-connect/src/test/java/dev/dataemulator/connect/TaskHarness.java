package dev.dataemulator.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Runs connector tasks in-process against an in-memory offset store, as a worker would. */
final class TaskHarness {
    private final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    /** The transaction context the tasks see: {@code null} (the worker's default boundaries) unless set. */
    TransactionContext transactions;

    /** Stores {@code offset} for {@code partition}, as a worker commits it. */
    void store(Map<String, ?> partition, Map<String, ?> offset) {
        offsets.put(new HashMap<>(partition), new HashMap<>(offset));
    }

    /** @return a task started with {@code taskConfig}, reading this harness's offsets */
    EmulatorSourceTask start(Map<String, String> taskConfig) {
        EmulatorSourceTask task = new EmulatorSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return taskConfig;
            }

            @Override
            public TransactionContext transactionContext() {
                return transactions;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException("no metrics in unit tests");
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return offsets.get(new HashMap<String, Object>(partition));
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(
                            Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                        for (Map<String, T> partition : partitions) {
                            Map<String, Object> offset = offset(partition);
                            if (offset != null) {
                                found.put(partition, offset);
                            }
                        }
                        return found;
                    }
                };
            }
        });
        task.start(taskConfig);
        return task;
    }

    /** Polls until {@code count} records arrived, storing each record's offset like a worker. */
    List<SourceRecord> poll(EmulatorSourceTask task, int count) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        while (all.size() < count) {
            List<SourceRecord> batch = task.poll();
            if (batch == null) {
                break;
            }
            for (SourceRecord record : batch) {
                store(record.sourcePartition(), record.sourceOffset());
            }
            all.addAll(batch);
        }
        return all;
    }

    /** @return the tasks' configurations of a started connector */
    static List<Map<String, String>> taskConfigs(Map<String, String> settings, int maxTasks) {
        EmulatorSourceConnector connector = new EmulatorSourceConnector();
        connector.start(settings);
        return connector.taskConfigs(maxTasks);
    }
}
