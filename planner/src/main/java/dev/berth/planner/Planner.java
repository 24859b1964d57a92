package dev.berth.planner;

import dev.berth.planner.loadbalancer.LoadBalancerPlanner;
import dev.berth.planner.network.NetworkPlanner;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.placement.ClusterLedger;
import dev.berth.planner.placement.ClusterLedgers;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.reconcile.RemovedServices;
import dev.berth.planner.reconcile.ServiceOutcome;
import dev.berth.planner.reconcile.ServiceReconciler;
import dev.berth.planner.revision.ResolvedRevisions;
import dev.berth.planner.revision.RevisionHistory;
import dev.berth.planner.scaling.ScaledDesiredCount;
import dev.berth.planner.revision.RevisionResolver;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Diffs a canonical stack against what runs on its hosts. Pure and deterministic: the same inputs
 * give an equal plan, with no clock, randomness or hash-order dependence.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(Stack canonical, ObservedState observed) {
        return plan(canonical, observed, PlanOptions.DEFAULTS);
    }

    public static Plan plan(Stack canonical, ObservedState observed, PlanOptions options) {
        RevisionHistory history = new RevisionHistory(observed.revisions());
        List<HostRef> reachableHosts = observed.hosts().stream().filter(ObservedHost::reachable)
                .map(h -> new HostRef(h.cluster(), h.name())).toList();
        ResolvedRevisions revisions = new RevisionResolver(history).resolve(canonical, reachableHosts);
        Set<String> reachable = reachableHosts.stream().map(HostRef::host).collect(Collectors.toSet());
        Map<String, ClusterLedger> ledgers = ClusterLedgers.of(canonical, observed, revisions, history);

        List<PlannedChange> changes = new ArrayList<>(revisions.changes());
        List<Reason> problems = new ArrayList<>(revisions.problems());
        List<Reason> warnings = new ArrayList<>(unreachableHosts(observed));
        changes.addAll(NetworkPlanner.plan(canonical, observed));
        changes.addAll(LoadBalancerPlanner.plan(canonical, observed));

        Map<String, List<ObservedTask>> tasksByService = observed.tasks().stream()
                .filter(t -> t.service() != null)
                .collect(Collectors.groupingBy(ObservedTask::service, TreeMap::new, Collectors.toList()));
        ServiceReconciler reconciler = new ServiceReconciler(canonical, history,
                observed.tasks().stream().map(ObservedTask::taskId).collect(Collectors.toSet()), reachable,
                options.replaceLost());
        List<ServiceOutcome> outcomes = new ArrayList<>();
        new TreeMap<>(canonical.services()).forEach((name, declared) -> {
            Service service = ScaledDesiredCount.effective(name, declared, observed.scaled(), warnings);
            revisions.forService(name).ifPresent(revision -> outcomes.add(reconciler.reconcile(name, service,
                    revision, tasksByService.getOrDefault(name, List.of()), ledgerOf(ledgers, service))));
        });
        Map<String, List<ObservedTask>> removed = new TreeMap<>(tasksByService);
        removed.keySet().removeAll(canonical.services().keySet());
        outcomes.addAll(RemovedServices.delete(removed, reachable, observed, canonical));
        Set<String> deployed = outcomes.stream().map(ServiceOutcome::change)
                .filter(c -> c.service() != null && c.action() != Action.delete)
                .map(c -> c.address().name()).collect(Collectors.toSet());
        for (ServiceOutcome outcome : outcomes) {
            changes.add(ordered(outcome.change(), canonical, deployed));
            problems.addAll(outcome.problems());
            warnings.addAll(outcome.warnings());
        }

        changes.sort(Comparator.comparing(PlannedChange::address));
        return new Plan(canonical.stack(), changes, problems, warnings);
    }

    /** A deployment waits for those of its dependencies the plan deploys too; the others already run as declared. */
    private static PlannedChange ordered(PlannedChange change, Stack canonical, Set<String> deployed) {
        Service service = canonical.services().get(change.address().name());
        if (change.service() == null || service == null) {
            return change;
        }
        List<String> after = service.dependsOn().stream().filter(deployed::contains).toList();
        return after.isEmpty() ? change : new PlannedChange(change.address(), change.action(), change.attributes(),
                change.reasons(), change.service().after(after));
    }

    private static List<Reason> unreachableHosts(ObservedState observed) {
        return observed.hosts().stream().filter(h -> !h.reachable())
                .map(h -> Reason.of(ReasonCode.HOST_UNREACHABLE, "host", h.name(), "cluster", h.cluster(),
                        "error", h.error() == null ? "no reason given" : h.error()))
                .toList();
    }

    private static ClusterLedger ledgerOf(Map<String, ClusterLedger> ledgers, Service service) {
        return ledgers.computeIfAbsent(service.cluster(), c -> new ClusterLedger(List.of()));
    }
}
