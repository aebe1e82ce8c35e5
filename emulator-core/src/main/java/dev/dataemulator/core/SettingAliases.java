package dev.dataemulator.core;

import dev.dataemulator.core.InvalidSettingException.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A front door's names for the settings of {@link EmulationSpec}'s table: the command line's {@code --rate}, the
 * HTTP service's {@code rate}, Spring's {@code rate-per-second}, the connector's {@code event.time.rate} all name
 * {@code rate_per_second}. A door hands each value, as text, to {@link #set} (which sets it with
 * {@link EmulationSpec.Builder#set(String, String)}, so the door parses nothing itself), and reports problems with
 * {@link #rename(InvalidSettingException)}: every setting named as the door's user typed it, in the setting field
 * and inside the reasons ({@code needs --rate}, not {@code needs rate_per_second}). Immutable and thread-safe.
 */
public final class SettingAliases {
    /** A setting name inside a reason: the table's names with an underscore (plain words are left alone). */
    private static final Pattern NAME_IN_TEXT = Pattern.compile("\\b[a-z]+(?:_[a-z]+)+\\b");

    private final Map<String, String> toSetting;
    private final Map<String, String> toDoor;

    private SettingAliases(Map<String, String> toSetting) {
        this.toSetting = Collections.unmodifiableMap(new LinkedHashMap<>(toSetting));
        Map<String, String> reverse = new LinkedHashMap<>();
        toSetting.forEach((door, setting) -> reverse.putIfAbsent(setting, door));
        this.toDoor = Collections.unmodifiableMap(reverse);
        List<String> known = EmulationSpec.settings().stream().map(EmulationSpec.Setting::name).toList();
        toSetting.values().forEach(setting -> {
            if (!known.contains(setting)) {
                throw new IllegalArgumentException("'" + setting + "' is not a setting of EmulationSpec (known: "
                        + known + ")");
            }
        });
    }

    /**
     * @param doorToSetting the door's names, each to the table's name of the setting it sets; where two door names
     *     set one setting, the first is the one messages use
     * @return the aliases
     * @throws IllegalArgumentException when a value is not a setting of the table
     */
    public static SettingAliases of(Map<String, String> doorToSetting) {
        return new SettingAliases(Objects.requireNonNull(doorToSetting, "doorToSetting"));
    }

    /** @return the door's names, each to its setting, in the order given */
    public Map<String, String> aliases() {
        return toSetting;
    }

    /**
     * @param setting a setting of the table
     * @return the door's name for it, or the setting's own name when the door has none
     */
    public String doorName(String setting) {
        String door = toDoor.get(setting);
        return door != null ? door : setting;
    }

    /**
     * Sets one value given under a door name (or under a table name the door does not alias).
     *
     * @param builder the spec being built
     * @param doorName the name the user typed
     * @param text the value as text; {@code null} leaves the setting as it is
     * @param problems where a bad value is added, named as the user typed it
     */
    public void set(EmulationSpec.Builder builder, String doorName, String text, List<Violation> problems) {
        if (text == null) {
            return;
        }
        String setting = toSetting.getOrDefault(doorName, doorName);
        try {
            builder.set(setting, text);
        } catch (InvalidSettingException e) {
            for (Violation violation : e.violations()) {
                problems.add(new Violation(doorName, violation.value(), rewrite(violation.reason())));
            }
        }
    }

    /**
     * Sets every value of {@code values} (door name to text) and builds the spec.
     *
     * @param builder the spec being built, with what the door sets by method (registries, sink instance, clock)
     * @param values door names to text; {@code null} values are skipped
     * @return the spec
     * @throws InvalidSettingException naming every bad setting as the user typed it
     */
    public EmulationSpec build(EmulationSpec.Builder builder, Map<String, String> values) {
        List<Violation> problems = new ArrayList<>();
        values.forEach((name, text) -> set(builder, name, text, problems));
        return build(builder, problems);
    }

    /**
     * Builds the spec, reporting the problems found while setting values together with those of
     * {@link EmulationSpec.Builder#build()}, a setting already reported being reported once.
     *
     * @param builder the spec being built
     * @param problems problems found while setting values, already in the door's names
     * @return the spec
     * @throws InvalidSettingException naming every bad setting as the user typed it
     */
    public EmulationSpec build(EmulationSpec.Builder builder, List<Violation> problems) {
        List<Violation> all = new ArrayList<>(problems);
        try {
            EmulationSpec spec = builder.build();
            if (all.isEmpty()) {
                return spec;
            }
        } catch (InvalidSettingException e) {
            for (Violation violation : rename(e).violations()) {
                if (all.stream().noneMatch(known -> known.setting().equals(violation.setting()))) {
                    all.add(violation);
                }
            }
        }
        throw new InvalidSettingException(all);
    }

    /**
     * @param e bad settings named by the table
     * @return the same problems named as the door's user typed them, in the setting and inside the reasons
     */
    public InvalidSettingException rename(InvalidSettingException e) {
        List<Violation> renamed = new ArrayList<>();
        for (Violation violation : e.violations()) {
            renamed.add(new Violation(doorName(violation.setting()), violation.value(),
                    rewrite(violation.reason())));
        }
        InvalidSettingException result = new InvalidSettingException(renamed);
        result.initCause(e);
        return result;
    }

    /** @return {@code text} with the table's names of settings replaced by the door's */
    public String rewrite(String text) {
        Matcher matcher = NAME_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String door = toDoor.get(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(door != null ? door : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
