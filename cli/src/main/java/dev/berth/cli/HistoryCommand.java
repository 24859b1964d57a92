package dev.berth.cli;

import dev.berth.applier.status.ServiceHistory;
import dev.berth.cli.render.HistoryRenderer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The task definition revisions of a service's family, like {@code aws ecs list-task-definitions}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the task definition revisions of a service's family, oldest first: spec hash, when "
                + "each was registered, and which run now (marked *). Revisions are recorded on the hosts, so "
                + "every machine sees the same history; destroy --volumes erases it. Changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:history shown", "1:error: invalid stack, unknown service"})
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "A service of the stack.")
    String service;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json gives full hashes "
                    + "and ISO-8601 UTC times.")
    ReportFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Stack canonical = stack.loadValid(err).canonical();
        try {
            ServiceHistory.declared(canonical, service);
        } catch (IllegalArgumentException unknown) {
            throw new UserError(unknown.getMessage());
        }
        ObservedState observed = Observation.of(canonical);
        // Every host of the family keeps a copy, so one that does not answer rarely hides anything; still, say so.
        observed.hosts().stream().filter(h -> !h.reachable()).forEach(h -> err.println("berth: warning: host "
                + h.cluster() + "/" + h.name() + " did not answer (" + h.error() + "); history read from the others"));
        ServiceHistory history = ServiceHistory.of(canonical, observed, service);
        HistoryRenderer renderer = new HistoryRenderer(ZoneId.systemDefault());
        out.print(format == ReportFormat.json ? renderer.json(history) : renderer.text(history));
        out.flush();
        return ExitCodes.OK;
    }
}
