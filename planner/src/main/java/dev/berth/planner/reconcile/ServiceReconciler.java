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
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Rollout;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.planner.revision.DesiredRevision;
import dev.berth.planner.revision.RevisionHistory;
import dev.berth.planner.rollout.RolloutPlanner;
import dev.berth.planner.rollout.RolloutStalledException;
import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.Service;
import java.util.ArrayList;
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
 * start; then hands the starts to placement and the batches to the rollout planner.
 * <p>
 * Tasks on unreachable hosts are lost: they are not counted as running and not stopped. By default
 * they keep their slot in desiredCount, so a host that is briefly away does not cause a second
 * copy of its tasks; with {@code replaceLost} they stop counting and replacements are placed on
 * the hosts that answered, as far as capacity allows (a replacement that fits nowhere is a warning,
 * not a problem). When the host answers again, its tasks beyond desiredCount are scaled in like
 * any others: outdated first, then keeping the placement balance.
 */
public final class ServiceReconciler {
    private final String stack;
    private final RevisionHistory history;
    private final Set<String> takenTaskIds;
    private final Set<String> reachableHosts;
    private final boolean replaceLost;

    public ServiceReconciler(String stack, RevisionHistory history, Set<String> takenTaskIds,
                             Set<String> reachableHosts) {
        this(stack, history, takenTaskIds, reachableHosts, false);
    }

    /**
     * @param takenTaskIds   ids of every observed task, which new tasks must not reuse
     * @param reachableHosts hosts that answered
     * @param replaceLost    whether tasks on the other hosts are replaced
     */
    public ServiceReconciler(String stack, RevisionHistory history, Set<String> takenTaskIds,
                             Set<String> reachableHosts, boolean replaceLost) {
        this.replaceLost = replaceLost;
        this.stack = stack;
        this.history = history;
        this.takenTaskIds = Set.copyOf(takenTaskIds);
        this.reachableHosts = Set.copyOf(reachableHosts);
    }

    public ServiceOutcome reconcile(String name, Service service, DesiredRevision revision,
                                    List<ObservedTask> observed, ClusterLedger ledger) {
        Address address = new Address(Address.Kind.service, name);
        ServiceTasks tasks = ServiceTasks.classify(observed, revision, reachableHosts);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
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
        List<ObservedTask> runningStops = ScaleInOrder.pick(tasks.running() - kept,
                Stream.concat(tasks.current().stream(), tasks.outdated().stream()).toList(),
                new HashSet<>(tasks.outdated()), policy.placer(), ask, ledger);
        Action action = action(tasks, desired, starts, runningStops);
        if (action == Action.noop) {
            if (!lost.isEmpty()) {
                warnings.add(lostWarning(name, service, lost, tasks.running(), List.of()));
            }
            return new ServiceOutcome(new PlannedChange(address, Action.noop, List.of(), List.of(), null, null),
                    problems, warnings);
        }

        problems.addAll(policy.problems());
        PlacementResult placed = policy.placer().place(ask, starts, ledger);
        int unplacedLost = Math.min(placed.unplaced(), lostReplacements);
        if (unplacedLost > 0) {
            // Replacing a lost task is best effort: the rest of the service still deploys.
            warnings.add(Counting.of(unplacedLost, "replacement") + " of lost tasks of service " + name
                    + " cannot be placed: " + String.join("; ", placed.hostRejections()));
            desired -= unplacedLost;
            lostReplacements -= unplacedLost;
            action = action(tasks, desired, starts - unplacedLost, runningStops);
        }
        if (!lost.isEmpty()) {
            warnings.add(lostWarning(name, service, lost, tasks.running(),
                    placed.hosts().subList(0, Math.min(lostReplacements, placed.hosts().size()))));
        }
        if (action == Action.noop) {
            return new ServiceOutcome(new PlannedChange(address, Action.noop, List.of(), List.of(), null, null),
                    problems, warnings);
        }
        if (placed.unplaced() > unplacedLost) {
            problems.add(Counting.of(placed.unplaced() - unplacedLost, "task") + " of service " + name + " cannot be placed: "
                    + String.join("; ", placed.hostRejections()));
        }
        ServicePlacement placement = placement(name, revision, tasks, runningStops, placed, ledger);

        Rollout rollout = rollout(name, service, desired, kept, runningStops.size(), problems);
        List<AttributeChange> attributes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        explain(action, service, revision, tasks, desired, lostReplacements, attributes, reasons);
        return new ServiceOutcome(new PlannedChange(address, action, attributes, reasons, rollout, placement),
                problems, warnings);
    }

    private static Action action(ServiceTasks tasks, int desired, int starts, List<ObservedTask> runningStops) {
        if (tasks.none()) {
            return desired > 0 ? Action.create : Action.noop;
        }
        if (!tasks.outdated().isEmpty() && starts > 0) {
            return Action.replace;
        }
        boolean changes = starts > 0 || !runningStops.isEmpty() || !tasks.stopped().isEmpty();
        return changes ? Action.update : Action.noop;
    }

    /** The batches, or null when no running task starts or stops (only exited ones are removed). */
    private static Rollout rollout(String name, Service service, int desired, int kept, int stops,
                                   List<String> problems) {
        DeploymentConfiguration deployment = service.deploymentConfiguration();
        int minimumHealthy = percent(deployment == null ? null : deployment.minimumHealthyPercent(),
                Defaults.MINIMUM_HEALTHY_PERCENT);
        int maximum = percent(deployment == null ? null : deployment.maximumPercent(), Defaults.MAXIMUM_PERCENT);
        try {
            Rollout rollout = RolloutPlanner.plan(desired, kept, stops, minimumHealthy, maximum);
            return rollout.steps().isEmpty() ? null : rollout;
        } catch (RolloutStalledException e) {
            problems.add("service \"" + name + "\": " + e.getMessage());
            return null;
        }
    }

    private static int percent(Integer declared, int fallback) {
        return declared == null ? fallback : declared;
    }

    private ServicePlacement placement(String name, DesiredRevision revision, ServiceTasks tasks,
                                       List<ObservedTask> runningStops, PlacementResult placed, ClusterLedger ledger) {
        TaskIds ids = new TaskIds(stack, name, revision.revision(), takenTaskIds);
        List<ServicePlacement.TaskStart> starts = placed.hosts().stream()
                .map(host -> new ServicePlacement.TaskStart(ids.next(), host, revision.revision()))
                .toList();
        List<ServicePlacement.TaskStop> stops = new ArrayList<>();
        tasks.stopped().forEach(t ->
                stops.add(new ServicePlacement.TaskStop(t.taskId(), t.host(), t.revision(), StopReasons.stopped(t))));
        Set<ObservedTask> outdated = new HashSet<>(tasks.outdated());
        runningStops.forEach(t -> stops.add(new ServicePlacement.TaskStop(t.taskId(), t.host(), t.revision(),
                tasks.edits().containsKey(t.taskId()) ? "edited by hand: " + tasks.edits().get(t.taskId())
                        : outdated.contains(t) ? "outdated: runs " + t.family() + ":" + t.revision() : "scale-in")));

        Map<String, Integer> before = new HashMap<>();
        Stream.concat(tasks.current().stream(), tasks.outdated().stream())
                .forEach(t -> before.merge(t.host(), 1, Integer::sum));
        Map<String, Integer> after = new HashMap<>(before);
        runningStops.forEach(t -> after.merge(t.host(), -1, Integer::sum));
        placed.hosts().forEach(h -> after.merge(h, 1, Integer::sum));
        List<ServicePlacement.HostCount> counts = ledger.hosts().stream()
                .filter(h -> before.getOrDefault(h, 0) > 0 || after.getOrDefault(h, 0) > 0)
                .map(h -> new ServicePlacement.HostCount(h, before.getOrDefault(h, 0), after.getOrDefault(h, 0)))
                .toList();
        return new ServicePlacement(starts, stops, counts);
    }

    /**
     * Reasons and attributes. A gap between running tasks and desiredCount is put down to stopped
     * tasks first ("1 task stopped: start 1 replacement"), and only the rest to a count change.
     */
    private void explain(Action action, Service service, DesiredRevision revision, ServiceTasks tasks, int desired,
                         int lostReplacements, List<AttributeChange> attributes, List<String> reasons) {
        if (action == Action.create) {
            attributes.add(new AttributeChange("desiredCount", null, service.desiredCount(), false));
            attributes.add(new AttributeChange("taskDefinition", null, revision.label(), false));
            reasons.add("new service: start " + Counting.of(desired, "task") + " of " + revision.label());
            return;
        }
        if (action == Action.replace) {
            String running = tasks.outdated().stream().map(t -> t.family() + ":" + t.revision())
                    .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
            if (!running.equals(revision.label())) {
                attributes.add(new AttributeChange("taskDefinition", running, revision.label(), false));
            }
            reasons.add(whatChanged(revision, tasks) + ": rolling replacement of "
                    + Counting.of(tasks.outdated().size(), "task"));
        }
        int missing = Math.max(0, desired - tasks.running() - lostReplacements);
        if (lostReplacements > 0) {
            reasons.add(Counting.of(lostReplacements, "task") + " lost on unreachable hosts: start "
                    + Counting.of(lostReplacements, "replacement"));
        }
        int replacements = Math.min(tasks.stopped().size(), missing);
        int countStarts = missing - replacements;
        int countStops = Math.max(0, tasks.running() - desired);
        if (countStarts > 0 || countStops > 0) {
            int declaredBefore = service.desiredCount() - countStarts + countStops;
            attributes.add(new AttributeChange("desiredCount", declaredBefore, service.desiredCount(), false));
            reasons.add("desiredCount " + declaredBefore + " -> " + service.desiredCount() + ": "
                    + (countStarts > 0 ? "start " + Counting.of(countStarts, "task")
                    : "stop " + Counting.of(countStops, "task")));
        }
        if (!tasks.stopped().isEmpty()) {
            String stopped = Counting.of(tasks.stopped().size(), "task") + " stopped";
            reasons.add(replacements > 0 ? stopped + ": start " + Counting.of(replacements, "replacement")
                    : stopped + ": remove " + (tasks.stopped().size() == 1 ? "it" : "them"));
        }
    }

    private String whatChanged(DesiredRevision revision, ServiceTasks tasks) {
        if (tasks.edits().size() == tasks.outdated().size()) {
            return Counting.of(tasks.edits().size(), "task") + " edited by hand ("
                    + new TreeSet<>(tasks.edits().values()).first() + ")";
        }
        List<AttributeChange> changes = new ArrayList<>();
        tasks.outdated().stream().filter(t -> !tasks.edits().containsKey(t.taskId()))
                .map(ObservedTask::specHash).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))
                .forEach(hash -> history.withHash(revision.family(), hash).ifPresent(record ->
                        changes.addAll(AttributeDiff.between(history.definition(record), revision.definition()))));
        return ChangeSummary.of(changes);
    }

    /**
     * "service "web": 2 tasks lost on h2 (unreachable): start 2 replacements on h1, h3 (lost: ...)", or
     * what --replace-lost would do, or that the tasks were already replaced.
     */
    private String lostWarning(String name, Service service, List<ObservedTask> lost, int running,
                               List<String> replacementHosts) {
        String hosts = lost.stream().map(ObservedTask::host).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
        String head = "service \"" + name + "\": " + Counting.of(lost.size(), "task") + " lost on " + hosts
                + " (unreachable)";
        String ids = " (lost: " + lost.stream().map(ObservedTask::taskId).collect(Collectors.joining(", ")) + ")";
        if (!replacementHosts.isEmpty()) {
            return head + ": start " + Counting.of(replacementHosts.size(), "replacement") + " on "
                    + replacementHosts.stream().collect(Collectors.toCollection(TreeSet::new)).stream()
                    .collect(Collectors.joining(", ")) + ids;
        }
        if (running >= service.desiredCount()) {
            return head + ": already replaced (desiredCount " + service.desiredCount() + " runs on the other hosts); "
                    + "any still running there are scaled in when " + hosts + " answers again" + ids;
        }
        if (replaceLost) {
            return head + "; no replacement fits on the other hosts" + ids;
        }
        return head + "; run with --replace-lost to start replacements elsewhere" + ids;
    }
}
