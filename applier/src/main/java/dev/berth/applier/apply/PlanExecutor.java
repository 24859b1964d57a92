package dev.berth.applier.apply;

import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.deploy.ServiceDeployment;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.network.StackNetworks;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.task.ImagePreflight;
import dev.berth.applier.task.TaskRuntime;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.revision.DesiredRevision;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Stack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Executes a plan against the stack's hosts, in the order that keeps running services safe:
 * images are checked on every host that starts tasks before anything stops; networks are created
 * and new revisions recorded before tasks start; services deploy concurrently; removed services
 * stop after the others succeeded; networks of removed clusters and namespaces go last.
 * Load balancer changes are reported as skipped: another part of berth executes them.
 */
public final class PlanExecutor {

    /**
     * Records a task definition revision on the hosts before its tasks start. A seam until
     * {@code registry.RevisionRegistry} (h/ops) is merged: the CLI passes {@code registry::register}.
     */
    @FunctionalInterface
    public interface RevisionRecorder {
        void register(Stack stack, DesiredRevision revision);
    }

    private final TaskRuntime runtime;
    private final StackObserver observer;
    private final ClusterHosts clusterHosts;
    private final RevisionRecorder revisions;
    private final StackNetworks networks;
    private final ImagePreflight images;
    private final ApplyListener listener;

    public PlanExecutor(TaskRuntime runtime, StackObserver observer, ClusterHosts clusterHosts,
                        RevisionRecorder revisions, StackNetworks networks, ImagePreflight images,
                        ApplyListener listener) {
        this.runtime = runtime;
        this.observer = observer;
        this.clusterHosts = clusterHosts;
        this.revisions = revisions;
        this.networks = networks;
        this.images = images;
        this.listener = listener;
    }

    /**
     * @param stack    the canonical stack the plan was made from
     * @param observed what the plan was made against (the state to roll back to)
     * @throws IllegalArgumentException when the plan has problems: such a plan must not be applied
     */
    public ApplyResult execute(Stack stack, ObservedState observed, Plan plan, ApplyOptions options) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException("the plan has problems: " + String.join("; ", plan.problems()));
        }
        return new Execution(stack, observed, plan, options).run();
    }

    private final class Execution {
        private final Stack stack;
        private final ObservedState observed;
        private final Plan plan;
        private final ApplyOptions options;
        private final DeploymentTargets targets;
        private final ServiceDeployment deployment = new ServiceDeployment(runtime, listener);
        private final ServiceRollback rollback;
        private final Map<Address, Outcome> outcomes = new LinkedHashMap<>();

        Execution(Stack stack, ObservedState observed, Plan plan, ApplyOptions options) {
            this.stack = stack;
            this.observed = observed;
            this.plan = plan;
            this.options = options;
            this.targets = new DeploymentTargets(stack, observed, clusterHosts);
            this.rollback = new ServiceRollback(stack, observed, observer, clusterHosts, deployment);
        }

        ApplyResult run() {
            List<PlannedChange> services = changes(Address.Kind.service, a -> a != Action.delete);
            List<PlannedChange> removedServices = changes(Address.Kind.service, a -> a == Action.delete);
            if (preflight(services) && prepare()) {
                record(inParallel(services, this::deploy));
                if (options.atomic() && outcomes.values().stream().anyMatch(o -> !o.ok())) {
                    record(inParallel(services, this::rollBackForAtomic));
                    removedServices.forEach(c -> record(List.of(skip(c, "not removed: --atomic rolled back the apply"))));
                } else {
                    record(inParallel(removedServices, c -> deployment.deploy(c, targets.removed(c.address().name()))));
                    removeNetworks();
                }
            }
            changes(Address.Kind.loadBalancer, a -> true).forEach(c -> record(List.of(
                    skip(c, "load balancer changes are not executed by this version of apply"))));
            return new ApplyResult(List.copyOf(outcomes.values()));
        }

        private List<PlannedChange> changes(Address.Kind kind, Predicate<Action> action) {
            return plan.changes().stream()
                    .filter(c -> c.address().kind() == kind && c.action() != Action.noop && action.test(c.action()))
                    .toList();
        }

        /** Every image of every revision to start, on every host that starts it; false after a failure. */
        private boolean preflight(List<PlannedChange> services) {
            Map<String, Map<ClusterHost, Set<String>>> byService = new LinkedHashMap<>();
            for (PlannedChange change : services) {
                String name = change.address().name();
                var target = targets.declared(name, false);
                Set<String> wanted = target.newTasks().revision().definition().containerDefinitions().stream()
                        .map(ContainerDefinition::image).collect(Collectors.toCollection(TreeSet::new));
                change.placement().starts().forEach(start -> byService.computeIfAbsent(name, n -> new LinkedHashMap<>())
                        .computeIfAbsent(target.hosts().get(start.host()), h -> new TreeSet<>()).addAll(wanted));
            }
            // Services mostly share images: each image is checked once per host, not once per service.
            Map<List<Object>, Optional<String>> checked = new HashMap<>();
            byService.forEach((name, hosts) -> hosts.forEach((host, wanted) -> {
                List<String> failures = wanted.stream()
                        .map(image -> checked.computeIfAbsent(List.of(host, image), k -> ensure(host, image)))
                        .flatMap(Optional::stream).toList();
                if (!failures.isEmpty()) {
                    Address address = new Address(Address.Kind.service, name);
                    record(List.of(fail(address, "image preflight on " + host.name() + " failed: "
                            + String.join("; ", failures) + "; nothing was changed")));
                }
            }));
            return outcomes.isEmpty();
        }

        /** Why the image is not on the host and could not be pulled; empty when it is there now. */
        private Optional<String> ensure(ClusterHost host, String image) {
            try {
                images.ensure(host, Set.of(image));
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(EngineFailures.describe(e));
            }
        }

        /** Networks and task definition revisions, which tasks need before they start; false after a failure. */
        private boolean prepare() {
            for (PlannedChange change : plan.changes()) {
                if (change.action() == Action.create || change.action() == Action.update) {
                    Address address = change.address();
                    try {
                        switch (address.kind()) {
                            case cluster -> ensureNetworks(address.name());
                            case namespace -> ensureNetworks(stack.namespaces().get(address.name()).cluster());
                            default -> {
                                continue;
                            }
                        }
                        record(List.of(Outcome.succeeded(address, 0, 0)));
                    } catch (RuntimeException e) {
                        record(List.of(fail(address, EngineFailures.describe(e))));
                        return false;
                    }
                }
            }
            // Families are independent: their revisions are recorded at once (one engine call each).
            List<Outcome> recorded = inParallel(changes(Address.Kind.taskDefinition,
                    a -> a == Action.create || a == Action.update), change -> {
                try {
                    revisions.register(stack, targets.revisions().families().get(change.address().name()));
                    return Outcome.succeeded(change.address(), 0, 0);
                } catch (RuntimeException e) {
                    return fail(change.address(), EngineFailures.describe(e));
                }
            });
            record(recorded);
            return recorded.stream().allMatch(Outcome::ok);
        }

        private void ensureNetworks(String cluster) {
            List<String> namespaces = stack.namespaces().entrySet().stream()
                    .filter(e -> e.getValue().cluster().equals(cluster)).map(Map.Entry::getKey).sorted().toList();
            targets.hostsOf(cluster).values().forEach(host -> networks.ensure(host, stack.stack(), namespaces));
        }

        private Outcome deploy(PlannedChange change) {
            String name = change.address().name();
            var target = targets.declared(name, true);
            Outcome outcome = deployment.deploy(change, target);
            if (outcome.ok() || !target.breaker().rollback()) {
                return outcome;
            }
            Outcome restored = rollback.restore(outcome);
            emit(restored);
            return restored;
        }

        /** Every service this apply changed goes back, except one its circuit breaker already put back. */
        private Outcome rollBackForAtomic(PlannedChange change) {
            Outcome outcome = outcomes.get(change.address());
            if (outcome.status() == Outcome.Status.rolledBack) {
                return outcome;
            }
            String why = outcome.ok() ? "deployed, then rolled back by --atomic because another service failed"
                    : outcome.reason();
            Outcome restored = rollback.restore(new Outcome(outcome.address(), outcome.status(), why,
                    outcome.started(), outcome.stopped()));
            emit(restored);
            return restored;
        }

        private void removeNetworks() {
            Map<String, ClusterHost> hosts = targets.hostsOfEveryCluster().stream()
                    .collect(Collectors.toMap(ClusterHost::name, Function.identity(), (a, b) -> a));
            for (PlannedChange change : changes(Address.Kind.cluster, a -> a == Action.delete)) {
                removeNetworks(change, n -> n.namespace() == null, hosts);
            }
            for (PlannedChange change : changes(Address.Kind.namespace, a -> a == Action.delete)) {
                removeNetworks(change, n -> change.address().name().equals(n.namespace()), hosts);
            }
        }

        private void removeNetworks(PlannedChange change, Predicate<ObservedNetwork> owned,
                                    Map<String, ClusterHost> hosts) {
            try {
                observed.networks().stream().filter(owned).filter(n -> hosts.containsKey(n.host()))
                        .forEach(n -> networks.remove(hosts.get(n.host()), stack.stack(), n.name()));
                record(List.of(Outcome.succeeded(change.address(), 0, 0)));
            } catch (RuntimeException e) {
                record(List.of(fail(change.address(), EngineFailures.describe(e))));
            }
        }

        private Outcome skip(PlannedChange change, String reason) {
            Outcome skipped = Outcome.skipped(change.address(), reason);
            listener.on(new ApplyEvent(Instant.now(), ApplyEvent.Type.info, change.address().toString(), reason, null));
            return skipped;
        }

        private Outcome fail(Address address, String reason) {
            listener.on(new ApplyEvent(Instant.now(), ApplyEvent.Type.failed, address.toString(), reason, null));
            return Outcome.failed(address, reason, 0, 0);
        }

        private void emit(Outcome outcome) {
            ApplyEvent.Type type = outcome.status() == Outcome.Status.rolledBack ? ApplyEvent.Type.rolledBack
                    : ApplyEvent.Type.failed;
            listener.on(new ApplyEvent(Instant.now(), type, outcome.address().toString(), outcome.reason(), null));
        }

        private void record(List<Outcome> done) {
            done.forEach(o -> outcomes.put(o.address(), o));
        }
    }

    private static List<Outcome> inParallel(List<PlannedChange> changes, Function<PlannedChange, Outcome> work) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> pending = changes.stream().map(c -> threads.submit(() -> work.apply(c))).toList();
            List<Outcome> done = new ArrayList<>();
            for (Future<Outcome> outcome : pending) {
                done.add(outcome.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deploying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("deploying failed", e.getCause());
        }
    }
}
