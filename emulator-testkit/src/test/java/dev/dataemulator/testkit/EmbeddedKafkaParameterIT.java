package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaParameterIT {
    private static EmbeddedKafka fromBeforeAll;

    @BeforeAll
    static void remember(EmbeddedKafka kafka) {
        fromBeforeAll = kafka;
    }

    @Test
    void injectsTheClassBrokerIntoLifecycleMethodsAndTests(EmbeddedKafka kafka) throws Exception {
        assertThat(kafka).isSameAs(fromBeforeAll);
        try (Admin admin = kafka.createAdmin()) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void injectsTheSameBrokerIntoEveryTest(EmbeddedKafka kafka) {
        assertThat(kafka).isSameAs(fromBeforeAll);
        assertThat(kafka.isRunning()).isTrue();
    }
}
