package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.testing.CounterDomain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link EmulationSpec.Builder#set(String, String)} and {@link EmulationSpec#toSettings()} over the whole table. */
class SettingsTextTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());
    private static final String HOURLY = "1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,2,2,2,2,1,0.5";

    /** One text value of every setting with a text form, none of them the default. */
    private static Map<String, String> everySetting() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("domain", "counter");
        settings.put("sink", "memory");
        settings.put("sink_config.some.key", "value");
        settings.put("threads", "3");
        settings.put("duration", "90");
        settings.put("max_records", "1000");
        settings.put("rate_per_second", "250.5");
        settings.put("seed", "-42");
        settings.put("resource", "elsewhere");
        settings.put("envelope", "false");
        settings.put("shard", "1/3");
        settings.put("clock", "2026-01-01T00:00:00Z");
        settings.put("event_time", "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z");
        settings.put("rate_curve", HOURLY);
        settings.put("lateness", "0.02:10m");
        settings.put("id", "run-1");
        settings.put("resume", "true");
        settings.put("error_policy", "continue");
        settings.put("progress_interval", "1500ms");
        settings.put("close_timeout", "2m");
        settings.put("domain_options.labels", "false");
        settings.put("faults.duplicate", "0.01");
        settings.put("fault_labels", "false");
        return settings;
    }

    private static EmulationSpec.Builder fresh() {
        return EmulationSpec.builder().registry(DOMAINS);
    }

    private static EmulationSpec fromText(Map<String, String> settings) {
        EmulationSpec.Builder builder = fresh();
        settings.forEach(builder::set);
        return builder.build();
    }

    @Test
    void theSampleCoversEverySettingWithATextForm() {
        List<String> named = everySetting().keySet().stream().map(key -> key.contains(".")
                ? key.substring(0, key.indexOf('.')) : key).distinct().toList();
        assertThat(named).containsExactlyInAnyOrderElementsOf(EmulationSpec.settings().stream()
                .filter(EmulationSpec.Setting::hasText).map(EmulationSpec.Setting::name).toList());
    }

    @Test
    void everySettingSetFromTextEqualsTheBuilderMethodsValue() {
        EmulationSpec spec = fromText(everySetting());
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        EmulationSpec typed = fresh().domain("counter").sink("memory", Map.of("some.key", "value")).threads(3)
                .duration(Duration.ofSeconds(90)).maxRecords(1000).ratePerSecond(250.5).seed(-42)
                .resource("elsewhere").envelope(false).shard(1, 3).clock(Clock.fixed(from, ZoneOffset.UTC))
                .eventTime(EventTime.backfill(from, Instant.parse("2026-01-02T00:00:00Z")))
                .rateCurve(RateCurve.hourly(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 0.5))
                .lateness(0.02, Duration.ofMinutes(10)).id("run-1").resume(true).errorPolicy(ErrorPolicy.CONTINUE)
                .progressInterval(Duration.ofMillis(1500)).closeTimeout(Duration.ofMinutes(2))
                .domainOption("labels", "false").fault("duplicate", "0.01").faultLabels(false).build();

        assertThat(spec.toSettings()).isEqualTo(typed.toSettings());
        assertThat(spec.toString()).isEqualTo(typed.toString());
        assertThat(spec.duration()).as("a bare number is seconds").contains(Duration.ofSeconds(90));
        assertThat(spec.clock().instant()).isEqualTo(from);
        assertThat(spec.rateCurve()).isEqualTo(typed.rateCurve());
    }

    @Test
    void toSettingsRoundTripsThroughAFreshBuilder() {
        EmulationSpec spec = fromText(everySetting());
        Map<String, String> settings = spec.toSettings();

        assertThat(fromText(settings).toSettings()).isEqualTo(settings);
        assertThat(settings).containsEntry("duration", "90s").containsEntry("progress_interval", "1500ms")
                .containsEntry("close_timeout", "2m").containsEntry("rate_per_second", "250.5")
                .containsEntry("error_policy", "continue").containsEntry("sink_config.some.key", "value")
                .containsEntry("domain_options.labels", "false").containsEntry("rate_curve", HOURLY);
    }

    @Test
    void eachKindOfValueRoundTripsInEveryForm() {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("event_time", "2026-01-01T00:00:00Z..x60");
        forms.put("rate_curve", "hourly Europe/Paris " + HOURLY);
        Map<String, String> settings = new LinkedHashMap<>(Map.of("domain", "counter", "sink", "memory",
                "rate_per_second", "10"));
        settings.putAll(forms);
        EmulationSpec spec = fromText(settings);
        assertThat(spec.eventTime()).isEqualTo(EventTime.accelerated(Instant.parse("2026-01-01T00:00:00Z"), 60));
        assertThat(spec.rateCurve().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(fromText(spec.toSettings()).toSettings()).isEqualTo(spec.toSettings());

        double[] week = new double[168];
        for (int i = 0; i < week.length; i++) {
            week[i] = 1 + (i % 24) / 7.0;
        }
        EmulationSpec weekly = fresh().domain("counter").sink("memory", Map.of()).ratePerSecond(1)
                .rateCurve(RateCurve.weekly(ZoneId.of("America/New_York"), week)).build();
        assertThat(fromText(weekly.toSettings()).rateCurve()).isEqualTo(weekly.rateCurve());
        EmulationSpec days = fresh().domain("counter").sink("memory", Map.of()).ratePerSecond(1)
                .rateCurve(RateCurve.weekly(ZoneOffset.UTC, new double[] {1, 2, 3, 4, 5, 6, 7},
                        new double[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1})).build();
        assertThat(fromText(days.toSettings()).rateCurve()).isEqualTo(days.rateCurve());
    }

    @Test
    void durationsReadTheSameEverywhere() {
        assertThat(SettingText.duration("d", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SettingText.duration("d", "1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SettingText.duration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SettingText.duration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SettingText.duration("d", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SettingText.duration("d", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(SettingText.duration("d", "PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SettingText.signedDuration("d", "-15m")).isEqualTo(Duration.ofMinutes(-15));
        assertThatThrownBy(() -> SettingText.duration("d", "-15m")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'d' = '-15m'").hasMessageContaining("positive");
        for (Duration d : List.of(Duration.ofMillis(1500), Duration.ofSeconds(59), Duration.ofMinutes(90),
                Duration.ofHours(25), Duration.ofDays(3), Duration.ofNanos(1500))) {
            assertThat(SettingText.duration("d", SettingText.text(d))).isEqualTo(d);
        }
    }

    static List<List<String>> badValues() {
        return List.of(
                List.of("threads", "0"), List.of("threads", "many"), List.of("duration", "soon"),
                List.of("duration", "-5"), List.of("max_records", "0"), List.of("max_records", "1e3"),
                List.of("rate_per_second", "-1"), List.of("rate_per_second", "fast"), List.of("seed", "0x10"),
                List.of("envelope", "yes"), List.of("shard", "half"), List.of("clock", "now"),
                List.of("event_time", "yesterday..today"), List.of("event_time", "2026-01-02T00:00:00Z..2026-01-01T00:00:00Z"),
                List.of("event_time", "2026-01-01T00:00:00Z..x0"), List.of("rate_curve", "1,2,3"),
                List.of("rate_curve", "hourly Mars/Olympus " + HOURLY), List.of("lateness", "often"),
                List.of("lateness", "2:10m"), List.of("error_policy", "ignore"),
                List.of("progress_interval", "0s"), List.of("close_timeout", "later"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsNamedWithTheSettingAndTheText(List<String> bad) {
        assertThatThrownBy(() -> fresh().set(bad.get(0), bad.get(1)))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.setting()).isEqualTo(bad.get(0));
                        assertThat(v.value()).isEqualTo(bad.get(1));
                    });
                })
                .hasMessageContaining("'" + bad.get(0) + "' = '" + bad.get(1) + "'");
    }

    @Test
    void theBadValuesCoverEveryKindOfValue() {
        List<String> kinds = badValues().stream().map(bad -> kindOf(bad.get(0))).distinct().toList();
        assertThat(kinds).containsAll(EmulationSpec.settings().stream().map(EmulationSpec.Setting::kind)
                .filter(kind -> !List.of("object", "map", "name", "text").contains(kind)).collect(Collectors.toSet()));
    }

    private static String kindOf(String name) {
        return EmulationSpec.settings().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().kind();
    }

    @Test
    void anUnknownNameGetsADidYouMean() {
        assertThatThrownBy(() -> fresh().set("max_record", "5"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'max_record' = '5': unknown setting; did you mean 'max_records'?");
        assertThatThrownBy(() -> fresh().set("ratePerSecond", "5"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("did you mean 'rate_per_second'?");
        assertThatThrownBy(() -> fresh().set("colour", "blue"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("unknown setting (known: [domain,")
                .hasMessageNotContaining("did you mean");
        assertThatThrownBy(() -> fresh().set("sink_confg.password", "hunter2"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'sink_confg.password' = '****': unknown setting; did you mean 'sink_config'?")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void settingsWithoutATextFormSayHowToSetThem() {
        assertThatThrownBy(() -> fresh().set("executor", "pool"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("has no text form");
        assertThatThrownBy(() -> fresh().set("domain_options", "a=b"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("domain_options.KEY");
    }

    @Test
    void aDoorNamesSettingsAsItsUserTypedThem() {
        SettingAliases cli = SettingAliases.of(Map.of("--rate", "rate_per_second", "--backfill", "event_time"));
        EmulationSpec.Builder builder = fresh().domain("counter").sink("memory", Map.of());
        assertThatThrownBy(() -> cli.build(builder, Map.of("--backfill",
                "2026-01-01T00:00:00Z..2026-01-02T00:00:00Z")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'--backfill' = ").hasMessageContaining(": needs --rate, the average rate")
                .hasMessageNotContaining("rate_per_second");
        assertThatThrownBy(() -> cli.build(fresh().domain("counter").sink("memory", Map.of()), Map.of("--rate", "-5")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'--rate' = '-5'");
    }
}
