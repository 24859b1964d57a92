package dev.berth.cli;

import dev.berth.applier.status.StackStatus;
import dev.berth.applier.status.StatusReport;
import dev.berth.cli.render.StatusJsonRenderer;
import dev.berth.cli.render.StatusTextRenderer;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What runs for each service now, like {@code aws ecs describe-services} and {@code list-tasks}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what runs for each service: desired, running and healthy task counts, the task "
                + "definition revisions running (two during a deployment), and every task with its host, "
                + "containers, their state and health, and published ports. Changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host answered", "1:error: invalid stack, or a host did not answer (what the "
                + "others run is still shown)"})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json is documented by "
                    + "schema/json/status-v1.schema.json.")
    ReportFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedStack loaded = stack.loadValid(spec.commandLine().getErr());
        Stack canonical = loaded.canonical();
        StatusReport report = StackStatus.of(canonical, Observation.of(canonical, StackOptions.environmentFiles(loaded)));
        out.print(format == ReportFormat.json ? new StatusJsonRenderer().render(report)
                : new StatusTextRenderer().render(report));
        out.flush();
        return report.unreachableHosts().isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
