package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.testing.CounterDomain;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec rows of docs/BAD-INPUT.md: each bad input fails {@link EmulationSpec.Builder#build()} with an
 * {@link InvalidSettingException} whose message names the setting and the offending value.
 */
class BadInputCatalogueTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder valid() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(new MemorySyncProducer());
    }

    private static Arguments row(String name, UnaryOperator<EmulationSpec.Builder> change, String setting,
            String value, String reason) {
        return Arguments.of(name, change, setting, value, reason);
    }

    static Stream<Arguments> specRows() {
        return Stream.of(
                row("null domain", b -> b.domain(null), "domain", null, "is required; known domains: [counter]"),
                row("blank domain", b -> b.domain("  "), "domain", "  ", "is required"),
                row("unknown domain", b -> b.domain("shipment"), "domain", "shipment", "Unknown domain 'shipment'"),
                row("no sink", b -> EmulationSpec.builder().registry(DOMAINS).domain("counter"), "sink", null,
                        "is required"),
                row("unknown sink", b -> EmulationSpec.builder().registry(DOMAINS).domain("counter")
                        .sink("kafak", Map.of()), "sink", "kafak", "No sink 'kafak' (found: [memory, stdout])"),
                row("sink name and instance", b -> b.sink("memory", Map.of()), "sink",
                        "memory + " + MemorySyncProducer.class.getName(), "not both"),
                row("null sink config", b -> EmulationSpec.builder().registry(DOMAINS).domain("counter")
                        .sink("memory", null), "sink_config", null, "must not be null"),
                row("zero threads", b -> b.threads(0), "threads", "0", "must be between 1 and 1024"),
                row("negative threads", b -> b.threads(-4), "threads", "-4", "must be between 1 and 1024"),
                row("too many threads", b -> b.threads(5000), "threads", "5000", "must be between 1 and 1024"),
                row("zero duration", b -> b.duration(Duration.ZERO), "duration", "PT0S", "must be positive"),
                row("negative duration", b -> b.duration(Duration.ofSeconds(-5)), "duration", "PT-5S",
                        "must be positive"),
                row("zero max records", b -> b.maxRecords(0), "max_records", "0", "must be at least 1"),
                row("negative max records", b -> b.maxRecords(-10), "max_records", "-10", "must be at least 1"),
                row("negative rate", b -> b.ratePerSecond(-1), "rate_per_second", "-1.0", "must be a positive"),
                row("infinite rate", b -> b.ratePerSecond(Double.POSITIVE_INFINITY), "rate_per_second", "Infinity",
                        "finite"),
                row("blank resource", b -> b.resource(" "), "resource", " ", "must not be blank"),
                row("resource with spaces around", b -> b.resource(" orders "), "resource", " orders ",
                        "leading or trailing spaces"),
                row("illegal id", b -> b.id("run #1"), "id", "run #1", "must be 1 to 64 letters"),
                row("resume without id", b -> b.resume(true), "resume", "true",
                        "needs id: the emulation to start or resume"),
                row("null error policy", b -> b.errorPolicy(null), "error_policy", null, "must not be null"),
                row("null clock", b -> b.clock(null), "clock", null, "must not be null"),
                row("zero progress interval", b -> b.progressInterval(Duration.ZERO), "progress_interval", "PT0S",
                        "must be positive"),
                row("negative close timeout", b -> b.closeTimeout(Duration.ofMillis(-1)), "close_timeout",
                        "PT-0.001S", "must be positive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specRows")
    void aBadSpecSettingIsATypedErrorNamingTheSettingAndTheValue(String name,
            UnaryOperator<EmulationSpec.Builder> change, String setting, String value, String reason) {
        EmulationSpec.Builder builder = change.apply(valid());

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.violations())
                        .extracting(Violation::setting, Violation::value)
                        .contains(org.assertj.core.groups.Tuple.tuple(setting, value)))
                .hasMessageContaining("'" + setting + "' = " + (value == null ? "null" : "'" + value + "'"))
                .hasMessageContaining(reason);
    }
}
