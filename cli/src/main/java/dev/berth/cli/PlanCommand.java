package dev.berth.cli;

import dev.berth.cli.render.PlanFormat;
import dev.berth.planner.Planner;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.planfile.SavedPlan;
import dev.berth.schema.LoadedStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shows what apply would change, without changing anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the change set that would make the hosts match the stack. Changes nothing.",
                "Markers: + create, ~ update in place, -/+ replace (rolling), - delete."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (with --detailed-exitcode: no changes)",
                "1:error, or a plan that cannot be applied (for example tasks that fit on no host); with "
                        + "--detailed-exitcode also a host that did not answer, as drift has it",
                "2:with --detailed-exitcode: changes present"})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    OutputOptions output;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json is documented by "
                    + "schema/json/plan-v2.schema.json; markdown suits a pull-request comment.")
    PlanFormat format;

    @Option(names = "--detailed-exitcode",
            description = "Exit 2 when there are changes and 0 when there are none, as terraform plan does.")
    boolean detailedExitCode;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Save the plan, with fingerprints of the stack and the hosts, for 'berth apply FILE'.")
    Path out;

    @Mixin
    LostTaskOptions lost;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        LoadedStack loaded = stack.loadValid(spec.commandLine().getErr());
        ObservedState observed = Observation.of(loaded.canonical(), StackOptions.environmentFiles(loaded));
        Plan plan = Planner.plan(loaded.canonical(), observed, lost.planOptions());
        if (out != null && plan.problems().isEmpty()) {
            Files.writeString(out, SavedPlan.of(loaded.canonical(), observed, plan).toJson());
        }
        stdout.print(format.renderer(output.colors(), stack.source()).render(plan));
        if (out != null && plan.problems().isEmpty() && format == PlanFormat.text) {
            stdout.println("Saved the plan to " + out + "; 'berth apply " + out + "' applies exactly this plan.");
        }
        stdout.flush();
        if (!plan.problems().isEmpty()) {
            return ExitCodes.ERROR;
        }
        if (!detailedExitCode) {
            return ExitCodes.OK;
        }
        // "No changes" would claim hosts match that could not be read.
        if (plan.warnings().stream().anyMatch(w -> w.code() == ReasonCode.HOST_UNREACHABLE)) {
            return ExitCodes.ERROR;
        }
        return plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
