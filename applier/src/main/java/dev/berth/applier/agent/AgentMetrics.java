package dev.berth.applier.agent;

import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTarget;
import dev.berth.planner.observed.ObservedTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agents of one process saw and did, for {@code /metrics} (Prometheus's text format) and
 * {@code /healthz}: per service the desired, running and healthy tasks of the last round, the
 * replacements and scaling decisions so far, each load balancer's targets by state, and whether
 * this agent leads each stack. Written by the agents' threads, read by the server's.
 */
public final class AgentMetrics {
    private final ConcurrentMap<String, Integer> leader = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> lastRound = new ConcurrentHashMap<>();
    private final ConcurrentMap<Labels, int[]> tasks = new ConcurrentHashMap<>();
    private final ConcurrentMap<Labels, AtomicLong> replacements = new ConcurrentHashMap<>();
    private final ConcurrentMap<Labels, AtomicLong> scalings = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<Labels, Integer>> targets = new ConcurrentHashMap<>();

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
