package dev.berth.applier.agent;

import dev.berth.applier.apply.ApplyOptions;
import dev.berth.applier.apply.ApplyUseCase;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.applier.lock.LockHostUnavailableException;
import dev.berth.applier.lock.LockLostException;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.lock.StackLockedException;
import dev.berth.applier.observe.ApplyRecords;
import dev.berth.applier.observe.RestartRecords;
import dev.berth.applier.observe.ScaleRecords;
import dev.berth.applier.observe.StackObserver;
import dev.berth.planner.PlanOptions;
import dev.berth.planner.Planner;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.ScaledCount;
import dev.berth.planner.observed.ServiceThrottle;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.scaling.ScaledDesiredCount;
import dev.berth.planner.scaling.ScheduledBounds;
import dev.berth.planner.scaling.AlarmSeries;
import dev.berth.planner.scaling.Reading;
import dev.berth.planner.scaling.ScalingDecision;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The scheduler of one stack. It enforces the stack the last apply recorded on the hosts (read
 * anew under the stack's lock before each action, so an apply in between is what counts next,
 * and a destroyed stack is left destroyed), and acts only while it leads the stack: one agent
 * per stack holds the leader lease, the others wait and take over within the lease when it dies.
 * <p>
 * Each round observes, plans with the recorded stack and applies the plan through the apply use
 * case, as {@code berth apply} would: failed tasks are replaced within maximumPercent on hosts the
 * placement rules choose, dead targets leave their load balancers first, and tasks of a host away
 * for longer than the grace are replaced elsewhere (the surplus goes when it returns). A service
 * that keeps failing is held back ({@link RestartBackoff}); the rest of the stack is not.
 */
public final class StackAgent {
    private static final Set<ReasonCode> FAILURE_REPAIRS = Set.of(ReasonCode.STOPPED_REPLACED,
            ReasonCode.UNHEALTHY_REPLACED);
    /** Events often come in bursts (a task's containers die together): one round takes them all. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final String stack;
    private final List<DockerEndpoint> seeds;
    private final DockerClients clients;
    private final AgentSettings settings;
    private final ApplyUseCase.Settings applySettings;
    private final ApplyListener listener;
    private final Clock clock;
    private final ClusterHosts clusterHosts;
    private final BlockingQueue<String> wake = new LinkedBlockingQueue<>();
    private final LostHosts lostHosts;
    private final RestartBackoff backoff;
    private final ServiceMetrics usage;
    private final AgentMetrics metrics;
    /** By service: the step scaling policies' datapoints, which only the leader's rounds add to. */
    private Map<String, Map<AlarmSeries.Key, AlarmSeries>> alarms = Map.of();
    private volatile boolean stopped;
    private String lastSaid;
    private Instant wakeScheduled;

    /**
     * @param seeds   engines to find the stack's record on; the record names the rest of its hosts
     * @param metrics where the agent's rounds and actions are counted, for /metrics
     */
    public StackAgent(String stack, Collection<DockerEndpoint> seeds, DockerClients clients, AgentSettings settings,
                      ApplyUseCase.Settings applySettings, ApplyListener listener, AgentMetrics metrics,
                      Clock clock) {
        this.stack = stack;
        this.seeds = List.copyOf(seeds);
        this.clients = clients;
        this.settings = settings;
        this.applySettings = applySettings;
        this.listener = listener;
        this.clock = clock;
        this.clusterHosts = new ClusterHosts(applySettings.env());
        this.lostHosts = new LostHosts(settings.lostHostGrace());
        this.backoff = new RestartBackoff(settings.restartDelay(), settings.restartDelayLimit());
        this.usage = new ServiceMetrics(clients, clusterHosts);
        this.metrics = metrics;
    }

    /** Runs until {@link #stop}: leads the stack when it can, waits for the leader otherwise. */
    public void run() {
        while (!stopped) {
            Optional<ApplyRecords.Applied> applied = ApplyRecords.applied(stack, clients, seeds);
            if (applied.isEmpty()) {
                say("stack " + stack + ": no apply recorded on " + seeds + "; waiting for one");
                pause(settings.interval());
                continue;
            }
            Stack recorded = applied.get().stack();
            try (StackLock.Held lease = StackLock.leader(recorded, clients, clusterHosts, applySettings.lockLease(),
                    this::notice).acquire(StackLock.AGENT + " (leader)")) {
                say("stack " + stack + ": this agent leads it");
                metrics.leading(stack, true);
                lead(recorded, lease);
                metrics.leading(stack, false);
            } catch (StackLockedException e) {
                metrics.leading(stack, false);
                say("stack " + stack + ": another agent leads it (" + e.getMessage() + "); waiting");
                pause(settings.interval());
            } catch (LockLostException e) {
                metrics.leading(stack, false);
                say("stack " + stack + ": no longer leads it: " + e.getMessage());
            } catch (LockHostUnavailableException e) {
                say("stack " + stack + ": " + e.getMessage());
                pause(settings.interval());
            }
        }
    }

    public void stop() {
        stopped = true;
        wake.offer("stopping");
    }

    private void lead(Stack recorded, StackLock.Held lease) {
        EngineWatch watch = null;
        try {
            while (!stopped) {
                lease.check();
                if (watch == null || watch.broken()) {
                    if (watch != null) {
                        watch.close();
                    }
                    watch = new EngineWatch(stack, engines(recorded, h -> true), clients, wake);
                }
                Optional<Stack> next = round();
                if (next.isEmpty()) {
                    say("stack " + stack + ": its record is gone (destroyed); waiting for an apply");
                    return;
                }
                if (!next.get().equals(recorded)) {
                    // Another apply changed the stack: its hosts, and so the lease's engines, may differ.
                    return;
                }
                waitForWake();
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /** One observation and, when it needs one, one action; empty when the stack is no longer recorded. */
    private Optional<Stack> round() {
        Optional<ApplyRecords.Applied> applied = ApplyRecords.applied(stack, clients, seeds);
        if (applied.isEmpty()) {
            return Optional.empty();
        }
        Stack recorded = applied.get().stack();
        if (recorded.taskDefinitions().values().stream().anyMatch(EnvironmentFiles::uses)) {
            // Its tasks would start without the files' variables, and their changes would go unseen.
            say("stack " + stack + ": it reads environmentFiles, which the agent does not read; it is not enforced "
                    + "(berth apply reads them)");
            return Optional.of(recorded);
        }
        ApplyUseCase apply = new ApplyUseCase(clients, applySettings, listener, this::notice);
        try {
            StackObserver observer = new StackObserver(clients, clusterHosts);
            ObservedState observed = observer.observe(recorded);
            if (scale(recorded, applied.get().at(), observed)) {
                observed = observer.observe(recorded);
            }
            metrics.round(stack, observed, desiredCounts(recorded, observed), clock.instant());
            recordThrottles(recorded, observed);
            if (!needsAction(recorded, observed)) {
                // The stack's lock is taken only to act, so an apply or destroy rarely meets the agent.
                return Optional.of(recorded);
            }
            ApplyUseCase.Report report = apply.apply(StackLock.AGENT, recorded, this::plan, new ApplyOptions(false),
                    new ApplyUseCase.Review() {
                        @Override
                        public void show(Plan plan) {
                            if (!plan.problems().isEmpty()) {
                                say("stack " + stack + ": the recorded stack cannot be enforced: " + plan.problems()
                                        .stream().map(Reason::message).collect(Collectors.joining("; ")));
                            }
                        }

                        @Override
                        public boolean confirm(Plan plan) {
                            return true;
                        }
                    });
            if (report.status() == ApplyUseCase.Report.Status.applied) {
                lastSaid = null;
                // A look at once at what the repair left: it confirms it, and /metrics shows it.
                wake.offer("after a repair");
            }
            return Optional.of(report.planned().stack());
        } catch (RecordGone gone) {
            return Optional.empty();
        } catch (StackLockedException e) {
            say("stack " + stack + ": " + e.getMessage() + "; the agent acts after it");
            return Optional.of(recorded);
        } catch (RuntimeException e) {
            // One failed round is not the end of the agent: the next one observes anew.
            say("stack " + stack + ": this round failed: " + e.getMessage());
            return Optional.of(recorded);
        }
    }

    /** Without the lock: whether a plan from what runs now has anything the agent would do. */
    private boolean needsAction(Stack recorded, ObservedState observed) {
        Instant now = clock.instant();
        lostHosts.observed(observed, now);
        Plan plan = Planner.plan(recorded, observed, new PlanOptions(!lostHosts.lost(now).isEmpty()));
        return plan.changes().stream().anyMatch(c -> c.action() != Action.noop && !held(c, now));
    }

    /**
     * Auto scaling for each service with autoScaling: its scheduled bounds, then its policies'
     * readings, and when they call for another count, that count recorded on the hosts (where the
     * plan reads it) with the inputs said as an event. No scale-in while a deployment runs (tasks
     * of two definitions).
     *
     * @return whether a count was recorded
     */
    private boolean scale(Stack recorded, Instant appliedAt, ObservedState observed) {
        Map<String, Service> watched = new TreeMap<>();
        recorded.services().forEach((name, service) -> {
            if (ServiceMetrics.metrics(service.autoScaling()).findAny().isPresent()) {
                watched.put(name, service);
            }
        });
        Map<String, Map<AutoScaling.Metric, Reading>> readings = watched.isEmpty() ? Map.of()
                : usage.read(recorded, watched, observed, clock.instant());
        // Stamped once the readings are in: the stats of a busy engine take a second or more.
        alarms = alarms(watched, readings, clock.instant());
        // Each count recorded joins the others', so two services scaled in one round both stay.
        List<ScaledCount> current = new ArrayList<>(observed.scaled());
        boolean scaled = false;
        for (Map.Entry<String, Service> entry : new TreeMap<>(recorded.services()).entrySet()) {
            String name = entry.getKey();
            Service service = entry.getValue();
            if (service.autoScaling() == null) {
                continue;
            }
            int count = ScaledDesiredCount.of(name, service, current);
            ScaledCount last = current.stream().filter(c -> c.service().equals(name)).findFirst().orElse(null);
            Instant now = clock.instant();
            ScheduledBounds bounds = ScheduledBounds.of(service.autoScaling(), appliedAt, now);
            if (boundsChanged(bounds, last, service)) {
                int clamped = Math.clamp(count, bounds.minCapacity(), bounds.maxCapacity());
                record(recorded, observed, current, new ScaledCount(name, clamped, now, clamped > count, bounds.minCapacity(),
                        bounds.maxCapacity(), count), "scheduled action " + (bounds.action() == null ? "none (the stack's)"
                        : bounds.action()) + ": bounds " + bounds.minCapacity() + "-" + bounds.maxCapacity()
                        + ", " + count + " -> " + clamped + " tasks");
                scaled = true;
                continue;
            }
            if (!watched.containsKey(name)) {
                continue;
            }
            Map<AutoScaling.Metric, Reading> read = readings.getOrDefault(name, Map.of());
            metrics.sampled(stack, name, now, count, (int) observed.tasks().stream()
                    .filter(t -> name.equals(t.service()) && t.running()).count(), byName(read));
            Optional<ScalingDecision.Decision> decision = ScalingDecision.decide(name,
                    bounds.applyTo(service.autoScaling()), count, read, alarms.getOrDefault(name, Map.of()), last,
                    now);
            boolean deploying = observed.tasks().stream().filter(t -> name.equals(t.service()) && t.running())
                    .map(ObservedTask::specHash).distinct().count() > 1;
            if (decision.isEmpty() || !decision.get().scalesOut() && deploying) {
                continue;
            }
            ScalingDecision.Decision d = decision.get();
            // The bounds stay as the last record kept them: they are the ones in force.
            record(recorded, observed, current, new ScaledCount(name, d.to(), now, d.scalesOut(),
                    last == null ? null : last.minCapacity(), last == null ? null : last.maxCapacity(), d.from()),
                    d.from() + " -> " + d.to() + " tasks (" + d.why() + ")");
            scaled = true;
        }
        return scaled;
    }

    /**
     * The step scaling policies' datapoints with this round's readings added. Kept across rounds,
     * and across leaderships, whose gaps are periods without readings; those of services no longer
     * auto scaled go.
     */
    private Map<String, Map<AlarmSeries.Key, AlarmSeries>> alarms(Map<String, Service> watched,
            Map<String, Map<AutoScaling.Metric, Reading>> readings, Instant at) {
        Map<String, Map<AlarmSeries.Key, AlarmSeries>> next = new HashMap<>();
        watched.forEach((name, service) -> next.put(name, AlarmSeries.next(alarms.getOrDefault(name, Map.of()),
                service.autoScaling().stepScaling(), readings.getOrDefault(name, Map.of()), at)));
        return next;
    }

    /** The readings by the metric's name in the stack file, as the status page labels them. */
    private static Map<String, Double> byName(Map<AutoScaling.Metric, Reading> readings) {
        Map<String, Double> values = new TreeMap<>();
        readings.forEach((metric, reading) -> values.put(metric.name(), reading.value()));
        return values;
    }

    /** Whether the bounds in force differ from those the last record kept (none: the stack's). */
    private static boolean boundsChanged(ScheduledBounds bounds, ScaledCount last, Service service) {
        int recordedMin = last == null || last.minCapacity() == null ? service.autoScaling().minCapacity()
                : last.minCapacity();
        int recordedMax = last == null || last.maxCapacity() == null ? service.autoScaling().maxCapacity()
                : last.maxCapacity();
        return bounds.minCapacity() != recordedMin || bounds.maxCapacity() != recordedMax;
    }

    /** The services held back, on the hosts for {@code berth status}, when that changed. */
    private void recordThrottles(Stack recorded, ObservedState observed) {
        List<ServiceThrottle> throttles = backoff.throttles(clock.instant());
        if (!throttles.equals(observed.throttled())) {
            RestartRecords.write(stack, throttles, clients, reachableEngines(recorded, observed), clock)
                    .forEach(failure -> notice("warning: restart counts not recorded on " + failure));
        }
    }

    /** Each service's count as the plan keeps it (the scaler's, where it set one). */
    private static Map<String, Integer> desiredCounts(Stack recorded, ObservedState observed) {
        Map<String, Integer> counts = new TreeMap<>();
        recorded.services().forEach((name, service) -> counts.put(name,
                ScaledDesiredCount.of(name, service, observed.scaled())));
        return counts;
    }

    /** Records the count beside {@code current}, which it then joins. */
    private void record(Stack recorded, ObservedState observed, List<ScaledCount> current, ScaledCount count,
                        String why) {
        metrics.scaled(stack, count.service(), count.scaledOut());
        ScaleRecords.write(stack, current, count, clients, reachableEngines(recorded, observed), clock)
                .forEach(failure -> notice("warning: scaled count not recorded on " + failure));
        current.removeIf(c -> c.service().equals(count.service()));
        current.add(count);
        event(ApplyEvent.Type.info, "service." + count.service(), "auto scaling " + stack + "/" + count.service()
                + ": " + why);
    }

    private List<DockerEndpoint> reachableEngines(Stack recorded, ObservedState observed) {
        Set<String> reachable = observed.hosts().stream().filter(h -> h.reachable())
                .map(h -> h.cluster() + "/" + h.name()).collect(Collectors.toSet());
        return engines(recorded, h -> reachable.contains(h.cluster() + "/" + h.name()));
    }

    /** Under the stack's lock: the record once more, then the plan, less what the backoff holds. */
    private ApplyUseCase.Planned plan(ObservedState observed) {
        Stack recorded = ApplyRecords.applied(stack, clients, seeds).orElseThrow(RecordGone::new).stack();
        Instant now = clock.instant();
        lostHosts.observed(observed, now);
        boolean replaceLost = !lostHosts.lost(now).isEmpty();
        Plan plan = Planner.plan(recorded, observed, new PlanOptions(replaceLost));
        List<PlannedChange> changes = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            changes.add(heldBack(change, now) ? PlannedChange.noop(change.address()) : change);
        }
        return new ApplyUseCase.Planned(recorded, new Plan(plan.stack(), changes, plan.problems(), plan.warnings()));
    }

    /** Whether the change replaces failed tasks of a service that must wait; counts it when it may go. */
    private boolean heldBack(PlannedChange change, Instant now) {
        if (!repairsFailures(change)) {
            return false;
        }
        String service = change.address().name();
        if (held(change, now)) {
            return true;
        }
        backoff.replaced(service, now);
        metrics.replaced(stack, service);
        event(ApplyEvent.Type.info, "service." + service, "replacing failed tasks of " + stack + "/" + service
                + ": " + change.reasons().stream().map(Reason::message).collect(Collectors.joining("; ")));
        return false;
    }

    /** Whether the backoff holds the change back; says so, and wakes the loop when it may go. */
    private boolean held(PlannedChange change, Instant now) {
        if (!repairsFailures(change)) {
            return false;
        }
        String service = change.address().name();
        Optional<Instant> until = backoff.heldUntil(service, now);
        if (until.isEmpty()) {
            return false;
        }
        say("service " + stack + "/" + service + " keeps failing (" + backoff.restarts(service, now)
                + " replacements in a row): next attempt at " + until.get());
        if (!until.get().equals(wakeScheduled)) {
            wakeScheduled = until.get();
            wakeAt(until.get());
        }
        return true;
    }

    private static boolean repairsFailures(PlannedChange change) {
        return change.address().kind() == Address.Kind.service
                && change.reasons().stream().anyMatch(r -> FAILURE_REPAIRS.contains(r.code()));
    }

    /** The engines behind the recorded stack's hosts that {@code which} takes, each once. */
    private List<DockerEndpoint> engines(Stack recorded, Predicate<ClusterHost> which) {
        return List.copyOf(ClusterHosts.byEngine(clusterHosts.of(recorded).stream().filter(which).toList()).keySet());
    }

    private void waitForWake() {
        Instant deadline = lostHosts.nextDeadline();
        Duration wait = settings.interval();
        if (deadline != null) {
            Duration untilDeadline = Duration.between(clock.instant(), deadline);
            if (untilDeadline.compareTo(wait) < 0) {
                wait = untilDeadline.isNegative() ? Duration.ZERO : untilDeadline;
            }
        }
        try {
            String reason = wake.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (reason != null && !stopped) {
                Thread.sleep(SETTLE);
                List<String> more = new ArrayList<>();
                wake.drainTo(more);
                event(ApplyEvent.Type.info, null, "stack " + stack + ": woken: " + reason
                        + (more.isEmpty() ? "" : " (and " + more.size() + " more)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Wakes the loop when a held-back service may go again. */
    private void wakeAt(Instant at) {
        Duration wait = Duration.between(clock.instant(), at);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(wait.isNegative() ? Duration.ZERO : wait);
                wake.offer("a held-back service may be replaced again");
            } catch (InterruptedException ignored) {
                // The agent is stopping.
            }
        });
    }

    private void pause(Duration duration) {
        try {
            String reason = wake.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
            if (reason != null) {
                wake.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Says a state once, not every round while it lasts. */
    private void say(String message) {
        if (!message.equals(lastSaid)) {
            lastSaid = message;
            event(ApplyEvent.Type.info, null, message);
        }
    }

    private void notice(String notice) {
        event(ApplyEvent.Type.info, null, notice);
    }

    private void event(ApplyEvent.Type type, String address, String message) {
        listener.on(new ApplyEvent(clock.instant(), type, address, message, null));
    }

    /** The stack's record went while a round was about to act on it. */
    private static final class RecordGone extends RuntimeException {
        RecordGone() {
            super(null, null, false, false);
        }
    }
}
