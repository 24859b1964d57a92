package dev.berth.cli;

import dev.berth.cli.render.ClusterFormat;
import dev.berth.planner.placement.ClusterReport;
import dev.berth.schema.LoadedStack;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shows the hosts as placement sees them, to explain where tasks go and why some fit nowhere. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Show every host of the stack's clusters as placement sees it: whether it answers, CPU "
                + "units and memory (capacity, reserved, used by the stack's tasks, free), task count, and the "
                + "attributes memberOf and spread match (the stack's plus berth.os, berth.arch, berth.host, "
                + "berth.engine-version and instanceId). Changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, even when a host does not answer (the report shows it)", "1:error"})
public final class ClusterCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    OutputOptions output;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json is documented by "
                    + "schema/json/cluster-v1.schema.json.")
    ClusterFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        LoadedStack loaded = stack.loadValid(spec.commandLine().getErr());
        ClusterReport report = ClusterReport.of(loaded.canonical(), Observation.of(loaded.canonical()));
        stdout.print(format.renderer(output.colors()).render(report));
        stdout.flush();
        return ExitCodes.OK;
    }
}
