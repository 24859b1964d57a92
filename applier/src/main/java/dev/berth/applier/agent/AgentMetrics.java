package dev.berth.applier.agent;

import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTarget;
import dev.berth.planner.observed.ObservedTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the agents of one process saw and did, for {@code /metrics} (Prometheus's text format),
 * {@code /healthz} and the status page: per service the desired, running and healthy tasks of the
 * last round, the replacements and scaling decisions so far, each load balancer's targets by
 * state, and whether this agent leads each stack; for the page also each stack's tasks by host in
 * the last round, the process's recent events (as a listener of them) and an hour of samples of
 * each auto scaled service. Written by the agents' threads, read by the server's.
 */
public final class AgentMetrics implements ApplyListener {
    /** Enough to see what led to the present, small enough for one page. */
    static final int EVENTS = 200;
    /** How far back the page plots a scaled service. */
    static final Duration HISTORY = Duration.ofHours(1);

    private final ConcurrentMap<String, Integer> leader = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> lastRound = new ConcurrentHashMap<>();
    private final ConcurrentMap<Labels, int[]> tasks = new ConcurrentHashMap<>();
    private final ConcurrentMap<Labels, AtomicLong> replacements = new ConcurrentHashMap<>();
    private final ConcurrentMap<Labels, AtomicLong> scalings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<Labels, Integer>> targets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<HostTasks>> tasksByHost = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Deque<Point>>> series = new ConcurrentHashMap<>();
    /** Newest first. */
    private final Deque<ApplyEvent> events = new ArrayDeque<>();

    /** A host of a stack and the tasks the last round saw on it (none when it did not answer). */
    record HostTasks(String cluster, String host, boolean reachable, List<TaskState> tasks) {
    }

    /**
     * One task as the page shows it: no container settings, so nothing of its environment.
     *
     * @param state  running, else the states of its essential containers ({@code exited (1)})
     * @param health the worst health of its essential containers, or null when none has a check
     */
    record TaskState(String service, String taskId, String state, String health) {
    }

    /**
     * One round's sample of an auto scaled service.
     *
     * @param metrics the readings by metric name: {@code cpu} and {@code memory} in percent,
     *                {@code requestCountPerTarget} in requests per target and minute
     */
    record Point(Instant at, int desired, int running, Map<String, Double> metrics) {
    }

    /**
     * A stack as the page shows it; {@code leads} is null until the agent tried to lead it,
     * {@code lastRound} before its first round.
     */
    record StackStatus(String stack, Boolean leads, Instant lastRound, List<HostTasks> hosts,
                       Map<String, List<Point>> series) {
    }

    /** What the page shows, as of {@code now}: the stacks in the order given, events newest first. */
    record Snapshot(Instant now, List<StackStatus> stacks, List<ApplyEvent> events) {
    }

    /** Label names and values, in order; compared whole. */
    private record Labels(String... pairs) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Labels l && java.util.Arrays.equals(pairs, l.pairs);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(pairs);
        }

        String text() {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < pairs.length; i += 2) {
                out.append(i == 0 ? "" : ",").append(pairs[i]).append("=\"").append(escape(pairs[i + 1]))
                        .append('"');
            }
            return out.append('}').toString();
        }
    }

    void leading(String stack, boolean leads) {
        leader.put(stack, leads ? 1 : 0);
    }

    /** A round ended at {@code at}, having seen {@code observed} with these desired counts. */
    void round(String stack, ObservedState observed, Map<String, Integer> desired, Instant at) {
        lastRound.put(stack, at);
        desired.forEach((service, count) -> {
            int running = 0;
            int healthy = 0;
            for (ObservedTask task : observed.tasks()) {
                if (service.equals(task.service()) && task.running()) {
                    running++;
                    if (task.containers().stream().filter(ObservedContainer::essential)
                            .allMatch(c -> c.health() == null || "healthy".equals(c.health()))) {
                        healthy++;
                    }
                }
            }
            tasks.put(new Labels("stack", stack, "service", service), new int[] {count, running, healthy});
        });
        Map<Labels, Integer> states = new TreeMap<>(java.util.Comparator.comparing(Labels::text));
        for (ObservedLoadBalancer balancer : observed.loadBalancers()) {
            for (ObservedTarget target : balancer.targets()) {
                states.merge(new Labels("stack", stack, "load_balancer", balancer.name(), "host", balancer.host(),
                        "state", target.status() == null ? "unknown" : target.status()), 1, Integer::sum);
            }
        }
        targets.put(stack, states);
        tasksByHost.put(stack, byHost(observed));
    }

    private static List<HostTasks> byHost(ObservedState observed) {
        Map<String, ObservedHost> known = new TreeMap<>();
        observed.hosts().forEach(h -> known.put(h.cluster() + "/" + h.name(), h));
        Map<String, List<ObservedTask>> tasksOf = observed.tasks().stream()
                .collect(Collectors.groupingBy(t -> t.cluster() + "/" + t.host(), TreeMap::new, Collectors.toList()));
        List<HostTasks> rows = new ArrayList<>();
        known.forEach((key, host) -> rows.add(new HostTasks(host.cluster(), host.name(), host.reachable(),
                tasksOf.getOrDefault(key, List.of()).stream()
                        .sorted(Comparator.comparing(ObservedTask::service, Comparator.nullsFirst(
                                Comparator.naturalOrder())).thenComparing(ObservedTask::taskId))
                        .map(AgentMetrics::taskState).toList())));
        return List.copyOf(rows);
    }

    private static TaskState taskState(ObservedTask task) {
        List<ObservedContainer> essential = task.containers().stream().filter(ObservedContainer::essential).toList();
        String state = task.running() ? "running" : essential.stream()
                .map(c -> c.state() + (c.exitCode() == null || c.running() ? "" : " (" + c.exitCode() + ")"))
                .distinct().collect(Collectors.joining(", "));
        List<String> health = essential.stream().map(ObservedContainer::health).filter(Objects::nonNull).toList();
        String worst = health.isEmpty() ? null : health.contains("unhealthy") ? "unhealthy"
                : health.contains("starting") ? "starting" : "healthy";
        return new TaskState(task.service(), task.taskId(), state, worst);
    }

    /**
     * A round's sample of an auto scaled service, kept for an hour after {@code at}.
     *
     * @param desired the count before this round's decision
     * @param running the tasks measured
     * @param metrics the readings by metric name
     */
    void sampled(String stack, String service, Instant at, int desired, int running, Map<String, Double> metrics) {
        Deque<Point> points = series.computeIfAbsent(stack, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(service, k -> new ArrayDeque<>());
        synchronized (points) {
            points.addLast(new Point(at, desired, running, Map.copyOf(metrics)));
            Instant oldest = at.minus(HISTORY);
            while (points.getFirst().at().isBefore(oldest)) {
                points.removeFirst();
            }
        }
    }

    /** Keeps the event for the page; the agent's listener hands it every event it prints. */
    @Override
    public void on(ApplyEvent event) {
        synchronized (events) {
            events.addFirst(event);
            if (events.size() > EVENTS) {
                events.removeLast();
            }
        }
    }

    /** The page's view of these stacks, with the samples of the hour before {@code now}. */
    Snapshot snapshot(List<String> stacks, Instant now) {
        Instant oldest = now.minus(HISTORY);
        List<StackStatus> statuses = new ArrayList<>();
        for (String stack : stacks) {
            Map<String, List<Point>> plotted = new TreeMap<>();
            Map<String, Deque<Point>> services = series.get(stack);
            if (services != null) {
                // A service sampled no more (its target tracking removed) fades out.
                services.forEach((service, points) -> {
                    List<Point> recent;
                    synchronized (points) {
                        recent = points.stream().filter(p -> !p.at().isBefore(oldest)).toList();
                    }
                    if (!recent.isEmpty()) {
                        plotted.put(service, recent);
                    }
                });
            }
            Integer leads = leader.get(stack);
            statuses.add(new StackStatus(stack, leads == null ? null : leads == 1, lastRound.get(stack),
                    tasksByHost.getOrDefault(stack, List.of()), plotted));
        }
        synchronized (events) {
            return new Snapshot(now, List.copyOf(statuses), List.copyOf(events));
        }
    }

    void replaced(String stack, String service) {
        replacements.computeIfAbsent(new Labels("stack", stack, "service", service), k -> new AtomicLong())
                .incrementAndGet();
    }

    void scaled(String stack, String service, boolean out) {
        scalings.computeIfAbsent(new Labels("stack", stack, "service", service, "direction", out ? "out" : "in"),
                k -> new AtomicLong()).incrementAndGet();
    }

    /** Stacks whose last round is older than {@code stale} (or that never had one since {@code since}). */
    Map<String, String> stale(Iterable<String> stacks, Duration stale, Instant now, Instant since) {
        Map<String, String> late = new TreeMap<>();
        for (String stack : stacks) {
            Instant last = lastRound.get(stack);
            Instant reference = last == null ? since : last;
            if (Duration.between(reference, now).compareTo(stale) > 0) {
                late.put(stack, last == null ? "no round yet" : "last round at " + last);
            }
        }
        return late;
    }

    /** The Prometheus text exposition format, version 0.0.4. */
    public String exposition() {
        StringBuilder out = new StringBuilder();
        family(out, "berth_agent_leader", "gauge", "Whether this agent leads the stack (1) or waits for the leader (0).");
        new TreeMap<>(leader).forEach((stack, value) -> sample(out, "berth_agent_leader",
                new Labels("stack", stack), value));
        family(out, "berth_agent_last_round_timestamp_seconds", "gauge", "When the agent last observed the stack.");
        new TreeMap<>(lastRound).forEach((stack, at) -> sample(out, "berth_agent_last_round_timestamp_seconds",
                new Labels("stack", stack), at.toEpochMilli() / 1000.0));
        String[][] counts = {{"berth_service_desired_tasks", "Tasks the service should run (as the plan keeps it)."},
                {"berth_service_running_tasks", "Tasks whose essential containers run."},
                {"berth_service_healthy_tasks", "Running tasks whose health checks pass (or that have none)."}};
        for (int i = 0; i < counts.length; i++) {
            int index = i;
            family(out, counts[i][0], "gauge", counts[i][1]);
            sorted(tasks).forEach((labels, values) -> sample(out, counts[index][0], labels, values[index]));
        }
        family(out, "berth_agent_replacements_total", "counter", "Rounds that replaced failed tasks of the service.");
        sorted(replacements).forEach((labels, value) -> sample(out, "berth_agent_replacements_total", labels,
                value.get()));
        family(out, "berth_agent_scaling_decisions_total", "counter", "Counts the auto scaler set, by direction.");
        sorted(scalings).forEach((labels, value) -> sample(out, "berth_agent_scaling_decisions_total", labels,
                value.get()));
        family(out, "berth_load_balancer_targets", "gauge", "Targets of each load balancer copy, by their state there.");
        new TreeMap<>(targets).values().forEach(states -> states.forEach((labels, value) ->
                sample(out, "berth_load_balancer_targets", labels, value)));
        return out.toString();
    }

    private static <V> Map<Labels, V> sorted(Map<Labels, V> values) {
        Map<Labels, V> sorted = new TreeMap<>(java.util.Comparator.comparing(Labels::text));
        sorted.putAll(values);
        return sorted;
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, Labels labels, Number value) {
        out.append(name).append(labels.text()).append(' ').append(value).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
