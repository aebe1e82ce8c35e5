package dev.dataemulator.examples;

import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.SettingAliases;
import java.util.Map;
import picocli.CommandLine;

/** The command line's {@code run} as a front door: its options as a spec, without running it. */
public final class CliDoor {
    private CliDoor() {
    }

    /** @return the spec {@code emulator run ARGS} would start (with {@code --sink memory}) */
    public static EmulationSpec spec(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.toSpec(Map.of());
    }

    /** @return the command line's names for the settings */
    public static SettingAliases aliases() {
        return RunCommand.ALIASES;
    }
}
