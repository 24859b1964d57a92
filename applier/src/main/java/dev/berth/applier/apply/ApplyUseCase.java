package dev.berth.applier.apply;

import dev.berth.applier.destroy.DestroyReport;
import dev.berth.applier.destroy.StackDestroyer;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.loadbalancer.LoadBalancerRuntime;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.network.StackNetworks;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.observe.ApplyRecords;
import dev.berth.applier.registry.RevisionRegistry;
import dev.berth.applier.task.DockerTaskRuntime;
import dev.berth.applier.task.ImagePreflight;
import dev.berth.applier.task.RegistryLogins;
import dev.berth.applier.task.SecretResolver;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.planfile.SavedPlan;
import dev.berth.planner.planfile.StalePlanException;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The apply use case, the one sequence every command that changes a stack runs: take the stack's
 * lock, observe its hosts, plan (or check a saved plan is still fresh), let the caller review,
 * execute exactly the plan, record where the tasks run, and report through events. {@code apply},
 * {@code rollback} and {@code destroy} call it; a long-running scheduler can call it in a loop.
 * Rendering, confirmation and exit codes are the caller's.
 */
public final class ApplyUseCase {
    /** How long a pull may take before its host counts as failed. */
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

    /**
     * @param env                the process environment: engine endpoints, secrets from env:, registry credentials
     * @param concurrencyPerHost create, start and stop calls at once per host
     * @param lockLease          how long the lock outlives a holder that stops renewing it
     * @param environmentFiles   the variables the stack's environment files give, read by the caller:
     *                           tasks start with them, and containers are compared with them
     */
    public record Settings(Map<String, String> env, int concurrencyPerHost, Duration lockLease,
                           EnvironmentFiles environmentFiles) {
        public Settings {
            env = Map.copyOf(env);
        }
    }

    /** What the caller does with a plan before it runs: show it, and say whether to go on. */
    public interface Review {
        void show(Plan plan);

        /** Asked only for a plan with changes and no problems; false ends the run with nothing changed. */
        boolean confirm(Plan plan);
    }

    /** A plan and the desired stack it leads to (for rollback, the stack with a revision pinned). */
    public record Planned(Stack stack, Plan plan) {
    }

    /** How an apply ended; {@code result} is null unless the plan ran. */
    public record Report(Status status, Planned planned, ApplyResult result) {
        public enum Status {
            /** The plan has problems: nothing was changed. */
            blocked,
            /** The hosts already match. */
            noChanges,
            /** The caller did not confirm: nothing was changed. */
            declined,
            /** The plan ran; {@code result} says how it went. */
            applied
        }

        public boolean succeeded() {
            return status == Status.noChanges || status == Status.applied && result.succeeded();
        }
    }

    private final DockerClients clients;
    private final Settings settings;
    private final ApplyListener listener;
    private final Consumer<String> notices;
    private final ClusterHosts clusterHosts;
    private final StackObserver observer;

    /** @param notices told what berth did on the user's behalf, such as taking over a stale lock */
    public ApplyUseCase(DockerClients clients, Settings settings, ApplyListener listener, Consumer<String> notices) {
        this.clients = clients;
        this.settings = settings;
        this.listener = listener;
        this.notices = notices;
        this.clusterHosts = new ClusterHosts(settings.env());
        this.observer = new StackObserver(clients, clusterHosts, settings.environmentFiles());
    }

    /**
     * @param command  the verb the lock records ("apply", "rollback")
     * @param stack    the stack as loaded: names the hosts and the lock
     * @param planning makes the plan from what the hosts run
     * @throws dev.berth.applier.lock.StackLockException the lock could not be taken
     */
    public Report apply(String command, Stack stack, Function<ObservedState, Planned> planning, ApplyOptions options,
                        Review review) {
        try (StackLock.Held lock = lock(stack).acquire(command)) {
            StackObserver.Observation observation = observer.observeWithRecords(stack);
            ObservedState observed = observation.state();
            Planned planned = planning.apply(observed);
            Plan plan = planned.plan();
            review.show(plan);
            if (!plan.problems().isEmpty()) {
                return new Report(Report.Status.blocked, planned, null);
            }
            if (!plan.hasChanges()) {
                recordTasks(planned, observation);
                return new Report(Report.Status.noChanges, planned, null);
            }
            if (!review.confirm(plan)) {
                return new Report(Report.Status.declined, planned, null);
            }
            SecretResolver secrets = new SecretResolver(settings.env(), settings.environmentFiles());
            PlanExecutor executor = new PlanExecutor(
                    new DockerTaskRuntime(clients, secrets, settings.concurrencyPerHost()),
                    observer, clusterHosts, new RevisionRegistry(clients, Clock.systemUTC()), new StackNetworks(clients),
                    new ImagePreflight(clients, PULL_TIMEOUT,
                            new RegistryLogins(settings.env(), secrets)),
                    new LoadBalancerRuntime(clients, secrets, stack.stack()), listener, lock);
            ApplyResult result = executor.execute(planned.stack(), observed, plan, options);
            if (result.abort() == null) {
                recordTasks(planned, observer.placement(stack));
            }
            report(command, stack, plan, result);
            return new Report(Report.Status.applied, planned, result);
        }
    }

    /**
     * A saved plan, applied exactly as saved when the stack and the hosts are as they were.
     *
     * @throws StalePlanException (when planning) either moved since the plan was made
     */
    public static Function<ObservedState, Planned> saved(SavedPlan saved) {
        return observed -> {
            saved.checkFresh(saved.desired(), observed);
            return new Planned(saved.desired(), saved.plan());
        };
    }

    /**
     * Removes everything the stack runs, under its lock.
     *
     * @param confirm asked with what runs now; false ends the run with nothing removed
     * @return null when not confirmed
     */
    public DestroyReport destroy(Stack stack, boolean volumes, Predicate<ObservedState> confirm) {
        try (StackLock.Held lock = lock(stack).acquire("destroy")) {
            if (!confirm.test(observer.observe(stack))) {
                return null;
            }
            lock.check();
            return new StackDestroyer(clients, clusterHosts).destroy(stack, volumes);
        }
    }

    public StackLock lock(Stack stack) {
        return StackLock.of(stack, clients, clusterHosts, settings.lockLease(), notices);
    }

    /**
     * Where the tasks run now, for the next plan to name the tasks of a host that stops answering;
     * the tasks the plan started on hosts that no longer answer count as being there.
     */
    private void recordTasks(Planned planned, StackObserver.Observation now) {
        Stack stack = planned.stack();
        List<ObservedTask> started = new ArrayList<>();
        for (PlannedChange change : planned.plan().changes()) {
            ServiceDetail detail = change.service();
            if (detail != null && detail.launch() != null) {
                detail.placement().starts().forEach(s -> started.add(new ObservedTask(s.taskId(), detail.cluster(),
                        s.host(), change.address().name(), detail.launch().family(), s.revision(), null, List.of())));
            }
        }
        ApplyRecords.write(stack, now.state(), started, now.records(), clients, clusterHosts.of(stack),
                        Clock.systemUTC())
                .forEach(failure -> notices.accept("warning: task record not written on " + failure));
    }

    /** The closing event, and the plan's warnings once more: they were shown before a long deployment. */
    private void report(String command, Stack stack, Plan plan, ApplyResult result) {
        for (Reason warning : plan.warnings()) {
            listener.on(new ApplyEvent(Instant.now(), ApplyEvent.Type.info, null, "warning: " + warning.message(),
                    null));
        }
        listener.on(new ApplyEvent(Instant.now(), result.succeeded() ? ApplyEvent.Type.completed
                : ApplyEvent.Type.failed, null, summary(command, stack, result), null));
    }

    static String summary(String command, Stack stack, ApplyResult result) {
        String counts = result.started() + " task" + (result.started() == 1 ? "" : "s") + " started, "
                + result.stopped() + " stopped";
        String verb = Character.toUpperCase(command.charAt(0)) + command.substring(1);
        if (result.abort() != null) {
            return verb + " stopped for stack " + stack.stack() + ": " + result.abort() + " (" + counts + ").";
        }
        return result.succeeded()
                ? verb + " complete for stack " + stack.stack() + ": " + counts + "."
                : verb + " failed for stack " + stack.stack() + ": " + result.failures().size()
                + " of " + result.outcomes().size() + " changes did not succeed (" + counts + ").";
    }
}
