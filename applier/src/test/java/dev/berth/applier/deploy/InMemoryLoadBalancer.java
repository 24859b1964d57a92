package dev.berth.applier.deploy;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.task.TaskResult;
import dev.berth.applier.task.TaskSpec;
import dev.berth.planner.plan.LoadBalancerRegistration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The targets of one load balancer as a set, beside {@link InMemoryTaskRuntime}: which tasks get
 * requests at every moment, and every order the deployment engine must keep that it broke (a task
 * registered before its own health check passed, drained after it stopped, stopped while still
 * getting requests).
 */
final class InMemoryLoadBalancer implements TargetRegistry {
    private final InMemoryTaskRuntime runtime;
    private final Predicate<String> passesChecks;
    private final Set<String> inService = new LinkedHashSet<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Integer> inServiceTimeline = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    /** @param passesChecks which tasks the load balancer's own checks find healthy */
    InMemoryLoadBalancer(InMemoryTaskRuntime runtime, Predicate<String> passesChecks) {
        this.runtime = runtime;
        this.passesChecks = passesChecks;
        runtime.beforeStop(this::stopping);
    }

    /** Tasks that ran before the deployment, in service. */
    synchronized InMemoryLoadBalancer serving(List<String> taskIds) {
        inService.addAll(taskIds);
        return this;
    }

    @Override
    public synchronized TaskResult register(TaskSpec task, List<LoadBalancerRegistration> registrations,
                                            Function<String, ClusterHost> hosts) {
        events.add("register " + task.taskId());
        if (!runtime.healthy(task.taskId())) {
            violations.add(task.taskId() + " registered before its container health check passed");
        }
        if (!passesChecks.test(task.taskId())) {
            return TaskResult.failed(task.taskId(), "not healthy on load balancer public (h1): DOWN L7STS 503");
        }
        inService.add(task.taskId());
        inServiceTimeline.add(inService.size());
        return TaskResult.ok(task.taskId());
    }

    @Override
    public synchronized void drain(ClusterHost taskHost, String service, String taskId,
                                   List<LoadBalancerRegistration> registrations, Function<String, ClusterHost> hosts) {
        events.add("drain " + taskId);
        if (!runtime.taskIds().contains(taskId)) {
            violations.add(taskId + " drained after it stopped");
        }
        inService.remove(taskId);
        inServiceTimeline.add(inService.size());
    }

    @Override
    public synchronized void forget(ClusterHost taskHost, String service, String taskId,
                                    List<LoadBalancerRegistration> registrations, Function<String, ClusterHost> hosts) {
        events.add("forget " + taskId);
        inService.remove(taskId);
    }

    private synchronized void stopping(String taskId) {
        events.add("stop " + taskId);
        if (inService.contains(taskId)) {
            violations.add(taskId + " stopped while the load balancer still sent it requests");
        }
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized Set<String> inService() {
        return Set.copyOf(inService);
    }

    /** The fewest tasks getting requests at any moment of the deployment. */
    synchronized int minInService() {
        return inServiceTimeline.stream().mapToInt(Integer::intValue).min().orElse(inService.size());
    }
}
