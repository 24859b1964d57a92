package dev.berth.applier.agent;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.placement.TaskAsk;
import dev.berth.schema.model.AutoScaling.TargetTracking.Metric;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A service's average utilization, as ECS computes it for target tracking: the CPU its running
 * tasks use over the CPU they reserve, and likewise memory. CPU per container is the docker CLI's
 * figure (its usage delta over the host's, times the host's CPUs) in CPU units of 1024 per core;
 * memory is usage less the inactive page cache. One stats call per container, all at once; the
 * engine answers each after about a second, with the previous sample for the delta.
 */
final class ServiceMetrics {
    private static final long STATS_TIMEOUT_SECONDS = 10;

    /** The averages, percent, over {@code measured} running tasks; a metric whose reservation is 0 is absent. */
    record Sample(int measured, Map<Metric, Double> utilization) {
    }

    private final DockerClients clients;
    private final ClusterHosts clusterHosts;

    ServiceMetrics(DockerClients clients, ClusterHosts clusterHosts) {
        this.clients = clients;
        this.clusterHosts = clusterHosts;
    }

    /**
     * The samples of these services, keyed by name; the stats calls of all their tasks go at once,
     * so a round waits about a second however many services scale.
     */
    Map<String, Sample> sample(Stack stack, Map<String, Service> services, ObservedState observed) {
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
        Map<String, Sample> samples = new HashMap<>();
        services.forEach((name, service) -> samples.put(name,
                sample(stack, name, service, byService.getOrDefault(name, List.of()))));
        return samples;
    }

    private static Sample sample(Stack stack, String name, Service service, List<Usage> measured) {
        TaskDefinition definition = stack.taskDefinitions().get(service.taskDefinitionFamily());
        if (definition == null) {
            return new Sample(0, Map.of());
        }
        TaskAsk reserved = TaskAsk.of(name, definition);
        Map<Metric, Double> utilization = new EnumMap<>(Metric.class);
        if (!measured.isEmpty() && reserved.cpu() > 0) {
            utilization.put(Metric.cpu, measured.stream().mapToDouble(Usage::cpuUnits).sum() * 100
                    / ((double) reserved.cpu() * measured.size()));
        }
        if (!measured.isEmpty() && reserved.memory() > 0) {
            utilization.put(Metric.memory, measured.stream().mapToDouble(Usage::memoryMib).sum() * 100
                    / ((double) reserved.memory() * measured.size()));
        }
        return new Sample(measured.size(), utilization);
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
