package dev.berth.cli;

import dev.berth.applier.apply.ApplyOptions;
import dev.berth.applier.task.DockerTaskRuntime;
import dev.berth.cli.progress.ProgressFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options of the commands that change hosts through a plan: apply and rollback. */
public final class ExecutionOptions {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--atomic", description = "When any service fails, roll back every service this run changed, "
            + "so the stack is never left half-updated.")
    boolean atomic;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Progress: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: live on a terminal, "
                    + "one timestamped line per event otherwise; json: one JSON object per event and line).")
    ProgressFormat format;

    @Option(names = "--concurrency", defaultValue = "" + DockerTaskRuntime.DEFAULT_PERMITS_PER_HOST,
            paramLabel = "N", description = "Calls that create, start or stop containers at once per host "
                    + "(default: ${DEFAULT-VALUE}).")
    int concurrency;

    ApplyFlow flow(CommandLine commandLine, OutputOptions output) {
        if (concurrency < 1) {
            throw new CommandLine.ParameterException(commandLine, "--concurrency must be at least 1");
        }
        return new ApplyFlow(commandLine.getOut(), commandLine.getErr(), format, output.colors(), yes,
                new ApplyOptions(atomic), concurrency);
    }
}
