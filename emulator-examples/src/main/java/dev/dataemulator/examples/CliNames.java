package dev.dataemulator.examples;

import dev.dataemulator.core.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Speaks the command line's names in error messages: a setting of the emulation ({@code rate_per_second}) or of a
 * sink ({@code format_type}) is reported as the option the user typed ({@code --rate}, {@code --format}), with the
 * value as typed ({@code -5}, not {@code -5.0}).
 */
final class CliNames {
    /**
     * Setting name to option name, from {@code run}'s alias table (two options of one setting joined by '/') and the
     * object sinks' settings that have flags; settings not listed came from {@code -c KEY=VALUE} and keep their name.
     */
    private static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        RunCommand.ALIASES.aliases().forEach((option, setting) -> options.merge(setting, option,
                (first, second) -> first + "/" + second));
        options.put("format_type", "--format");
        options.put("sync_type", "--mode");
        options.put("max_chunk_size", "--chunk-size");
        return Map.copyOf(options);
    }

    private CliNames() {
    }

    /**
     * @param e bad settings
     * @param parsed what the user typed
     * @return one line per bad setting, e.g. {@code --rate -5: must be a positive, finite number of records per
     *     second}
     */
    static String describe(InvalidSettingException e, ParseResult parsed) {
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        ParseResult typed = command;
        List<String> lines = e.violations().stream().map(v -> {
            String option = v.setting().startsWith("-") ? v.setting() : OPTIONS.get(v.setting());
            if (option != null && option.contains("/")) {
                // a setting two options make: name the one the user typed (the first when neither)
                String[] alternatives = option.split("/");
                option = alternatives[0];
                for (String alternative : alternatives) {
                    if (typed.hasMatchedOption(alternative)) {
                        option = alternative;
                        break;
                    }
                }
            }
            OptionSpec spec = option == null ? null : typed.commandSpec().findOption(option);
            if (spec == null) {
                return new InvalidSettingException.Violation(v.setting(), v.value(),
                        RunCommand.ALIASES.rewrite(v.reason())).toString();
            }
            String value = v.value();
            if (typed.hasMatchedOption(option)) {
                List<String> original = typed.matchedOption(option).originalStringValues();
                if (original.size() == 1) {
                    value = original.get(0);
                }
            }
            return option + " " + (value == null ? "(missing)" : value) + ": " + RunCommand.ALIASES.rewrite(v.reason());
        }).collect(Collectors.toList());
        return String.join("\nerror: ", lines);
    }
}
