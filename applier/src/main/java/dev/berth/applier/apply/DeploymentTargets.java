package dev.berth.applier.apply;

import dev.berth.applier.deploy.CircuitBreaker;
import dev.berth.applier.deploy.DeploymentTarget;
import dev.berth.applier.deploy.NewTasks;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.revision.ResolvedRevisions;
import dev.berth.planner.revision.RevisionHistory;
import dev.berth.planner.revision.RevisionResolver;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The deployment targets of one planned stack: for each service, its cluster's hosts, the
 * revision its new tasks run (resolved exactly as the planner resolved it) and its breaker.
 */
final class DeploymentTargets {
    private final Stack stack;
    private final ObservedState observed;
    private final ClusterHosts clusterHosts;
    private final ResolvedRevisions revisions;

    DeploymentTargets(Stack stack, ObservedState observed, ClusterHosts clusterHosts) {
        this.stack = stack;
        this.observed = observed;
        this.clusterHosts = clusterHosts;
        this.revisions = new RevisionResolver(new RevisionHistory(observed.revisions())).resolve(stack);
    }

    ResolvedRevisions revisions() {
        return revisions;
    }

    /** A declared service, deployed to the revision the plan resolved for it. */
    DeploymentTarget declared(String name, boolean rollbackAllowed) {
        Service service = stack.services().get(name);
        CircuitBreaker breaker = CircuitBreaker.of(service);
        NewTasks newTasks = revisions.forService(name)
                .map(revision -> new NewTasks(stack.stack(), name, service, revision, takenTaskIds()))
                .orElseThrow(() -> new IllegalStateException("service " + name + " has no resolved revision"));
        return new DeploymentTarget(stack.stack(), hostsOf(service.cluster()), newTasks,
                new CircuitBreaker(breaker.threshold(), breaker.rollback() && rollbackAllowed));
    }

    /** A service the stack no longer declares: its tasks stop on the hosts of the clusters they ran in. */
    DeploymentTarget removed(String name) {
        Map<String, ClusterHost> hosts = observed.tasks().stream()
                .filter(t -> name.equals(t.service()))
                .map(ObservedTask::cluster)
                .distinct()
                .flatMap(cluster -> hostsOf(cluster).values().stream())
                .collect(Collectors.toMap(ClusterHost::name, Function.identity(), (a, b) -> a));
        return new DeploymentTarget(stack.stack(), hosts, null, new CircuitBreaker(CircuitBreaker.threshold(0), false));
    }

    /** The hosts of a declared cluster by name; empty for a cluster the stack no longer declares. */
    Map<String, ClusterHost> hostsOf(String cluster) {
        return stack.clusters().containsKey(cluster)
                ? clusterHosts.of(cluster, stack.clusters().get(cluster)).stream()
                        .collect(Collectors.toMap(ClusterHost::name, Function.identity()))
                : Map.of();
    }

    List<ClusterHost> hostsOfEveryCluster() {
        return clusterHosts.of(stack);
    }

    private Set<String> takenTaskIds() {
        return observed.tasks().stream().map(ObservedTask::taskId).collect(Collectors.toSet());
    }
}
