package dev.berth.schema.canonical;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Resources;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Variable;

import java.util.Map;

import static java.util.Objects.requireNonNullElse;

/**
 * Brings a stack to its canonical form: every map ordered by key, every set-like list sorted,
 * every default filled from {@link Defaults}, every equivalent spelling reduced to one. Two stacks
 * that mean the same thing have equal canonical forms, so the planner's diff shows only real changes.
 * Canonicalization is idempotent and tolerates stacks that validation would reject.
 */
public final class Canonicalizer {

    private static final Resources UNSET_RESOURCES = new Resources(null, null);

    private Canonicalizer() {
    }

    public static Stack canonicalize(Stack stack) {
        Map<String, TaskDefinition> taskDefinitions =
                Sorted.map(stack.taskDefinitions(), TaskDefinitionCanonicalizer::canonicalize);
        return new Stack(
                stack.version(),
                stack.stack(),
                Sorted.map(stack.variables(), Canonicalizer::canonicalize),
                Sorted.map(stack.clusters(), Canonicalizer::canonicalize),
                Sorted.map(stack.namespaces()),
                taskDefinitions,
                Sorted.map(stack.services(), new ServiceCanonicalizer(taskDefinitions)::canonicalize),
                Sorted.map(stack.loadBalancers(),
                        (String name, LoadBalancer lb) -> LoadBalancerCanonicalizer.canonicalize(name, lb,
                                stack.services())));
    }

    /**
     * Hosts keep their declared order: the first host has a role of its own. A cluster without
     * hosts stays empty; the runtime falls back to DOCKER_HOST, which the canonical form must not depend on.
     */
    private static Cluster canonicalize(Cluster cluster) {
        return new Cluster(cluster.hosts().stream().map(Canonicalizer::canonicalize).toList());
    }

    private static Host canonicalize(Host host) {
        Resources reserved = requireNonNullElse(host.reserved(), UNSET_RESOURCES);
        return new Host(host.name(), host.endpoint(), Sorted.map(host.attributes()),
                new Resources(requireNonNullElse(reserved.cpu(), Defaults.RESERVED_CPU),
                        requireNonNullElse(reserved.memory(), Defaults.RESERVED_MEMORY)), host.address(), host.context());
    }

    private static Variable canonicalize(Variable variable) {
        return new Variable(variable.defaultValue(),
                requireNonNullElse(variable.required(), Defaults.VARIABLE_REQUIRED), variable.description());
    }
}
