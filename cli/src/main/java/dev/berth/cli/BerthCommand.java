package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code berth} command: only a parent for the subcommands. */
@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthCommand.Version.class,
        description = "Declarative deployer that brings the Amazon ECS model to plain Docker hosts.",
        subcommands = {
                ValidateCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                DriftCommand.class,
                StatusCommand.class,
                HistoryCommand.class,
                RollbackCommand.class,
                ClusterCommand.class,
                DestroyCommand.class,
                ForceUnlockCommand.class,
                AgentCommand.class,
                SchemaCommand.class,
                ImportCommand.class,
                CommandLine.HelpCommand.class,
                CompletionCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success; plan and drift: no changes",
                "1:error: invalid stack, bad usage, unreachable host, failed apply",
                "2:plan --detailed-exitcode: changes present; drift: drift found"},
        footer = {"", "Documentation: README.md. NO_COLOR disables colors."})
public final class BerthCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, shared by {@link Main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BerthCommand());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.ansi()));
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Prints a user's mistake as one line and exits 1; a bug still shows where it happened. */
    static final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
            PrintWriter err = commandLine.getErr();
            if (e instanceof UserError user) {
                err.println(user.isPreformatted() ? user.getMessage() : "berth: error: " + user.getMessage());
            } else {
                err.println("berth: internal error: " + e);
                if (System.getenv("BERTH_DEBUG") != null) {
                    e.printStackTrace(err);
                } else {
                    err.println("(set BERTH_DEBUG=1 to see where; please report it)");
                }
            }
            err.flush();
            return ExitCodes.ERROR;
        }
    }

    /** Usage mistakes exit 1 (picocli's default is 2, which berth reserves for "changes present"). */
    static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("berth: error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            err.flush();
            return ExitCodes.ERROR;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"berth " + number() + " (commit " + built().getProperty("commit", "unknown") + ")",
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }

        /** The version the build recorded ({@code project.version}). */
        static String number() throws IOException {
            return built().getProperty("version", "unknown");
        }

        private static Properties built() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = BerthCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return properties;
        }
    }
}
