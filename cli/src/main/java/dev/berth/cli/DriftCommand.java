package dev.berth.cli;

import dev.berth.cli.render.DriftFormat;
import dev.berth.planner.drift.DriftDetector;
import dev.berth.planner.drift.DriftKind;
import dev.berth.planner.drift.DriftReport;
import dev.berth.planner.plan.Address;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Reports what differs between the hosts and the stack, for a scheduled job. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Report drift: tasks missing, stopped, unhealthy or extra, tasks running another spec, "
                + "containers edited by hand, networks missing or left over, hosts that do not answer. Changes "
                + "nothing.",
                "Drift is judged as the plan judges: whatever drift reports, the next apply repairs, and when the "
                        + "plan has no changes, drift finds none."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:in sync", "1:error, or a host did not answer (what could be seen is still reported)",
                "2:drift found"})
public final class DriftCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    OutputOptions output;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). github prints annotations "
                    + "for a workflow run, of the findings or of the stack's errors; json is documented by "
                    + "schema/json/drift-v1.schema.json.")
    DriftFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        LoadedStack loaded = format == DriftFormat.github
                ? stack.loadValidAnnotated(stdout) : stack.loadValid(spec.commandLine().getErr());
        DriftReport report = DriftDetector.detect(loaded.canonical(),
                Observation.of(loaded.canonical(), StackOptions.environmentFiles(loaded)));
        stdout.print(format.renderer(output.colors(), address -> declaredAt(loaded, address), stack.source())
                .render(report));
        stdout.flush();
        // A host that did not answer is not drift apply can repair, but the stack cannot be called in sync either.
        if (report.findings().stream().anyMatch(f -> f.kind() == DriftKind.HOST_UNREACHABLE)) {
            return ExitCodes.ERROR;
        }
        return report.inSync() ? ExitCodes.OK : ExitCodes.CHANGES;
    }

    /** Where the stack declares an address, so an annotation lands on that line of the pull request. */
    static Optional<SourcePosition> declaredAt(LoadedStack loaded, Address address) {
        String section = switch (address.kind()) {
            case cluster -> "clusters";
            case namespace -> "namespaces";
            case taskDefinition -> "taskDefinitions";
            case loadBalancer -> "loadBalancers";
            case service -> "services";
        };
        String pointer = SourceMap.pointer(section, address.name());
        return loaded.canonical().services().containsKey(address.name()) || address.kind() != Address.Kind.service
                ? Optional.of(loaded.positions().key(pointer)) : Optional.empty();
    }
}
