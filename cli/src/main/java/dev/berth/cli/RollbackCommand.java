package dev.berth.cli;

import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.planner.rollback.RollbackPlanner;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.model.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Deploys an earlier revision of a service's task definition, with the same rolling rules as apply. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Deploy an earlier revision of a service's task definition (the one before the running "
                + "revision, or --to N) with the same rolling rules, circuit breaker and lock as apply.",
                "The stack file is not changed: the next 'berth apply' deploys the stack's revision again. "
                        + "To stay on the old revision, pin it in the stack (taskDefinition: family:N)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the service runs the revision asked for", "1:error, or the rollback failed"})
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "The service to roll back.")
    String service;

    @Option(names = "--to", paramLabel = "N", description = "The revision to deploy (default: the one before the "
            + "running revision).")
    Integer to;

    @Mixin
    OutputOptions output;

    @Mixin
    ExecutionOptions execution;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadedStack loaded = stack.loadValid(spec.commandLine().getErr());
        Stack desired = loaded.canonical();
        if (!desired.services().containsKey(service)) {
            throw new UserError("stack " + desired.stack() + " has no service \"" + service + "\"; its services: "
                    + String.join(", ", desired.services().keySet()));
        }
        return execution.flow(spec.commandLine(), output).run("rollback", desired,
                StackOptions.environmentFiles(loaded), observed -> {
            try {
                RollbackPlanner.Rollback rollback = RollbackPlanner.toEarlier(desired, observed, service, to);
                return new ApplyUseCase.Planned(rollback.stack(), rollback.plan());
            } catch (IllegalArgumentException nothingToRollBackTo) {
                throw new UserError(nothingToRollBackTo.getMessage());
            }
        });
    }
}
