package dev.dataemulator.examples;

import dev.dataemulator.core.InvalidSettingException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Speaks the command line's names in error messages: a setting of the emulation ({@code ratePerSecond}) or of a
 * sink ({@code format_type}) is reported as the option the user typed ({@code --rate}, {@code --format}), with the
 * value as typed ({@code -5}, not {@code -5.0}).
 */
final class CliNames {
    /** Setting name to option name; settings not listed came from {@code -c KEY=VALUE} and keep their name. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("domain", "--domain"),
            Map.entry("sink", "--sink"),
            Map.entry("threads", "--threads"),
            Map.entry("duration", "--duration"),
            Map.entry("maxRecords", "--max-records"),
            Map.entry("ratePerSecond", "--rate"),
            Map.entry("eventTime", "--backfill/--speed"),
            Map.entry("rateCurve", "--hourly"),
            Map.entry("lateness", "--late"),
            Map.entry("seed", "--seed"),
            Map.entry("shard", "--shard"),
            Map.entry("resource", "--resource"),
            Map.entry("format_type", "--format"),
            Map.entry("sync_type", "--mode"),
            Map.entry("max_chunk_size", "--chunk-size"));

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
                return v.toString();
            }
            String value = v.value();
            if (typed.hasMatchedOption(option)) {
                List<String> original = typed.matchedOption(option).originalStringValues();
                if (original.size() == 1) {
                    value = original.get(0);
                }
            }
            return option + " " + (value == null ? "(missing)" : value) + ": " + v.reason();
        }).collect(Collectors.toList());
        return String.join("\nerror: ", lines);
    }
}
