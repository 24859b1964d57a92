package dev.berth.cli;

import dev.berth.planner.Planner;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Stack desired = stack.loadValid(spec.commandLine().getErr()).canonical();
        Service declared = desired.services().get(service);
        if (declared == null) {
            throw new UserError("stack " + desired.stack() + " has no service \"" + service + "\"; its services: "
                    + String.join(", ", desired.services().keySet()));
        }
        return execution.flow(spec.commandLine(), output).run("rollback", desired, null,
                observed -> pinned(desired, declared, observed));
    }

    private ApplyFlow.Planned pinned(Stack desired, Service declared, ObservedState observed) {
        String family = declared.taskDefinitionFamily();
        List<Integer> recorded = observed.revisions().stream().filter(r -> r.family().equals(family))
                .map(RevisionRecord::revision).sorted().toList();
        int target = to != null ? to : previous(family, observed, recorded);
        if (!recorded.contains(target)) {
            throw new UserError(family + ":" + target + " is not a recorded revision; recorded: "
                    + (recorded.isEmpty() ? "none" : recorded.stream().map(r -> family + ":" + r).toList()));
        }
        Map<String, Service> services = new LinkedHashMap<>(desired.services());
        services.put(service, new Service(declared.cluster(), family + ":" + target, declared.desiredCount(),
                declared.launchType(), declared.namespace(), declared.deploymentConfiguration(),
                declared.healthCheckGracePeriodSeconds(), declared.placementStrategy(),
                declared.placementConstraints(), declared.loadBalancers(), declared.autoScaling()));
        Stack rolledBack = new Stack(desired.version(), desired.stack(), desired.variables(), desired.clusters(),
                desired.namespaces(), desired.taskDefinitions(), services, desired.loadBalancers());
        Plan whole = Planner.plan(rolledBack, observed);
        // Only this service moves: other pending changes of the stack are apply's business.
        Address address = new Address(Address.Kind.service, service);
        Plan plan = new Plan(whole.stack(), whole.changes().stream().filter(c -> c.address().equals(address)).toList(),
                whole.problems(), whole.warnings());
        return new ApplyFlow.Planned(rolledBack, plan);
    }

    /** The highest recorded revision below the one the service's tasks run now. */
    private int previous(String family, ObservedState observed, List<Integer> recorded) {
        int running = observed.tasks().stream().filter(t -> service.equals(t.service()) && t.running())
                .map(ObservedTask::revision).max(Comparator.naturalOrder())
                .orElseThrow(() -> new UserError("service " + service + " runs no task; use --to N to choose "
                        + "the revision"));
        return recorded.stream().filter(r -> r < running).max(Comparator.naturalOrder())
                .orElseThrow(() -> new UserError("service " + service + " runs " + family + ":" + running
                        + ", the first recorded revision; there is nothing earlier to roll back to"));
    }
}
