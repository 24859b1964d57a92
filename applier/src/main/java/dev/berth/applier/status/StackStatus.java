package dev.berth.applier.status;

import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.status.ServiceStatus.RevisionCount;
import dev.berth.applier.status.StatusReport.HostStatus;
import dev.berth.planner.loadbalancer.ServiceConnectProxies;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.scaling.ScaledDesiredCount;
import dev.berth.planner.observed.ObservedTarget;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.verdict.StackVerdicts;
import dev.berth.planner.verdict.TaskVerdict;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What runs for each service, from an observation and the canonical stack: the picture
 * {@code berth status} prints. Services the stack no longer declares but whose tasks still run are
 * shown too, with a desired count of 0.
 */
public final class StackStatus {
    private StackStatus() {
    }

    public static StatusReport of(Stack stack, ObservedState observed) {
        Map<String, String> addresses = observed.hosts().stream().collect(Collectors.toMap(
                h -> h.cluster() + "/" + h.name(), h -> address(h.endpoint()), (a, b) -> a));
        Map<String, List<ObservedTask>> tasksByService = observed.tasks().stream().collect(Collectors.groupingBy(
                t -> Objects.requireNonNullElse(t.service(), "(unknown)"), TreeMap::new, Collectors.toList()));
        StackVerdicts verdicts = new StackVerdicts(stack, observed);
        TreeSet<String> names = new TreeSet<>(stack.services().keySet());
        names.addAll(tasksByService.keySet());
        List<ServiceStatus> services = new ArrayList<>();
        for (String name : names) {
            Service declared = stack.services().get(name);
            List<TaskStatus> tasks = tasksByService.getOrDefault(name, List.of()).stream()
                    .map(task -> task(task, verdicts.of(task), addresses.get(task.cluster() + "/" + task.host())))
                    .toList();
            String cluster = declared != null ? declared.cluster()
                    : tasks.stream().map(TaskStatus::cluster).findFirst().orElse(null);
            // As the plan keeps it: the count auto scaling set, where it set one.
            int desired = declared == null || declared.desiredCount() == null ? 0
                    : ScaledDesiredCount.of(name, declared, observed.scaled());
            services.add(new ServiceStatus(name, cluster, desired,
                    (int) tasks.stream().filter(TaskStatus::running).count(),
                    (int) tasks.stream().filter(TaskStatus::healthy).count(),
                    revisions(tasksByService.getOrDefault(name, List.of())), tasks,
                    observed.throttled().stream().filter(t -> t.service().equals(name)).findFirst().orElse(null)));
        }
        List<HostStatus> hosts = observed.hosts().stream()
                .map(h -> new HostStatus(h.cluster(), h.name(), h.endpoint(), h.reachable(), h.error()))
                .toList();
        Map<String, LoadBalancer> balancers = ServiceConnectProxies.withDeclared(stack);
        List<LoadBalancerStatus> loadBalancers = observed.loadBalancers().stream()
                .sorted(Comparator.comparing(ObservedLoadBalancer::name).thenComparing(ObservedLoadBalancer::host))
                .map(lb -> new LoadBalancerStatus(lb.name(), lb.cluster(), lb.host(), lb.running(),
                        listeners(balancers.get(lb.name())),
                        lb.targets().stream().sorted(Comparator.comparing(ObservedTarget::service)
                                        .thenComparing(ObservedTarget::taskId))
                                .map(t -> new LoadBalancerStatus.Target(t.service(), t.taskId(), t.address() + ":" + t.port(),
                                        t.status(), t.check(), t.sessions(), t.requests())).toList()))
                .toList();
        return new StatusReport(stack.stack(), hosts, services, loadBalancers, observed.warnings());
    }

    /** @param declared null for a load balancer the stack no longer has */
    private static List<String> listeners(LoadBalancer declared) {
        return declared == null ? List.of()
                : declared.listeners().stream().map(l -> l.port() + "/" + l.protocol()).toList();
    }

    private static TaskStatus task(ObservedTask task, TaskVerdict verdict, String address) {
        List<ContainerStatus> containers = task.containers().stream()
                .map(c -> new ContainerStatus(Objects.requireNonNullElse(c.containerName(), c.dockerName()),
                        c.state(), c.health(), ports(c, address)))
                .toList();
        boolean healthy = task.running() && task.containers().stream()
                .allMatch(c -> c.health() == null || "healthy".equals(c.health()));
        return new TaskStatus(task.taskId(), task.cluster(), task.host(), revisionLabel(task), verdict, task.running(),
                healthy, containers);
    }

    private static List<String> ports(ObservedContainer container, String address) {
        return container.ports().stream()
                .map(p -> address + ":" + p.hostPort() + "->" + p.containerPort() + "/" + p.protocol())
                .toList();
    }

    /** Counts per revision, ordered by family then revision number. */
    private static List<RevisionCount> revisions(List<ObservedTask> tasks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tasks.stream()
                .sorted(Comparator.comparing((ObservedTask t) -> Objects.requireNonNullElse(t.family(), ""))
                        .thenComparingInt(ObservedTask::revision))
                .forEach(task -> counts.merge(revisionLabel(task), 1, Integer::sum));
        return counts.entrySet().stream().map(count -> new RevisionCount(count.getKey(), count.getValue())).toList();
    }

    /** {@code family:revision}; "?" for the number when the task's labels do not say it. */
    private static String revisionLabel(ObservedTask task) {
        return Objects.requireNonNullElse(task.family(), "?") + ":" + (task.revision() > 0 ? task.revision() : "?");
    }

    /** Where a user reaches a published port: the engine's address, or loopback for a local socket. */
    private static String address(String endpoint) {
        return Objects.requireNonNullElse(DockerEndpoint.remoteHost(URI.create(endpoint)), "127.0.0.1");
    }
}
