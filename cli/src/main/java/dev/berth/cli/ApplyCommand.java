package dev.berth.cli;

import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.planner.Planner;
import dev.berth.planner.planfile.SavedPlan;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Makes the hosts match the stack, or applies a saved plan exactly. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Make the hosts match the stack: plan, confirm, then execute with health-gated rolling "
                + "updates. STACK may also be a plan saved with 'berth plan --out FILE', applied exactly as "
                + "saved (refused when the hosts changed since).",
                "Holds the stack's lock while it runs. Run it twice: the second apply changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the hosts match the stack (or nothing needed to change)",
                "1:error, or a change failed (each failure is reported per service)"})
public final class ApplyCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    LostTaskOptions lost;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ApplyFlow flow = execution.flow(spec.commandLine(), output);
        if (SavedPlans.isSavedPlan(stack.path())) {
            SavedPlan saved = SavedPlan.fromJson(Files.readString(stack.path()));
            if (saved.desired().taskDefinitions().values().stream().anyMatch(EnvironmentFiles::uses)) {
                // A plan file keeps no values, and no stack file for the paths to be relative to.
                throw new UserError("the saved plan's stack reads environmentFiles, which berth reads when it "
                        + "applies, from the stack; apply the stack itself; nothing was changed");
            }
            return flow.run("apply", saved.desired(), EnvironmentFiles.NONE, ApplyUseCase.saved(saved));
        }
        LoadedStack loaded = stack.loadValid(spec.commandLine().getErr());
        Stack desired = loaded.canonical();
        return flow.run("apply", desired, StackOptions.environmentFiles(loaded),
                observed -> new ApplyUseCase.Planned(desired, Planner.plan(desired, observed, lost.planOptions())));
    }

    /**
     * A plan file is a JSON object with a top-level {@code formatVersion}; a stack is YAML (which JSON
     * would also be). Plan files are canonical JSON with sorted keys, so formatVersion comes after the
     * whole desired stack: the object's top level is read, not its first characters.
     */
    static final class SavedPlans {
        private SavedPlans() {
        }

        static boolean isSavedPlan(Path path) throws IOException {
            if (!Files.isRegularFile(path)) {
                return false;
            }
            String text = Files.readString(path);
            if (!text.stripLeading().startsWith("{")) {
                return false;
            }
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).has("formatVersion");
            } catch (com.fasterxml.jackson.core.JacksonException notJson) {
                return false;
            }
        }
    }
}
