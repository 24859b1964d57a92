package dev.berth.planner.reconcile;

import dev.berth.planner.attribute.AttributeDiff;
import dev.berth.planner.attribute.ChangeSummary;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.placement.ClusterLedger;
import dev.berth.planner.placement.PlacementPolicy;
import dev.berth.planner.placement.PlacementResult;
import dev.berth.planner.placement.TaskAsk;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.loadbalancer.LoadBalancerPlanner;
import dev.berth.planner.plan.CircuitBreaker;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.planner.revision.DesiredRevision;
import dev.berth.planner.revision.RevisionHistory;
import dev.berth.planner.rollout.RolloutPlanner;
import dev.berth.planner.rollout.RolloutStalledException;
import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What must change for one service (Nomad's reconciler): which tasks stay, which stop, how many
 * start; then hands the starts to placement and the batches to the rollout planner. Decisions are
 * codes with parameters; {@link ReasonCode}'s templates put them into words.
 * <p>
 * Tasks on unreachable hosts are lost: they are not counted as running and not stopped. By default
 * they keep their slot in desiredCount, so a host that is briefly away does not cause a second
 * copy of its tasks; with {@code replaceLost} they stop counting and replacements are placed on
 * the hosts that answered, as far as capacity allows (a replacement that fits nowhere is a warning,
 * not a problem). When the host answers again, its tasks beyond desiredCount are scaled in like
 * any others: outdated first, then keeping the placement balance.
 * <p>
 * Stopped tasks serve nothing: they are removed before the rollout and replaced. Unhealthy ones
 * still run, so the rollout replaces them like outdated ones, within maximumPercent.
 */
public final class ServiceReconciler {
    private final String stack;
    private final RevisionHistory history;
    private final Set<String> takenTaskIds;
    private final Set<String> reachableHosts;
    private final boolean replaceLost;
    private final Stack canonical;

    /**
     * @param canonical      the stack, for the load balancers a service registers with
     * @param takenTaskIds   ids of every observed task, which new tasks must not reuse
     * @param reachableHosts hosts that answered
     * @param replaceLost    whether tasks on the other hosts are replaced
     */
    public ServiceReconciler(Stack canonical, RevisionHistory history, Set<String> takenTaskIds,
                             Set<String> reachableHosts, boolean replaceLost) {
        this.replaceLost = replaceLost;
        this.canonical = canonical;
        this.stack = canonical.stack();
        this.history = history;
        this.takenTaskIds = Set.copyOf(takenTaskIds);
        this.reachableHosts = Set.copyOf(reachableHosts);
    }

    public ServiceOutcome reconcile(String name, Service service, DesiredRevision revision,
                                    List<ObservedTask> observed, ClusterLedger ledger) {
        Address address = new Address(Address.Kind.service, name);
        List<String> aliases = TaskNames.wanted(name, service);
        ServiceTasks tasks = ServiceTasks.classify(observed, stack, revision, reachableHosts)
                .withRenamed(t -> TaskNames.differ(t, aliases));
        List<Reason> problems = new ArrayList<>();
        List<Reason> warnings = new ArrayList<>();
        List<ObservedTask> lost = tasks.unknown();
        // Lost tasks keep their slot unless replaced, but never make tasks that run stop: those may
        // be the replacements an earlier --replace-lost started.
        int desired = lost.isEmpty() || replaceLost ? service.desiredCount()
                : Math.max(service.desiredCount() - lost.size(), Math.min(tasks.running(), service.desiredCount()));
        int lostReplacements = replaceLost ? Math.min(lost.size(), Math.max(0, desired - tasks.running())) : 0;
        int kept = Math.min(tasks.current().size(), desired);
        int starts = desired - kept;
        PlacementPolicy policy = PlacementPolicy.of(stack, name, service, revision.definition());
        TaskAsk ask = TaskAsk.of(name, revision.definition());
        // Unhealthy tasks still run: the rollout stops them first, after their replacements where
        // maximumPercent leaves room, as ECS does. Once the plan is applied they run nowhere, so
        // their hosts may take the replacements; their ports are free from the step that stops them.
        tasks.unhealthy().forEach(t -> ledger.leave(t.host(), name));
        List<ObservedTask> runningStops = new ArrayList<>(tasks.unhealthy());
        runningStops.addAll(ScaleInOrder.pick(tasks.running() - kept,
                Stream.concat(tasks.current().stream(), tasks.outdated().stream()).toList(),
                new HashSet<>(tasks.outdated()), policy.placer(), ask, ledger));
        Action action = action(tasks, desired, starts, runningStops);
        if (action == Action.noop) {
            if (!lost.isEmpty()) {
                warnings.add(lostWarning(name, service, lost, tasks.running(), List.of()));
            }
            return new ServiceOutcome(PlannedChange.noop(address), problems, warnings);
        }

        problems.addAll(policy.problems());
        PlacementResult placed = placeAlongRollout(policy, ask, starts,
                // The batches as planned before a lost replacement may turn out not to fit; a
                // stall is reported with the final ones.
                rollout(name, service, desired, kept, runningStops.size(), new ArrayList<>()), runningStops, ledger);
        int unplacedLost = Math.min(placed.unplaced(), lostReplacements);
        if (unplacedLost > 0) {
            // Replacing a lost task is best effort: the rest of the service still deploys.
            warnings.add(Reason.of(ReasonCode.LOST_REPLACEMENTS_UNPLACEABLE, "replacements", unplacedLost,
                    "service", name, "rejections", placed.hostRejections()));
            desired -= unplacedLost;
            lostReplacements -= unplacedLost;
            action = action(tasks, desired, starts - unplacedLost, runningStops);
        }
        if (!lost.isEmpty()) {
            warnings.add(lostWarning(name, service, lost, tasks.running(),
                    placed.hosts().subList(0, Math.min(lostReplacements, placed.hosts().size()))));
        }
        if (action == Action.noop) {
            return new ServiceOutcome(PlannedChange.noop(address), problems, warnings);
        }
        if (placed.unplaced() > unplacedLost) {
            problems.add(Reason.of(ReasonCode.TASKS_UNPLACEABLE, "tasks", placed.unplaced() - unplacedLost,
                    "service", name, "rejections", placed.hostRejections()));
        }
        ServicePlacement placement = placement(name, revision, tasks, aliases, runningStops, placed, ledger);

        Rollout rollout = rollout(name, service, desired, kept, runningStops.size(), problems);
        List<AttributeChange> attributes = new ArrayList<>();
        List<Reason> reasons = new ArrayList<>();
        explain(action, service, revision, tasks, desired, lostReplacements, aliases, attributes, reasons);
        List<LoadBalancerRegistration> registrations = LoadBalancerPlanner.registrations(canonical, name, service);
        ServiceDetail.Launch launch = new ServiceDetail.Launch(revision.family(), revision.revision(),
                revision.specHash(), revision.definition(), service.namespace(), aliases,
                Objects.requireNonNullElse(service.healthCheckGracePeriodSeconds(),
                        Defaults.HEALTH_CHECK_GRACE_PERIOD_SECONDS));
        ServiceDetail detail = new ServiceDetail(service.cluster(), launch,
                CircuitBreaker.of(service, service.desiredCount()), rollout, placement, registrations, List.of());
        return new ServiceOutcome(new PlannedChange(address, action, attributes, reasons, detail), problems, warnings);
    }

    private static Action action(ServiceTasks tasks, int desired, int starts, List<ObservedTask> runningStops) {
        if (tasks.none()) {
            return desired > 0 ? Action.create : Action.noop;
        }
        if (!tasks.outdated().isEmpty() && starts > 0) {
            return Action.replace;
        }
        boolean changes = starts > 0 || !runningStops.isEmpty() || !tasks.failed().isEmpty();
        return changes ? Action.update : Action.noop;
    }

    /**
     * Places the starts step by step when the task publishes fixed host ports: an old task's port
     * on a host is free only from the step after the one that stops it, so a start-first step goes
     * to a host with the port free now, and a stop-first step to the host just freed. Without fixed
     * ports the steps do not matter, and the ports of every stopping task count as free.
     */
    private static PlacementResult placeAlongRollout(PlacementPolicy policy, TaskAsk ask, int starts, Rollout rollout,
                                                     List<ObservedTask> runningStops, ClusterLedger ledger) {
        if (ask.hostPorts().isEmpty() || rollout == null) {
            runningStops.forEach(t -> ledger.release(t.host(), t.taskId()));
            return policy.placer().place(ask, starts, ledger);
        }
        List<String> hosts = new ArrayList<>();
        int stopped = 0;
        for (Rollout.Step step : rollout.steps()) {
            PlacementResult batch = policy.placer().place(ask, step.start(), ledger);
            hosts.addAll(batch.hosts());
            if (batch.unplaced() > 0) {
                return new PlacementResult(hosts, starts - hosts.size(), batch.hostRejections());
            }
            runningStops.subList(stopped, stopped + step.stop()).forEach(t -> ledger.release(t.host(), t.taskId()));
            stopped += step.stop();
        }
        return new PlacementResult(hosts, 0, List.of());
    }

    /** The batches, or null when no running task starts or stops (only failed ones are removed). */
    private static Rollout rollout(String name, Service service, int desired, int kept, int stops,
                                   List<Reason> problems) {
        DeploymentConfiguration deployment = service.deploymentConfiguration();
        int minimumHealthy = percent(deployment == null ? null : deployment.minimumHealthyPercent(),
                Defaults.MINIMUM_HEALTHY_PERCENT);
        int maximum = percent(deployment == null ? null : deployment.maximumPercent(), Defaults.MAXIMUM_PERCENT);
        try {
            Rollout rollout = RolloutPlanner.plan(desired, kept, stops, minimumHealthy, maximum);
            return rollout.steps().isEmpty() ? null : rollout;
        } catch (RolloutStalledException e) {
            problems.add(e.reason(name));
            return null;
        }
    }

    private static int percent(Integer declared, int fallback) {
        return declared == null ? fallback : declared;
    }

    private ServicePlacement placement(String name, DesiredRevision revision, ServiceTasks tasks, List<String> aliases,
                                       List<ObservedTask> runningStops, PlacementResult placed, ClusterLedger ledger) {
        TaskIds ids = new TaskIds(stack, name, revision.revision(), takenTaskIds);
        List<ServicePlacement.TaskStart> starts = placed.hosts().stream()
                .map(host -> new ServicePlacement.TaskStart(ids.next(), host, revision.revision()))
                .toList();
        List<ServicePlacement.TaskStop> stops = new ArrayList<>();
        Set<ObservedTask> outdated = new HashSet<>(tasks.outdated());
        Stream.concat(tasks.stopped().stream(), runningStops.stream()).forEach(t -> stops.add(
                new ServicePlacement.TaskStop(t.taskId(), t.host(), t.revision(),
                        tasks.renamed().contains(t.taskId())
                                ? Reason.of(ReasonCode.TASK_RENAMED, "from", TaskNames.describe(TaskNames.of(t)),
                                        "to", TaskNames.describe(aliases))
                                : StopReasons.of(t, tasks.verdicts().get(t.taskId()), outdated.contains(t)))));

        Map<String, Integer> before = new HashMap<>();
        Stream.of(tasks.current(), tasks.outdated(), tasks.unhealthy()).flatMap(List::stream)
                .forEach(t -> before.merge(t.host(), 1, Integer::sum));
        Map<String, Integer> after = new HashMap<>(before);
        runningStops.forEach(t -> after.merge(t.host(), -1, Integer::sum));
        placed.hosts().forEach(h -> after.merge(h, 1, Integer::sum));
        // The hosts this service touches, in declaration order (after's keys include before's).
        List<ServicePlacement.HostCount> counts = after.keySet().stream().filter(ledger::has)
                .sorted(Comparator.comparingInt(ledger::order))
                .filter(h -> before.getOrDefault(h, 0) > 0 || after.getOrDefault(h, 0) > 0)
                .map(h -> new ServicePlacement.HostCount(h, before.getOrDefault(h, 0), after.getOrDefault(h, 0)))
                .toList();
        return new ServicePlacement(starts, stops, counts);
    }

    /**
     * Reasons and attributes. A gap between running tasks and desiredCount is put down to stopped
     * and unhealthy tasks first ("1 task stopped: start 1 replacement"), and only the rest to a
     * count change.
     */
    private void explain(Action action, Service service, DesiredRevision revision, ServiceTasks tasks, int desired,
                         int lostReplacements, List<String> aliases, List<AttributeChange> attributes,
                         List<Reason> reasons) {
        if (action == Action.create) {
            attributes.add(new AttributeChange("desiredCount", null, service.desiredCount(), false));
            attributes.add(new AttributeChange("taskDefinition", null, revision.label(), false));
            reasons.add(Reason.of(ReasonCode.SERVICE_NEW, "tasks", desired, "revision", revision.label()));
            return;
        }
        if (action == Action.replace) {
            TreeSet<String> running = new TreeSet<>();
            tasks.outdated().forEach(t -> running.add(t.family() + ":" + t.revision()));
            if (!String.join(", ", running).equals(revision.label())) {
                attributes.add(new AttributeChange("taskDefinition", String.join(", ", running), revision.label(),
                        false));
            }
            reasons.add(whatChanged(revision, tasks, List.copyOf(running), aliases));
        }
        int missing = Math.max(0, desired - tasks.running() - lostReplacements);
        if (lostReplacements > 0) {
            reasons.add(Reason.of(ReasonCode.LOST_REPLACED, "tasks", lostReplacements));
        }
        int stoppedReplacements = Math.min(tasks.stopped().size(), missing);
        int unhealthyReplacements = Math.min(tasks.unhealthy().size(), missing - stoppedReplacements);
        int countStarts = missing - stoppedReplacements - unhealthyReplacements;
        int countStops = Math.max(0, tasks.running() - desired);
        if (countStarts > 0 || countStops > 0) {
            int declaredBefore = service.desiredCount() - countStarts + countStops;
            attributes.add(new AttributeChange("desiredCount", declaredBefore, service.desiredCount(), false));
            reasons.add(countStarts > 0
                    ? Reason.of(ReasonCode.COUNT_INCREASED, "from", declaredBefore, "to", service.desiredCount(),
                            "tasks", countStarts)
                    : Reason.of(ReasonCode.COUNT_DECREASED, "from", declaredBefore, "to", service.desiredCount(),
                            "tasks", countStops));
        }
        failed(tasks.stopped().size(), stoppedReplacements, ReasonCode.STOPPED_REPLACED, ReasonCode.STOPPED_REMOVED,
                reasons);
        failed(tasks.unhealthy().size(), unhealthyReplacements, ReasonCode.UNHEALTHY_REPLACED,
                ReasonCode.UNHEALTHY_REMOVED, reasons);
    }

    private static void failed(int tasks, int replacements, ReasonCode replaced, ReasonCode removed,
                               List<Reason> reasons) {
        if (tasks > 0) {
            reasons.add(replacements > 0 ? Reason.of(replaced, "tasks", tasks, "replacements", replacements)
                    : Reason.of(removed, "tasks", tasks));
        }
    }

    private Reason whatChanged(DesiredRevision revision, ServiceTasks tasks, List<String> running,
                               List<String> aliases) {
        Map<String, String> edits = tasks.edits();
        int outdated = tasks.outdated().size();
        if (edits.size() == outdated) {
            return Reason.of(ReasonCode.TASKS_EDITED, "tasks", outdated, "edit", new TreeSet<>(edits.values()).first());
        }
        Map<String, List<String>> fileChanges = tasks.environmentFileChanges();
        if (fileChanges.size() == outdated) {
            return Reason.of(ReasonCode.ENVIRONMENT_FILES_CHANGED, "tasks", outdated, "variables",
                    List.copyOf(fileChanges.values().stream().flatMap(List::stream)
                            .collect(Collectors.toCollection(TreeSet::new))));
        }
        if (tasks.renamed().size() == outdated) {
            return Reason.of(ReasonCode.NAMES_CHANGED, "tasks", outdated,
                    "from", TaskNames.describe(TaskNames.of(tasks.outdated().getFirst())),
                    "to", TaskNames.describe(aliases));
        }
        List<AttributeChange> changes = new ArrayList<>();
        tasks.outdated().stream().filter(t -> !edits.containsKey(t.taskId()))
                .map(ObservedTask::specHash).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))
                .forEach(hash -> history.withHash(revision.family(), hash).ifPresent(record ->
                        changes.addAll(AttributeDiff.between(history.definition(record), revision.definition()))));
        List<String> topics = ChangeSummary.topics(changes);
        return topics.equals(List.of("image"))
                ? Reason.of(ReasonCode.IMAGE_CHANGED, "tasks", outdated, "from", running, "to", revision.label())
                : Reason.of(ReasonCode.DEFINITION_CHANGED, "tasks", outdated, "from", running, "to", revision.label(),
                        "changed", topics.isEmpty() ? List.of("task definition") : topics);
    }

    /**
     * That the service's tasks are lost on a host that did not answer, and what the plan does about
     * it: replace them, nothing (already replaced, no room), or nothing without --replace-lost.
     */
    private Reason lostWarning(String name, Service service, List<ObservedTask> lost, int running,
                               List<String> replacementHosts) {
        List<String> hosts = List.copyOf(lost.stream().map(ObservedTask::host)
                .collect(Collectors.toCollection(TreeSet::new)));
        List<String> ids = lost.stream().map(ObservedTask::taskId).toList();
        Object[] common = {"service", name, "tasks", lost.size(), "hosts", hosts, "lost", ids};
        if (!replacementHosts.isEmpty()) {
            return reason(ReasonCode.LOST_REPLACING, common, "replacements", replacementHosts.size(),
                    "on", List.copyOf(new TreeSet<>(replacementHosts)));
        }
        if (running >= service.desiredCount()) {
            return reason(ReasonCode.LOST_ALREADY_REPLACED, common, "desiredCount", service.desiredCount());
        }
        return reason(replaceLost ? ReasonCode.LOST_NO_ROOM : ReasonCode.LOST_KEPT, common);
    }

    private static Reason reason(ReasonCode code, Object[] common, Object... more) {
        return Reason.of(code, Stream.concat(Stream.of(common), Stream.of(more)).toArray());
    }
}
