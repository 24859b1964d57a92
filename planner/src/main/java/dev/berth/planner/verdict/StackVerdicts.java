package dev.berth.planner.verdict;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict of every task of one observation, judged against what its service should run, for
 * the readers that see the whole stack at once (drift, status); the planner judges service by
 * service with the same {@link TaskVerdict#of}.
 */
public final class StackVerdicts {
    private final Stack stack;
    private final KnownDefinitions definitions;
    private final Set<String> reachable;
    private final Map<String, Optional<KnownDefinitions.Desired>> desired = new HashMap<>();

    public StackVerdicts(Stack canonical, ObservedState observed) {
        this.stack = canonical;
        this.definitions = new KnownDefinitions(canonical, observed);
        this.reachable = observed.hosts().stream().filter(ObservedHost::reachable)
                .map(h -> h.cluster() + "/" + h.name()).collect(Collectors.toSet());
    }

    public TaskVerdict of(ObservedTask task) {
        Service service = task.service() == null ? null : stack.services().get(task.service());
        Optional<KnownDefinitions.Desired> wanted = desired(task.service(), service);
        boolean current = wanted.isPresent() && wanted.get().specHash().equals(task.specHash());
        return TaskVerdict.of(task, reachable.contains(task.cluster() + "/" + task.host()), stack.stack(),
                service == null ? task.family() : service.taskDefinitionFamily(),
                current ? wanted.get().definition() : null);
    }

    /** What the declared service should run; empty for a service the stack does not declare. */
    public Optional<KnownDefinitions.Desired> desired(String name, Service service) {
        return service == null ? Optional.empty() : desired.computeIfAbsent(name, n -> definitions.desired(service));
    }
}
