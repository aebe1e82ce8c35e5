package dev.dataemulator.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EmulatorService;
import dev.dataemulator.core.SinkRegistry;
import dev.dataemulator.micrometer.MicrometerEmulationListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmulatorAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmulatorAutoConfiguration.class,
                    EmulatorEndpointAutoConfiguration.class));

    @Test
    void registriesAndServiceAreThereNothingStartsUnlessListedAndTheEndpointOnlyWhenExposed() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(DomainRegistry.class).hasSingleBean(SinkRegistry.class)
                    .hasSingleBean(EmulatorService.class).doesNotHaveBean(EmulationsEndpoint.class)
                    .doesNotHaveBean(MicrometerEmulationListener.class);
            assertThat(context.getBean(DomainRegistry.class).domains()).contains("transaction");
            assertThat(context.getBean(EmulatorService.class).list()).isEmpty();
        });
    }

    @Test
    void listedEmulationsStartWithTheContextAndPublishToTheApplicationsMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("emulator.emulations[0].domain=device-log",
                        "emulator.emulations[0].sink=memory", "emulator.emulations[0].threads=2",
                        "emulator.emulations[0].max-records=500", "emulator.emulations[0].id=from-properties")
                .run(context -> {
                    EmulatorService service = context.getBean(EmulatorService.class);
                    Emulation emulation = service.get("from-properties");
                    assertThat(emulation.spec().threads()).isEqualTo(2);
                    assertThat(emulation.awaitCompletion(Duration.ofSeconds(30)).stats().delivered())
                            .isEqualTo(500);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get(MicrometerEmulationListener.DELIVERED).tag("emulation", "from-properties")
                            .functionCounter().count()).isEqualTo(500);
                });
    }

    @Test
    void aListedEmulationReachesTheIcebergSinkWithItsSinkConfig(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path warehouse) {
        runner.withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=iceberg",
                        "emulator.emulations[0].sink-config[warehouse]=" + warehouse,
                        "emulator.emulations[0].sink-config[partition_by]=identity(currency)",
                        "emulator.emulations[0].max-records=300", "emulator.emulations[0].id=to-iceberg")
                .run(context -> {
                    Emulation emulation = context.getBean(EmulatorService.class).get("to-iceberg");
                    assertThat(emulation.awaitCompletion(Duration.ofSeconds(60)).stats().delivered())
                            .isEqualTo(300);
                    assertThat(warehouse.resolve("catalog.db")).isRegularFile();
                    assertThat(warehouse.resolve("emulator/transactions/data")).isDirectoryContaining(
                            path -> path.getFileName().toString().startsWith("currency="));
                });
    }

    @Test
    void aListedEmulationOfSeveralDomainsTakesCountsByDomain() {
        runner.withPropertyValues("emulator.emulations[0].domain=transaction,device-log",
                "emulator.emulations[0].sink=memory", "emulator.emulations[0].id=two-domains",
                "emulator.emulations[0].max-records=transaction=120,device-log=45").run(context -> {
                    Emulation emulation = context.getBean(EmulatorService.class).get("two-domains");
                    EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
                    assertThat(report.perDomain()).extracting(EmulationReport::domain)
                            .containsExactly("transaction", "device-log");
                    assertThat(report.forDomain("transaction").orElseThrow().stats().delivered()).isEqualTo(120);
                    assertThat(report.forDomain("device-log").orElseThrow().stats().delivered()).isEqualTo(45);
                });
        runner.withPropertyValues("emulator.emulations[0].domain=transaction,device-log",
                "emulator.emulations[0].sink=memory", "emulator.emulations[0].max-records=user-profile=5")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("'max-records' = 'user-profile=5'")
                        .hasMessageContaining("not a domain of this run"));
    }

    @Test
    void aBadListedEmulationStopsTheContextNamingTheSettingAndValue() {
        runner.withPropertyValues("emulator.emulations[0].domain=transactionz", "emulator.emulations[0].sink=memory",
                "emulator.emulations[0].threads=0").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("'domain' = 'transactionz'")
                            .hasMessageContaining("'threads' = '0'");
                });
    }

    @Test
    void faultsAreAMapPropertyOfEntriesAsInTheSettingsText() {
        runner.withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=memory",
                "emulator.emulations[0].id=faulty", "emulator.emulations[0].max-records=10",
                "emulator.emulations[0].faults.duplicate=0.01", "emulator.emulations[0].faults.null.rate=0.5",
                "emulator.emulations[0].faults.null.fields=amount,currency").run(context -> {
                    Emulation emulation = context.getBean(EmulatorService.class).get("faulty");
                    assertThat(emulation.spec().faults()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                            "duplicate", "0.01", "null.rate", "0.5", "null.fields", "amount,currency"));
                });
        runner.withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=memory",
                "emulator.emulations[0].faults.null.rate=7", "emulator.emulations[0].faults.null.fields=amount")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("'faults.null.rate' = '7'"));
    }

    @Test
    void aBareNumberDurationIsSecondsAndTheEventTimeSettingsAreProperties() {
        runner.withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=memory",
                "emulator.emulations[0].id=backfill", "emulator.emulations[0].duration=90",
                "emulator.emulations[0].rate-per-second=2",
                "emulator.emulations[0].event-time=2026-01-01T00:00:00Z..2026-01-01T00:10:00Z",
                "emulator.emulations[0].rate-curve=1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,1,1",
                "emulator.emulations[0].lateness=0.1:30s", "emulator.emulations[0].close-timeout=5")
                .run(context -> {
                    Emulation emulation = context.getBean(EmulatorService.class).get("backfill");
                    assertThat(emulation.spec().duration()).as("90 is seconds, not milliseconds")
                            .contains(Duration.ofSeconds(90));
                    assertThat(emulation.spec().closeTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(emulation.spec().toSettings()).containsEntry("event_time",
                            "2026-01-01T00:00:00Z..2026-01-01T00:10:00Z").containsEntry("lateness", "0.1:30s")
                            .containsEntry("rate_curve", "1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,1,1");
                    // 10 event minutes of UTC hour 0 (weight 1 of a curve averaging 46/24) at 2 records per event
                    // second: 600 * 2 * 24 / 46 = 626.1 records, and the backfill ends by itself
                    assertThat(emulation.awaitCompletion(Duration.ofSeconds(60)).stats().delivered())
                            .isBetween(625L, 628L);
                });
    }

    @Test
    void errorsNameThePropertiesAsWritten() {
        runner.withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=memory",
                "emulator.emulations[0].event-time=2026-01-01T00:00:00Z..2026-01-02T00:00:00Z",
                "emulator.emulations[0].duration=soon").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("'duration' = 'soon'")
                            .hasMessageContaining("'event-time' = ").hasMessageContaining("needs rate-per-second")
                            .hasMessageNotContaining("rate_per_second");
                });
    }

    @Test
    void theEndpointListsStartsAndStopsEmulations() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=emulations").run(context -> {
            EmulationsEndpoint endpoint = context.getBean(EmulationsEndpoint.class);
            // paced, so that it is still running when stopped
            WebEndpointResponse<Object> started = endpoint.start("transaction", "memory", "", 1, 50.0, null,
                    null, 5L, null, "by-endpoint");
            assertThat(started.getStatus()).isEqualTo(200);
            assertThat(((EmulationsEndpoint.Summary) started.getBody()).id()).isEqualTo("by-endpoint");
            assertThat(endpoint.emulations()).extracting(EmulationsEndpoint.Summary::id).containsExactly("by-endpoint");

            assertThat(endpoint.stop("by-endpoint").getStatus()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(endpoint.emulation("by-endpoint"))
                    .extracting(EmulationsEndpoint.Summary::status).isEqualTo(EmulationStatus.STOPPED.name()));
            assertThat(endpoint.emulation("nope")).isNull();
            WebEndpointResponse<Object> unknown = endpoint.stop("nope");
            assertThat(unknown.getStatus()).isEqualTo(404);
            assertThat(unknown.getBody()).asString().contains("No emulation 'nope'");

            WebEndpointResponse<Object> soon = endpoint.start("user-profile", "memory", null, null, null, null,
                    "soon", null, null, null);
            assertThat(soon.getStatus()).isEqualTo(400);
            assertThat(soon.getBody()).asString().contains("soon");
            WebEndpointResponse<Object> pairs = endpoint.start("user-profile", "memory", "acks", null, null, null,
                    null, null, null, null);
            assertThat(pairs.getStatus()).isEqualTo(400);
            assertThat(pairs.getBody()).asString().contains("'sinkConfig' = 'acks'");
            WebEndpointResponse<Object> typo = endpoint.start("transacton", "memory", null, null, null, null,
                    null, null, null, null);
            assertThat(typo.getStatus()).isEqualTo(400);
            assertThat(typo.getBody()).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("status", 400)
                    .hasEntrySatisfying("message", message -> assertThat(message).asString()
                            .contains("'domain' = 'transacton'"))
                    .hasEntrySatisfying("violations", violations -> assertThat(violations).asString()
                            .contains("setting=domain", "value=transacton"));
            assertThat(EmulationsEndpoint.parsePairs("bootstrap.servers=a:1,b:2; acks = all"))
                    .containsExactly(Map.entry("bootstrap.servers", "a:1,b:2"), Map.entry("acks", "all"));
        });
    }

    @Test
    void healthIsOutOfServiceUntilTheListedEmulationsStartThenUpAndDownWhenOneFails() {
        runner.withConfiguration(AutoConfigurations.of(EmulatorHealthAutoConfiguration.class))
                .withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=memory",
                        "emulator.emulations[0].rate-per-second=100", "emulator.emulations[0].id=listed")
                .run(context -> {
                    EmulationsHealthIndicator health = context.getBean(EmulationsHealthIndicator.class);
                    EmulationsStarter starter = context.getBean(EmulationsStarter.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus() == Status.UP);
                    assertThat(health.health().getDetails()).containsEntry("emulations", Map.of("listed", "RUNNING"));

                    // the context's own start has not happened yet in a fresh starter: not UP
                    EmulatorProperties properties = context.getBean(EmulatorProperties.class);
                    EmulationsStarter notYet = new EmulationsStarter(context.getBean(EmulatorService.class),
                            properties, context.getBean(DomainRegistry.class), context.getBean(SinkRegistry.class));
                    assertThat(new EmulationsHealthIndicator(notYet).health().getStatus())
                            .isEqualTo(Status.OUT_OF_SERVICE);
                    starter.stop();
                    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                });
        runner.withConfiguration(AutoConfigurations.of(EmulatorHealthAutoConfiguration.class))
                .withBean(SinkRegistry.class, () -> SinkRegistry.of(new FailingSink()))
                .withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=failing",
                        "emulator.emulations[0].id=broken")
                .run(context -> {
                    EmulationsHealthIndicator health = context.getBean(EmulationsHealthIndicator.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus() == Status.DOWN);
                    assertThat(health.health().getDetails()).containsEntry("emulations", Map.of("broken", "FAILED"))
                            .hasEntrySatisfying("failures", failures -> assertThat(failures).asString()
                                    .contains("broken", "no broker here"));
                });
    }

    @Test
    void withoutSpringBootsHealthOnTheClassPathThereIsNoIndicatorAndNoFailure() {
        runner.withConfiguration(AutoConfigurations.of(EmulatorHealthAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(EmulationsStarter.class)
                        .doesNotHaveBean(EmulationsHealthIndicator.class));
        runner.withConfiguration(AutoConfigurations.of(EmulatorHealthAutoConfiguration.class))
                .withPropertyValues("management.health.emulations.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EmulationsHealthIndicator.class));
    }

    /** A sink whose setup fails, as a sink does when its server is unreachable. */
    static final class FailingSink implements SinkProvider {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public SyncProducer create(Map<String, String> config) {
            return new SyncProducer() {
                @Override
                public void setupResource(String resource) {
                    throw new SinkException("no broker here");
                }

                @Override
                public void produce(String resource, String key, EmulatedRecord record) {
                    throw new AssertionError("never set up");
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void closingTheContextStopsItsEmulations() {
        Emulation[] running = new Emulation[1];
        runner.withPropertyValues("emulator.emulations[0].domain=transaction", "emulator.emulations[0].sink=memory",
                "emulator.emulations[0].rate-per-second=1000").run(context -> {
                    running[0] = context.getBean(EmulatorService.class).list().get(0);
                    assertThat(running[0].status().isTerminal()).isFalse();
                });
        assertThat(running[0].status()).isEqualTo(EmulationStatus.STOPPED);
    }
}
