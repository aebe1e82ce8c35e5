package dev.dataemulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * One extension instance shared by two test classes (a static field of a common holder, as suites do): each class gets
 * a fresh server, for Kafka and S3 alike.
 */
class ExtensionSharingIT {

    /** The holder several test classes point at. */
    static final class Shared {
        static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
        static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
        static final List<String> SEEN = new CopyOnWriteArrayList<>();
    }

    static class FirstUser {
        @RegisterExtension
        static final EmbeddedKafkaExtension KAFKA = Shared.KAFKA;
        @RegisterExtension
        static final EmbeddedS3Extension S3 = Shared.S3;

        @Test
        void usesBothServers() {
            assertThat(KAFKA.kafka().isRunning()).isTrue();
            assertThat(S3.server().isRunning()).isTrue();
            Shared.SEEN.add(KAFKA.bootstrapServers() + " " + S3.server().endpoint());
        }
    }

    static class SecondUser {
        @RegisterExtension
        static final EmbeddedKafkaExtension KAFKA = Shared.KAFKA;
        @RegisterExtension
        static final EmbeddedS3Extension S3 = Shared.S3;

        @Test
        void usesBothServersToo() {
            assertThat(KAFKA.kafka().isRunning()).isTrue();
            assertThat(S3.server().isRunning()).isTrue();
            Shared.SEEN.add(KAFKA.bootstrapServers() + " " + S3.server().endpoint());
        }
    }

    @Test
    void eachClassGetsAFreshServerFromASharedExtension() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FirstUser.class), selectClass(SecondUser.class)).build(), listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).as("failures").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(Shared.SEEN).hasSize(2);
    }
}
