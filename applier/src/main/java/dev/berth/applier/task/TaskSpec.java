package dev.berth.applier.task;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.schema.model.TaskDefinition;
import java.util.List;

/**
 * One task to start: which revision of which family, for which service, on which host, under which
 * id. Everything a container needs beyond this (secret values, networks) is resolved by the runtime.
 *
 * @param definition the canonical task definition of {@code family:revision}
 * @param namespace  the service's namespace, or null
 * @param aliases    the names it answers to in the namespace
 * @param healthCheckGracePeriodSeconds how long a task without health checks must keep running
 */
public record TaskSpec(String stack, ClusterHost host, String service, String family, int revision, String specHash,
                       String taskId, TaskDefinition definition, String namespace, List<String> aliases,
                       int healthCheckGracePeriodSeconds) {
    public TaskSpec {
        aliases = List.copyOf(aliases);
    }
}
