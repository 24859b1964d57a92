package dev.berth.planner.loadbalancer;

import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTarget;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.LoadBalancerDetail.Backend;
import dev.berth.planner.plan.LoadBalancerDetail.Target;
import dev.berth.planner.plan.LoadBalancerDetail.TargetChange;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code loadBalancer.*}: each declared load balancer runs as one HAProxy container on each of its
 * hosts, which reports the hash of the configuration it runs. A container that is missing, stopped
 * or made from another image is (re)created; one that runs another configuration takes the new one
 * in place (a reload keeps every connection); one on a host the stack no longer names, or of a
 * load balancer it no longer declares, is removed. The targets of the containers that stay
 * are kept to the tasks that run: a target whose task is gone is deregistered, a running task the
 * load balancer lacks is registered. New tasks of a deployment register at runtime, since their
 * host ports are known only once they run.
 */
public final class LoadBalancerPlanner {
    private LoadBalancerPlanner() {
    }

    public static List<PlannedChange> plan(Stack stack, ObservedState observed) {
        Set<String> reachable = new HashSet<>();
        observed.hosts().stream().filter(ObservedHost::reachable).forEach(h -> reachable.add(h.cluster() + "/" + h.name()));
        Map<String, List<ObservedLoadBalancer>> running = new TreeMap<>();
        observed.loadBalancers().forEach(lb -> running.computeIfAbsent(lb.name(), n -> new ArrayList<>()).add(lb));
        List<PlannedChange> changes = new ArrayList<>();
        Map<String, ServiceConnectProxies.Proxy> proxies = ServiceConnectProxies.of(stack);
        Set<String> all = new TreeSet<>(stack.loadBalancers().keySet());
        all.addAll(proxies.keySet());
        new TreeMap<>(stack.loadBalancers()).forEach((name, declared) -> changes.add(declared(stack, name, declared,
                backends(stack, name), null, running.getOrDefault(name, List.of()), observed, reachable)));
        proxies.forEach((name, proxy) -> changes.add(declared(stack, name, proxy.spec(), List.of(proxy.backend()),
                new LoadBalancerDetail.Discovery(proxy.namespace(), proxy.aliases()),
                running.getOrDefault(name, List.of()), observed, reachable)));
        running.forEach((name, containers) -> {
            if (!all.contains(name)) {
                List<HostRef> hosts = containers.stream().map(c -> new HostRef(c.cluster(), c.host())).sorted()
                        .distinct().toList();
                changes.add(new PlannedChange(new Address(Address.Kind.loadBalancer, name), Action.delete, List.of(),
                        List.of(Reason.of(ReasonCode.LOAD_BALANCER_UNDECLARED, "hosts", names(hosts))),
                        new LoadBalancerDetail(containers.getFirst().cluster(), null, null, List.of(), List.of(),
                                List.of(), List.of(), List.of(), hosts, List.of(), List.of(), null)));
            }
        });
        return changes;
    }

    /** What each service registers with: one registration per load balancer or proxy its tasks join. */
    public static List<LoadBalancerRegistration> registrations(Stack stack, String name, Service service) {
        List<LoadBalancerRegistration> registrations = new ArrayList<>();
        for (ServiceLoadBalancer target : service.loadBalancers()) {
            LoadBalancer balancer = stack.loadBalancers().get(target.loadBalancerName());
            if (balancer != null) {
                registrations.add(registration(stack, balancer, target));
            }
        }
        ServiceConnectProxies.of(stack, name, service)
                .forEach(proxy -> registrations.add(registration(stack, proxy.spec(), proxy.registration())));
        return registrations;
    }

    private static LoadBalancerRegistration registration(Stack stack, LoadBalancer balancer, ServiceLoadBalancer target) {
        LoadBalancer.TargetHealthCheck check = balancer.healthCheck();
        // Checks start at once and repeat every interval until healthyThreshold passed in a row.
        int healthTimeout = check.interval() * (check.healthyThreshold() + 1) + check.timeout();
        return new LoadBalancerRegistration(target.loadBalancerName(), hosts(stack, balancer), target.containerName(),
                target.containerPort(), healthTimeout, balancer.deregistrationDelay());
    }

    /** The hosts that run a load balancer: those it names, else the first host of its cluster. */
    public static List<HostRef> hosts(Stack stack, LoadBalancer balancer) {
        if (!balancer.hosts().isEmpty()) {
            return balancer.hosts().stream().map(h -> new HostRef(balancer.cluster(), h)).toList();
        }
        Cluster cluster = stack.clusters().get(balancer.cluster());
        String first = cluster == null || cluster.hosts().isEmpty() ? "local" : cluster.hosts().getFirst().name();
        return List.of(new HostRef(balancer.cluster(), first));
    }

    /** The services behind a declared load balancer, by name (a proxy's is the service it belongs to). */
    public static List<Backend> backends(Stack stack, String name) {
        List<Backend> backends = new ArrayList<>();
        new TreeMap<>(stack.services()).forEach((service, declared) -> declared.loadBalancers().stream()
                .filter(t -> name.equals(t.loadBalancerName())).findFirst()
                .ifPresent(t -> backends.add(new Backend(service, t.containerName(), t.containerPort()))));
        return backends;
    }

    /** @param discovery a proxy's place in its namespace; null for a declared load balancer */
    private static PlannedChange declared(Stack stack, String name, LoadBalancer declared, List<Backend> backends,
                                          LoadBalancerDetail.Discovery discovery,
                                          List<ObservedLoadBalancer> containers, ObservedState observed,
                                          Set<String> reachable) {
        Address address = new Address(Address.Kind.loadBalancer, name);
        String specHash = LoadBalancerSpecHash.of(declared, backends, discovery);
        List<Target> targets = targets(stack, backends, observed, reachable);
        List<HostRef> hosts = hosts(stack, declared);
        Map<HostRef, ObservedLoadBalancer> byHost = new LinkedHashMap<>();
        containers.forEach(c -> byHost.put(new HostRef(c.cluster(), c.host()), c));

        List<HostRef> missing = new ArrayList<>();
        List<HostRef> changed = new ArrayList<>();
        List<HostRef> stopped = new ArrayList<>();
        List<HostRef> rebuilt = new ArrayList<>();
        List<TargetChange> register = new ArrayList<>();
        List<TargetChange> deregister = new ArrayList<>();
        for (HostRef host : hosts) {
            if (!reachable.contains(host.toString())) {
                continue;
            }
            ObservedLoadBalancer container = byHost.get(host);
            if (container == null) {
                missing.add(host);
            } else if (!LoadBalancerImage.NAME.equals(container.image())) {
                rebuilt.add(host);
            } else if (!container.running()) {
                stopped.add(host);
            } else if (!specHash.equals(container.specHash())) {
                changed.add(host);
            } else {
                membership(host, container, targets, register, deregister);
            }
        }
        List<HostRef> moved = byHost.keySet().stream().filter(h -> !hosts.contains(h)).sorted().toList();
        List<Reason> reasons = new ArrayList<>();
        boolean none = byHost.isEmpty();
        if (none && !missing.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.LOAD_BALANCER_NEW, "hosts", names(missing),
                    "listeners", declared.listeners().stream().map(l -> l.port() + "/" + l.protocol()).toList()));
        } else if (!missing.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.LOAD_BALANCER_MISSING, "hosts", names(missing)));
        }
        if (!changed.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.LOAD_BALANCER_CHANGED, "hosts", names(changed)));
        }
        if (!rebuilt.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.LOAD_BALANCER_EDITED, "hosts", names(rebuilt)));
        }
        if (!stopped.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.LOAD_BALANCER_STOPPED, "hosts", names(stopped)));
        }
        if (!moved.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.LOAD_BALANCER_MOVED, "hosts", names(moved)));
        }
        if (!register.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.TARGETS_REGISTERED, "targets", register.size(),
                    "tasks", register.stream().map(c -> c.target().describe()).distinct().toList()));
        }
        if (!deregister.isEmpty()) {
            reasons.add(Reason.of(ReasonCode.TARGETS_DEREGISTERED, "targets", deregister.size(),
                    "tasks", deregister.stream().map(c -> c.target().describe()).distinct().toList()));
        }
        if (reasons.isEmpty()) {
            return PlannedChange.noop(address);
        }
        List<HostRef> recreate = new ArrayList<>(rebuilt);
        recreate.addAll(stopped);
        List<HostRef> reload = changed;
        if (discovery != null) {
            // A proxy's names are its network alias, which a container gets only as it joins the network.
            recreate.addAll(changed);
            reload = List.of();
        }
        Action action = none ? Action.create : recreate.isEmpty() ? Action.update : Action.replace;
        return new PlannedChange(address, action, List.of(), reasons, new LoadBalancerDetail(declared.cluster(),
                declared, specHash, backends, targets, missing, recreate, reload, moved, register, deregister,
                discovery));
    }

    /** Targets registered that no running task stands behind go; running tasks not registered come. */
    private static void membership(HostRef at, ObservedLoadBalancer container, List<Target> expected,
                                   List<TargetChange> register, List<TargetChange> deregister) {
        Map<String, ObservedTarget> have = new LinkedHashMap<>();
        container.targets().forEach(t -> have.put(t.service() + "/" + t.taskId(), t));
        Set<String> wanted = new TreeSet<>();
        for (Target target : expected) {
            String key = target.service() + "/" + target.taskId();
            wanted.add(key);
            ObservedTarget present = have.get(key);
            if (present == null || present.port() != target.port()) {
                register.add(new TargetChange(at, target));
            }
        }
        have.forEach((key, present) -> {
            if (!wanted.contains(key)) {
                deregister.add(new TargetChange(at, new Target(present.service(), present.taskId(),
                        new HostRef(container.cluster(), container.host()), present.port())));
            }
        });
    }

    /**
     * Every task of the services behind the load balancer whose containers run, on a host that
     * answered, at the host port its registered container port is published on.
     */
    private static List<Target> targets(Stack stack, List<Backend> backends, ObservedState observed,
                                        Set<String> reachable) {
        List<Target> targets = new ArrayList<>();
        for (Backend backend : backends) {
            Service service = stack.services().get(backend.service());
            TaskDefinition definition = stack.taskDefinitions().get(service.taskDefinitionFamily());
            boolean hostNetwork = definition != null && definition.networkMode() == NetworkMode.host;
            observed.tasks().stream()
                    .filter(t -> backend.service().equals(t.service()) && t.running()
                            && reachable.contains(t.cluster() + "/" + t.host()))
                    .sorted(Comparator.comparing(ObservedTask::taskId))
                    .forEach(task -> port(task, backend, hostNetwork).ifPresent(port -> targets.add(
                            new Target(backend.service(), task.taskId(), new HostRef(task.cluster(), task.host()), port))));
        }
        return targets;
    }

    private static Optional<Integer> port(ObservedTask task, Backend backend, boolean hostNetwork) {
        if (hostNetwork) {
            return Optional.of(backend.containerPort());
        }
        return task.containers().stream().filter(c -> backend.containerName().equals(c.containerName()))
                .flatMap(c -> c.ports().stream())
                .filter(p -> p.containerPort() == backend.containerPort() && "tcp".equals(p.protocol()))
                .map(ObservedContainer.PublishedPort::hostPort).findFirst();
    }

    private static List<String> names(List<HostRef> hosts) {
        return hosts.stream().map(HostRef::host).distinct().toList();
    }
}
