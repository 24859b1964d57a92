package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code berth} command: only a parent for the subcommands. */
@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthCommand.Version.class,
        description = "Declarative deployer that brings the Amazon ECS model to plain Docker hosts.",
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

    /**
     * The subcommands, in the order {@code berth --help} lists them. They are registered in code,
     * not in {@code @Command}, so that a run builds only the one it names (see {@link #commandLine(String...)}).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
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
            CompletionCommand.class);

    /** The whole command tree, as tests and tools that walk it need it. */
    public static CommandLine commandLine() {
        return configured(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for running {@code args}. Picocli reads every registered command's
     * annotations by reflection before it parses anything, which costs tens of milliseconds per
     * command on a short run; so a run that names a subcommand gets only that one. Help and
     * completion walk the tree, and anything else (a typo, {@code --help}) needs all of them for its
     * message, so those get the whole tree.
     */
    public static CommandLine commandLine(String... args) {
        String first = args.length == 0 ? "" : args[0];
        boolean walksTree = first.equals("help") || first.equals("completion");
        return SUBCOMMANDS.containsKey(first) && !walksTree ? configured(Set.of(first)) : commandLine();
    }

    private static CommandLine configured(Set<String> names) {
        CommandLine commandLine = new CommandLine(new BerthCommand());
        SUBCOMMANDS.forEach((name, type) -> {
            if (names.contains(name)) {
                commandLine.addSubcommand(name, type);
            }
        });
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.ansi()));
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    private static Map<String, Class<?>> subcommands(Class<?>... types) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : types) {
            byName.put(type.getAnnotation(Command.class).name(), type);
        }
        return byName;
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
