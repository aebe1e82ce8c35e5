package dev.dataemulator.examples;

import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.ProviderNotFoundException;
import dev.dataemulator.core.support.SinkConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code emulator} command line: {@code quickstart} (the default), {@code run}, {@code sample}, {@code serve}
 * and {@code schema}.
 *
 * <p>Exit codes: 0 success, 1 the emulation failed, 2 bad input (unknown option, invalid setting, missing server).
 */
@Command(name = "emulator", mixinStandardHelpOptions = true, versionProvider = EmulatorCli.Version.class,
        description = "Emulates realistic, labelled data streams (transactions, user profiles, device logs) into "
                + "Kafka topics and S3 / MinIO buckets. Without a subcommand, runs the quick start.",
        subcommands = {QuickStartCommand.class, RunCommand.class, SampleCommand.class, ServeCommand.class,
                SchemaCommand.class, SnapshotCommand.class},
        showDefaultValues = true)
public final class EmulatorCli implements Callable<Integer> {
    /** Exit code of a failed emulation. */
    public static final int FAILED = 1;
    /** Exit code of bad input. */
    public static final int BAD_INPUT = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Servers.Options servers;

    /**
     * Raises logging (to standard error): the emulator's progress lines and the servers' warnings.
     *
     * @param verbose whether to
     */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log the emulator's progress and the servers' warnings to standard error (default: only "
                    + "errors).")
    void verbose(boolean verbose) {
        if (verbose) {
            Logging.verbose();
        }
    }

    /** The standard output as bytes, for commands that print records ({@code sample}). */
    PrintStream rawOut = System.out;

    @Override
    public Integer call() {
        QuickStartCommand quickStart = new QuickStartCommand();
        quickStart.servers = servers;
        quickStart.out = spec.commandLine().getOut();
        return quickStart.call();
    }

    /**
     * Runs the command line with the given streams, without exiting.
     *
     * @return the exit code
     */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        EmulatorCli cli = new EmulatorCli();
        cli.rawOut = out;
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.registerConverter(Duration.class, SinkConfig::parseDuration);
        // a bad option: the one-line cause and where to look, not the whole usage
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidSettingException invalid) {
                cmd.getErr().println("error: " + CliNames.describe(invalid, parsed));
                return BAD_INPUT;
            }
            if (e instanceof ProviderNotFoundException
                    || e instanceof Servers.MissingServerException) {
                cmd.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof EmulatorException) {
                cmd.getErr().println("error: " + e.getMessage());
                return FAILED;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** {@code --version}: the project version, from a resource the build fills in. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = EmulatorCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"Data Emulator " + properties.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    /**
     * Entry point.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }
}
