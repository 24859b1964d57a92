package dev.berth.applier.agent;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.metrics.RequestRates;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.placement.TaskAsk;
import dev.berth.planner.scaling.Reading;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.Metric;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The metrics auto scaling reads, as ECS computes them. cpu and memory: the average utilization of
 * what the running tasks reserve; CPU per container is the docker CLI's figure (its usage delta
 * over the host's, times the host's CPUs) in CPU units of 1024 per core, memory is usage less the
 * inactive page cache. One stats call per container, all at once; the engine answers each after
 * about a second, with the previous sample for the delta. requestCountPerTarget: from the load
 * balancers' counters in the observations of the last minute ({@link RequestRates}), so it needs
 * no call of its own.
 */
final class ServiceMetrics {
    private static final long STATS_TIMEOUT_SECONDS = 10;
    /** ALBRequestCountPerTarget is a one-minute sum; the window reaches back that far. */
    private static final Duration REQUEST_WINDOW = Duration.ofMinutes(1);

    private record Look(Instant at, List<ObservedLoadBalancer> balancers) {
    }

    private final Deque<Look> looks = new ArrayDeque<>();
    private final DockerClients clients;
    private final ClusterHosts clusterHosts;

    ServiceMetrics(DockerClients clients, ClusterHosts clusterHosts) {
        this.clients = clients;
        this.clusterHosts = clusterHosts;
    }

    /**
     * The readings of these services' policies, keyed by service and metric; a metric without data
     * is absent. The stats calls of all their tasks go at once, so a round waits about a second
     * however many services scale, and not at all when none scales on cpu or memory.
     */
    Map<String, Map<Metric, Reading>> read(Stack stack, Map<String, Service> services, ObservedState observed,
                                           Instant now) {
        Map<String, Reading> requests = requestRates(observed, now);
        Map<String, Service> utilized = new HashMap<>();
        services.forEach((name, service) -> {
            if (metrics(service.autoScaling()).anyMatch(m -> m != Metric.requestCountPerTarget)) {
                utilized.put(name, service);
            }
        });
        Map<String, Map<Metric, Reading>> readings = new HashMap<>(utilized.isEmpty() ? Map.of()
                : utilization(stack, utilized, observed));
        services.forEach((name, service) -> {
            if (requests.containsKey(name) && metrics(service.autoScaling())
                    .anyMatch(m -> m == Metric.requestCountPerTarget)) {
                readings.computeIfAbsent(name, k -> new EnumMap<>(Metric.class))
                        .put(Metric.requestCountPerTarget, requests.get(name));
            }
        });
        return readings;
    }

    /** The metrics the service's policies watch. */
    static Stream<Metric> metrics(AutoScaling scaling) {
        return scaling == null ? Stream.empty() : Stream.concat(
                scaling.targetTracking().stream().map(AutoScaling.TargetTracking::metric),
                scaling.stepScaling().stream().map(AutoScaling.StepScaling::metric));
    }

    /** Requests per target and minute over the window, which this look joins. */
    private Map<String, Reading> requestRates(ObservedState observed, Instant now) {
        looks.addLast(new Look(now, observed.loadBalancers()));
        // The base is the newest look at least a window old, or the oldest while there is none yet.
        while (looks.size() > 2) {
            Iterator<Look> oldest = looks.iterator();
            oldest.next();
            if (oldest.next().at().isAfter(now.minus(REQUEST_WINDOW))) {
                break;
            }
            looks.removeFirst();
        }
        if (looks.size() < 2 || !looks.getFirst().at().isBefore(now)) {
            return Map.of();
        }
        RequestRates rates = RequestRates.between(looks.getFirst().at(), looks.getFirst().balancers(), now,
                observed.loadBalancers());
        Map<String, Reading> readings = new HashMap<>();
        rates.up().forEach((service, targets) -> rates.perTargetPerMinute(service)
                .ifPresent(rate -> readings.put(service, new Reading(rate, targets.size()))));
        return readings;
    }

    private Map<String, Map<Metric, Reading>> utilization(Stack stack, Map<String, Service> services,
                                                          ObservedState observed) {
        Set<String> reachable = observed.hosts().stream().filter(ObservedHost::reachable)
                .map(h -> h.cluster() + "/" + h.name()).collect(Collectors.toSet());
        Map<String, DockerEndpoint> endpoints = new HashMap<>();
        for (ClusterHost host : clusterHosts.of(stack)) {
            endpoints.put(host.cluster() + "/" + host.name(), host.endpoint());
        }
        List<ObservedTask> tasks = observed.tasks().stream()
                .filter(t -> services.containsKey(t.service()) && t.running()
                        && reachable.contains(t.cluster() + "/" + t.host()))
                .toList();
        List<Usage> usages = Fanout.map(tasks, task -> usage(task, endpoints.get(task.cluster() + "/" + task.host())));
        Map<String, List<Usage>> byService = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (usages.get(i) != null) {
                byService.computeIfAbsent(tasks.get(i).service(), k -> new ArrayList<>()).add(usages.get(i));
            }
        }
        Map<String, Map<Metric, Reading>> readings = new HashMap<>();
        services.forEach((name, service) -> readings.put(name,
                utilization(stack, name, service, byService.getOrDefault(name, List.of()))));
        return readings;
    }

    /** Percent of the reservation, over the measured tasks; a metric whose reservation is 0 is absent. */
    private static Map<Metric, Reading> utilization(Stack stack, String name, Service service, List<Usage> measured) {
        TaskDefinition definition = stack.taskDefinitions().get(service.taskDefinitionFamily());
        Map<Metric, Reading> utilization = new EnumMap<>(Metric.class);
        if (definition == null || measured.isEmpty()) {
            return utilization;
        }
        TaskAsk reserved = TaskAsk.of(name, definition);
        if (reserved.cpu() > 0) {
            utilization.put(Metric.cpu, new Reading(measured.stream().mapToDouble(Usage::cpuUnits).sum() * 100
                    / ((double) reserved.cpu() * measured.size()), measured.size()));
        }
        if (reserved.memory() > 0) {
            utilization.put(Metric.memory, new Reading(measured.stream().mapToDouble(Usage::memoryMib).sum() * 100
                    / ((double) reserved.memory() * measured.size()), measured.size()));
        }
        return utilization;
    }

    private record Usage(double cpuUnits, double memoryMib) {
    }

    /** The task's containers added up; null when any cannot be read (no data is no action). */
    private Usage usage(ObservedTask task, DockerEndpoint endpoint) {
        if (endpoint == null) {
            return null;
        }
        double cpu = 0;
        double memory = 0;
        for (ObservedContainer container : task.containers()) {
            if (!container.running()) {
                continue;
            }
            Statistics stats = stats(endpoint, container.id());
            if (stats == null || stats.getCpuStats() == null || stats.getPreCpuStats() == null
                    || stats.getCpuStats().getCpuUsage() == null || stats.getPreCpuStats().getCpuUsage() == null
                    || stats.getCpuStats().getSystemCpuUsage() == null
                    || stats.getPreCpuStats().getSystemCpuUsage() == null) {
                return null;
            }
            double used = stats.getCpuStats().getCpuUsage().getTotalUsage()
                    - stats.getPreCpuStats().getCpuUsage().getTotalUsage();
            double system = stats.getCpuStats().getSystemCpuUsage() - stats.getPreCpuStats().getSystemCpuUsage();
            Long online = stats.getCpuStats().getOnlineCpus();
            if (system > 0 && used >= 0) {
                cpu += used / system * (online == null ? 1 : online) * 1024;
            }
            if (stats.getMemoryStats() != null && stats.getMemoryStats().getUsage() != null) {
                long usage = stats.getMemoryStats().getUsage();
                var detail = stats.getMemoryStats().getStats();
                Long inactive = detail == null ? null
                        : detail.getInactiveFile() != null ? detail.getInactiveFile() : detail.getTotalInactiveFile();
                memory += Math.max(0, usage - (inactive == null ? 0 : inactive)) / (1024.0 * 1024.0);
            }
        }
        return new Usage(cpu, memory);
    }

    private Statistics stats(DockerEndpoint endpoint, String containerId) {
        List<Statistics> received = new ArrayList<>(1);
        try (ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics statistics) {
                synchronized (received) {
                    received.add(statistics);
                }
            }
        }) {
            clients.client(endpoint).statsCmd(containerId).withNoStream(true).exec(callback);
            callback.awaitCompletion(STATS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception unreadable) {
            return null;
        }
        synchronized (received) {
            return received.isEmpty() ? null : received.getFirst();
        }
    }
}
