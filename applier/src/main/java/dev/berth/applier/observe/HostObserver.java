package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.EngineJson.Volume;
import dev.berth.applier.loadbalancer.HaproxyConfig;
import dev.berth.applier.loadbalancer.LoadBalancerContainer;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedHost.HostInfo;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedTarget;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.environment.EnvironmentFiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Reads what one engine holds for a stack with a fixed number of calls (info and one labelled list
 * each of containers, networks and revision volumes, all at once), then, at full depth, one
 * inspect per task container for what the list lacks, a bounded number at a time.
 */
public final class HostObserver {
    /** How much of each task an observation reads. */
    public enum Depth {
        /** Everything the planner compares: one inspect per task container, each load balancer's targets. */
        full,
        /**
         * Where each task runs, from the container list's labels alone: tasks without containers, no
         * load balancers. What an apply records once it ran, for which the full read cost a second
         * inspect of every container.
         */
        placement
    }

    /** Leaves connections in the client's pool for the list calls and for other work on the host. */
    private static final int CONCURRENT_INSPECTS = 16;

    private final DockerClient client;
    private final EngineJson engine;
    private final EnvironmentFiles files;

    public HostObserver(DockerClient client) {
        this(client, EnvironmentFiles.NONE);
    }

    /** @param files what the stack's environment files give now, which each container is compared with */
    public HostObserver(DockerClient client, EnvironmentFiles files) {
        this.client = client;
        this.engine = EngineJson.of(client);
        this.files = files;
    }

    /**
     * @param sharers the cluster hosts that name this engine (more than one when clusters share it);
     *                objects go to the one their {@code berth.cluster} label names, else the first
     * @throws RuntimeException when the engine cannot be read; the caller reports the host unreachable
     */
    public HostObservation observe(String stack, List<ClusterHost> sharers, Depth depth) {
        Attribution attribution = new Attribution(sharers);
        List<String> stackLabel = List.of(BerthLabels.STACK + "=" + stack);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<JsonNode> info = calls.submit(engine::info);
            Future<List<ListedContainer>> containers = calls.submit(() -> engine.listContainers(stackLabel).stream()
                    .map(ListedContainer::of).toList());
            Future<List<JsonNode>> networks = calls.submit(() -> engine.listNetworks(stackLabel));
            // Every record volume of the stack at once: revisions here, the others after merging.
            Future<List<Volume>> volumes = calls.submit(() -> engine.listVolumes(stackLabel));

            HostInfo hostInfo = hostInfo(await(info));
            List<ObservedHost> hosts = sharers.stream()
                    .map(h -> new ObservedHost(h.cluster(), h.name(), h.endpoint().toString(), true, null, hostInfo))
                    .toList();
            List<ListedContainer> listed = await(containers);
            List<String> warnings = new ArrayList<>();
            Map<Boolean, List<Volume>> records = await(volumes).stream().collect(
                    Collectors.partitioningBy(v -> BerthLabels.KIND_REVISION.equals(v.labels().get(BerthLabels.KIND))));
            List<HostRevision> revisions = revisions(records.get(true), attribution, warnings);
            boolean full = depth == Depth.full;
            return new HostObservation(hosts,
                    full ? tasks(listed, attribution, calls) : placedTasks(listed, attribution),
                    networks(await(networks), attribution),
                    full ? loadBalancers(listed, attribution, calls) : List.of(), revisions, records.get(false), warnings);
        }
    }

    private static HostInfo hostInfo(JsonNode info) {
        String os = info.path("OperatingSystem").isTextual() ? info.get("OperatingSystem").textValue()
                : info.path("OSType").textValue();
        return new HostInfo(info.path("NCPU").asInt(), info.path("MemTotal").asLong(), os,
                info.path("Architecture").textValue(), info.path("ServerVersion").textValue());
    }

    private static List<ListedContainer> taskContainers(List<ListedContainer> listed) {
        return listed.stream()
                .filter(c -> !BerthLabels.KIND_LOAD_BALANCER.equals(c.label(BerthLabels.KIND)))
                .filter(c -> c.label(BerthLabels.TASK) != null)
                .toList();
    }

    /** One task per task label, as {@link ApplyRecords} writes them: from the labels of its first container. */
    private static List<ObservedTask> placedTasks(List<ListedContainer> listed, Attribution attribution) {
        Map<String, Map<String, String>> byTask = new LinkedHashMap<>();
        for (ListedContainer container : taskContainers(listed)) {
            byTask.putIfAbsent(container.label(BerthLabels.TASK), container.labels());
        }
        return byTask.entrySet().stream()
                .map(task -> task(task.getKey(), task.getValue(), List.of(), attribution))
                .toList();
    }

    private List<ObservedTask> tasks(List<ListedContainer> listed, Attribution attribution, ExecutorService calls) {
        List<ListedContainer> taskContainers = taskContainers(listed);
        Semaphore permits = new Semaphore(CONCURRENT_INSPECTS);
        List<Future<Optional<ObservedContainer>>> reads = taskContainers.stream()
                .map(c -> calls.submit(() -> inspect(c, permits)))
                .toList();
        Map<String, List<ObservedContainer>> byTask = new LinkedHashMap<>();
        for (Future<Optional<ObservedContainer>> read : reads) {
            await(read).ifPresent(c -> byTask.computeIfAbsent(c.labels().get(BerthLabels.TASK), t -> new ArrayList<>()).add(c));
        }
        return byTask.entrySet().stream()
                .map(task -> task(task.getKey(), task.getValue(), attribution))
                .sorted(Comparator.comparing(ObservedTask::cluster).thenComparing(ObservedTask::host)
                        .thenComparing(ObservedTask::taskId))
                .toList();
    }

    /** Empty when the container went away between the list and the inspect. */
    private Optional<ObservedContainer> inspect(ListedContainer listed, Semaphore permits) throws InterruptedException {
        permits.acquire();
        try {
            return engine.inspectContainer(listed.id()).map(inspected -> ContainerReading.read(listed, inspected, files));
        } finally {
            permits.release();
        }
    }

    private static ObservedTask task(String taskId, List<ObservedContainer> containers, Attribution attribution) {
        List<ObservedContainer> ordered = containers.stream()
                .sorted(Comparator.comparing(ObservedContainer::containerName, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return task(taskId, ordered.getFirst().labels(), ordered, attribution);
    }

    private static ObservedTask task(String taskId, Map<String, String> labels, List<ObservedContainer> containers,
                                     Attribution attribution) {
        ClusterHost host = attribution.of(labels);
        return new ObservedTask(taskId, host.cluster(), host.name(), labels.get(BerthLabels.SERVICE),
                labels.get(BerthLabels.FAMILY), revision(labels.get(BerthLabels.REVISION)),
                labels.get(BerthLabels.SPEC_HASH), containers);
    }

    /** 0 marks a task whose revision is unknown, so the planner replaces it rather than trusting it. */
    private static int revision(String label) {
        if (label == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(label.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Each load balancer container, with the configuration it runs and its targets as its admin
     * socket reports them (one {@code docker exec} each); one whose socket does not answer is seen
     * with neither, which the planner reconfigures.
     */
    private List<ObservedLoadBalancer> loadBalancers(List<ListedContainer> listed, Attribution attribution,
                                                     ExecutorService calls) {
        List<Future<ObservedLoadBalancer>> reads = listed.stream()
                .filter(c -> BerthLabels.KIND_LOAD_BALANCER.equals(c.label(BerthLabels.KIND)))
                .map(c -> calls.submit(() -> loadBalancer(c, attribution.of(c.labels()))))
                .toList();
        return reads.stream().map(HostObserver::await).toList();
    }

    private ObservedLoadBalancer loadBalancer(ListedContainer listed, ClusterHost host) {
        boolean running = "running".equals(listed.state());
        String specHash = null;
        List<ObservedTarget> targets = new ArrayList<>();
        if (running) {
            try {
                LoadBalancerContainer.Snapshot snapshot = new LoadBalancerContainer(client, listed.id()).snapshot();
                specHash = snapshot.specHash();
                Set<String> seen = new HashSet<>();
                for (LoadBalancerContainer.Stat stat : snapshot.stats()) {
                    String service = HaproxyConfig.service(stat.backend());
                    if (service != null && seen.add(service + "/" + stat.server())) {
                        targets.add(target(service, stat));
                    }
                }
            } catch (RuntimeException unreadable) {
                // Seen as running another configuration: the next apply gives it the stack's again.
            }
        }
        return new ObservedLoadBalancer(host.cluster(), host.name(), listed.label(BerthLabels.LOAD_BALANCER),
                listed.id(), specHash, listed.image(), running, targets);
    }

    private static ObservedTarget target(String service, LoadBalancerContainer.Stat stat) {
        int colon = stat.address().lastIndexOf(':');
        int port = colon < 0 ? 0 : Integer.parseInt(stat.address().substring(colon + 1));
        return new ObservedTarget(service, stat.server(), colon < 0 ? stat.address() : stat.address().substring(0, colon),
                port, stat.status(), stat.check(), stat.sessions(), stat.requests());
    }

    private static List<ObservedNetwork> networks(List<JsonNode> listed, Attribution attribution) {
        return listed.stream()
                .map(n -> {
                    Map<String, String> labels = EngineJson.stringMap(n.path("Labels"));
                    return new ObservedNetwork(attribution.of(labels).name(), n.path("Id").asText(),
                            n.path("Name").asText(), labels.get(BerthLabels.NAMESPACE));
                })
                .toList();
    }

    private static List<HostRevision> revisions(List<Volume> volumes, Attribution attribution,
                                                List<String> warnings) {
        List<HostRevision> revisions = new ArrayList<>();
        for (Volume volume : volumes) {
            String host = attribution.of(volume.labels()).name();
            try {
                revisions.add(new HostRevision(host, RevisionVolumes.record(volume.labels())));
            } catch (IllegalArgumentException unreadable) {
                warnings.add("ignored revision volume " + volume.name() + " on " + host + ": "
                        + unreadable.getMessage());
            }
        }
        return revisions;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while observing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Picks, among the cluster hosts sharing this engine, the one an object belongs to. */
    private record Attribution(List<ClusterHost> sharers) {
        ClusterHost of(Map<String, String> labels) {
            String cluster = labels == null ? null : labels.get(BerthLabels.CLUSTER);
            return sharers.stream().filter(h -> h.cluster().equals(cluster)).findFirst().orElse(sharers.getFirst());
        }
    }
}
