package dev.berth.applier.apply;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.loadbalancer.LoadBalancerRuntime;
import dev.berth.applier.lock.LeaseGuard;
import dev.berth.applier.lock.LockLostException;
import dev.berth.applier.network.StackNetworks;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.registry.RevisionRegistry;
import dev.berth.applier.task.ImagePreflight;
import dev.berth.applier.task.TaskRuntime;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Reason;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Executes exactly what a plan says, one step per kind of change in the order that keeps running
 * services safe: images are checked on every host that starts tasks before anything stops;
 * networks are created and new revisions recorded (at once) before tasks start; services deploy
 * concurrently; removed services stop after the others succeeded; networks of removed clusters
 * and namespaces go last. Load balancers change before the services behind them deploy, and go
 * after those removed with them. Every host, revision and count comes from the plan's details;
 * nothing is derived again.
 */
public final class PlanExecutor {
    /** Run in order; the steps of one stage do not depend on each other, so they run at once. */
    private static final List<List<ApplyStep>> STAGES = List.of(List.of(new ImageCheckStep()),
            List.of(new NetworkCreateStep(), new RevisionRecordStep()), List.of(new LoadBalancerStep()),
            List.of(new ServiceDeployStep()), List.of(new ServiceRemoveStep()), List.of(new LoadBalancerRemoveStep()),
            List.of(new NetworkRemoveStep()));

    /** What the steps talk to engines with. */
    record Parts(TaskRuntime runtime, StackObserver observer, ClusterHosts clusterHosts, RevisionRegistry revisions,
                 StackNetworks networks, ImagePreflight images, LoadBalancerRuntime loadBalancers,
                 ApplyListener listener, LeaseGuard lease) {
    }

    private final Parts parts;

    /** @param lease asked before every phase and every task started or stopped */
    public PlanExecutor(TaskRuntime runtime, StackObserver observer, ClusterHosts clusterHosts,
                        RevisionRegistry revisions, StackNetworks networks, ImagePreflight images,
                        LoadBalancerRuntime loadBalancers, ApplyListener listener, LeaseGuard lease) {
        this.parts = new Parts(new GuardedTaskRuntime(runtime, lease), observer, clusterHosts, revisions, networks,
                images, loadBalancers, listener, lease);
    }

    /**
     * @param stack    the canonical stack the plan was made from (it names the hosts' endpoints)
     * @param observed what the plan was made against (the state to roll back to)
     * @throws IllegalArgumentException when the plan has problems: such a plan must not be applied
     */
    public ApplyResult execute(Stack stack, ObservedState observed, Plan plan, ApplyOptions options) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException("the plan has problems: "
                    + plan.problems().stream().map(Reason::message).collect(Collectors.joining("; ")));
        }
        Execution execution = Execution.of(stack, observed, plan, options, parts);
        String stopped = null;
        try {
            for (List<ApplyStep> stage : STAGES) {
                parts.lease().check();
                if (Fanout.map(stage, step -> step.run(execution)).contains(false)) {
                    break;
                }
            }
        } catch (LockLostException lost) {
            stopped = lost.getMessage();
        }
        return new ApplyResult(List.copyOf(execution.outcomes().values()), stopped);
    }
}
