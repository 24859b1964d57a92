package dev.berth.planner.metrics;

import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Requests per second each task was sent through the stack's load balancers between two
 * observations, from HAProxy's request counters: the metric behind ECS's
 * {@code ALBRequestCountPerTarget}. The times are the caller's, so this stays free of a clock.
 *
 * @param perTask by task id, over every load balancer container it is behind
 * @param up      by service, the tasks every container had up at the second observation
 */
public record RequestRates(Duration window, Map<String, TaskRate> perTask, Map<String, Set<String>> up) {
    public RequestRates {
        perTask = Map.copyOf(perTask);
        up = Map.copyOf(up);
    }

    /** The requests per second one task of {@code service} was sent. */
    public record TaskRate(String service, double perSecond) {
    }

    /**
     * A counter lower than before belongs to a container that restarted since (or a target added
     * again): its whole value counts, as ECS counts from a target's registration.
     */
    public static RequestRates between(Instant before, List<ObservedLoadBalancer> first, Instant after,
                                       List<ObservedLoadBalancer> second) {
        Duration window = Duration.between(before, after);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the second observation must come after the first: " + window);
        }
        Map<Target, Long> earlier = counters(first);
        Map<String, TaskRate> perTask = new TreeMap<>();
        counters(second).forEach((target, now) -> {
            long then = earlier.getOrDefault(target, 0L);
            double perSecond = (now >= then ? now - then : now) * 1e9 / window.toNanos();
            perTask.merge(target.taskId(), new TaskRate(target.service(), perSecond),
                    (a, b) -> new TaskRate(a.service(), a.perSecond() + b.perSecond()));
        });
        Map<String, Boolean> everywhereUp = new TreeMap<>();
        for (ObservedLoadBalancer balancer : second) {
            for (ObservedTarget target : balancer.targets()) {
                everywhereUp.merge(target.service() + "/" + target.taskId(), target.up(), Boolean::logicalAnd);
            }
        }
        Map<String, Set<String>> up = new TreeMap<>();
        everywhereUp.forEach((key, isUp) -> {
            int slash = key.indexOf('/');
            if (isUp) {
                up.computeIfAbsent(key.substring(0, slash), s -> new TreeSet<>()).add(key.substring(slash + 1));
            }
        });
        return new RequestRates(window, perTask, up);
    }

    /**
     * The service's requests per minute divided by its healthy targets, as ECS's target tracking
     * reads {@code ALBRequestCountPerTarget}: requests to tasks that left meanwhile count, the tasks
     * do not. Empty without a healthy target (no data, no action).
     */
    public OptionalDouble perTargetPerMinute(String service) {
        Set<String> healthy = up.getOrDefault(service, Set.of());
        if (healthy.isEmpty()) {
            return OptionalDouble.empty();
        }
        double total = perTask.values().stream().filter(rate -> rate.service().equals(service))
                .mapToDouble(TaskRate::perSecond).sum();
        return OptionalDouble.of(total * 60 / healthy.size());
    }

    /** One counter per container, service and task (a task in an http and a tcp backend has two, added). */
    private record Target(String containerId, String service, String taskId) {
    }

    private static Map<Target, Long> counters(List<ObservedLoadBalancer> balancers) {
        Map<Target, Long> counters = new HashMap<>();
        for (ObservedLoadBalancer balancer : balancers) {
            for (ObservedTarget target : balancer.targets()) {
                counters.merge(new Target(balancer.containerId(), target.service(), target.taskId()),
                        target.requests(), Long::sum);
            }
        }
        return counters;
    }
}
