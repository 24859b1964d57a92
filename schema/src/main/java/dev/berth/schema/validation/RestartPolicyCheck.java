package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerRestartPolicy;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * An ECS container restart policy runs as Docker's restart policy, which knows less: it can leave
 * a container stopped after exit code 0 (on-failure) but after no other code, and it restarts at
 * once, with its own back-off, however briefly the container ran. What a stack asks for beyond
 * that is accepted, so a task definition pasted from ECS loads, with a warning at each such value.
 */
final class RestartPolicyCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            for (int c = 0; c < task.containerDefinitions().size(); c++) {
                ContainerDefinition container = task.containerDefinitions().get(c);
                ContainerRestartPolicy policy = container.restartPolicy();
                if (policy == null || !Boolean.TRUE.equals(policy.enabled())) {
                    continue;
                }
                String at = child(StackPointers.container(family, c), "restartPolicy");
                for (int i = 0; i < policy.ignoredExitCodes().size(); i++) {
                    int code = policy.ignoredExitCodes().get(i);
                    if (code != 0) {
                        out.warning(positions.value(child(at, "ignoredExitCodes", i)), "ignoredExitCodes " + code
                                + ": Docker restarts the container after any exit code but 0, so after " + code
                                + " it is restarted all the same; only 0 can be ignored on a Docker host");
                    }
                }
                if (policy.restartAttemptPeriod() != null) {
                    out.warning(positions.value(child(at, "restartAttemptPeriod")), "restartAttemptPeriod "
                            + policy.restartAttemptPeriod() + ": Docker restarts an exited container at once and then "
                            + "backs off (from 100 ms, doubling, at most 1 min) however briefly it ran, so a container "
                            + "that keeps exiting is restarted in place rather than left stopped for its task to be replaced");
                }
            }
        });
    }
}
