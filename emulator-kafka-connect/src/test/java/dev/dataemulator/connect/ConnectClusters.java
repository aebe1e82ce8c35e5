package dev.dataemulator.connect;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Starts the integration tests' Connect cluster: one in-process distributed worker on one embedded KRaft broker,
 * with the worker and the broker run under the root locale.
 */
final class ConnectClusters {
    private ConnectClusters() {
    }

    /** A started cluster and the default locale to give back when it stops. */
    record Started(EmbeddedConnectCluster connect, Locale locale) implements AutoCloseable {
        @Override
        public void close() {
            try {
                connect.stop();
            } finally {
                Locale.setDefault(locale);
            }
        }
    }

    /**
     * @param name the cluster's name
     * @param workerSettings worker settings over the defaults (plugins by service loader, offsets flushed every
     *     500 ms, string keys, schemaless JSON values)
     * @return the started cluster
     */
    static Started start(String name, Map<String, String> workerSettings) {
        // the broker and the worker upper-case settings with the default locale ('classic' becomes 'CLASSİC' under
        // the build's Turkish test locale) and then refuse to start: run them under the root locale; the unit tests
        // keep the Turkish locale for the connector's own code
        Locale locale = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
        Properties broker = new Properties();
        broker.put("group.initial.rebalance.delay.ms", "0");
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "500");
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "false");
        worker.putAll(workerSettings);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(1)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        try {
            connect.start();
        } catch (RuntimeException e) {
            Locale.setDefault(locale);
            throw e;
        }
        return new Started(connect, locale);
    }
}
