package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerDependency;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs ECS-style tasks on Docker engines. The stack's networks must exist ({@code StackNetworks})
 * and its images be on the host ({@link ImagePreflight}) before a launch.
 */
public final class DockerTaskRuntime implements TaskRuntime {
    public static final int DEFAULT_PERMITS_PER_HOST = 8;

    private final DockerClients clients;
    private final SecretResolver secrets;
    private final HostPermits permits;
    private final LogTail logTail;
    /**
     * The containers of each task launched and not yet awaited, by container name: the health wait
     * that follows every launch would otherwise list them, one more request per task while the engine
     * is busiest.
     */
    private final Map<String, Map<String, String>> launched = new ConcurrentHashMap<>();
    private final ContainerEvents events = new ContainerEvents();

    public DockerTaskRuntime(DockerClients clients, SecretResolver secrets, int permitsPerHost) {
        this(clients, secrets, permitsPerHost, false);
    }

    /**
     * @param permitsPerHost     how many create, start and stop calls may run against one engine at once
     * @param logTailInFailures  whether a failure reason may quote the last lines of a container's
     *                           log; off by default, since a log may contain secrets
     */
    public DockerTaskRuntime(DockerClients clients, SecretResolver secrets, int permitsPerHost,
                             boolean logTailInFailures) {
        this.clients = clients;
        this.secrets = secrets;
        this.permits = new HostPermits(permitsPerHost);
        this.logTail = new LogTail(logTailInFailures);
    }

    @Override
    public TaskResult launch(TaskSpec task) {
        DockerClient client = clients.client(task.host().endpoint());
        try {
            launched.put(launchKey(task), start(client, task));
            return TaskResult.ok(task.taskId());
        } catch (TaskFailure | SecretUnavailableException failure) {
            containers(task.host(), client).remove(task.stack(), task.taskId());
            return TaskResult.failed(task.taskId(), failure.getMessage());
        } catch (RuntimeException engine) {
            containers(task.host(), client).remove(task.stack(), task.taskId());
            return TaskResult.failed(task.taskId(), "launch failed: " + EngineFailures.describe(engine));
        }
    }

    private static String launchKey(TaskSpec task) {
        return task.host().endpoint() + " " + task.stack() + " " + task.taskId();
    }

    /** @return the task's containers by name */
    private Map<String, String> start(DockerClient client, TaskSpec task) {
        List<ContainerDefinition> definitions = task.definition().containerDefinitions();
        // Resolved up front, so a missing secret fails the task before anything is created. The
        // environment files' variables go with them: neither is in the expected config's environment.
        Map<String, Map<String, String>> secretValues = new HashMap<>();
        Map<String, Map<String, String>> logSecretValues = new HashMap<>();
        for (ContainerDefinition c : definitions) {
            Map<String, String> values = new LinkedHashMap<>(secrets.environmentFiles(task.family(), c.name()));
            values.putAll(secrets.resolve(c.name(), c.secrets()));
            secretValues.put(c.name(), values);
            logSecretValues.put(c.name(), c.logConfiguration() == null ? Map.of()
                    : secrets.resolveLogOptions(c.name(), c.logConfiguration().secretOptions()));
        }
        Map<String, ContainerDefinition> byName = definitions.stream()
                .collect(Collectors.toMap(ContainerDefinition::name, Function.identity()));
        List<ContainerDefinition> order = StartOrder.of(definitions);
        DockerEndpoint endpoint = task.host().endpoint();
        EngineJson engine = EngineJson.of(client);
        dockerStep("the task's volumes could not be created", () ->
                permits.run(endpoint, () -> TaskVolumes.prepare(client, task)));
        Map<String, String> ids = new HashMap<>();
        for (ContainerDefinition container : order) {
            for (ContainerDependency dependency : container.dependsOn()) {
                DependencyConditions.await(client, container.name(), dependency,
                        byName.get(dependency.containerName()), ids.get(dependency.containerName()));
            }
            NetworkAttachment network = NetworkAttachment.of(task, order, container);
            Map<String, String> values = secretValues.remove(container.name());
            Map<String, String> logValues = logSecretValues.remove(container.name());
            dockerStep("container " + container.name() + " could not be started", () -> {
                String id = permits.call(endpoint, () ->
                        ContainerSpecs.create(engine, task, container, values, logValues, network));
                ids.put(container.name(), id);
                if (network.namespaceNetwork() != null) {
                    permits.run(endpoint, () -> engine.connectNetwork(network.namespaceNetwork(), id, network.aliases()));
                }
                permits.run(endpoint, () -> engine.startContainer(id));
            });
        }
        return Map.copyOf(ids);
    }

    /** Turns an engine error into a task failure that says which step failed and why. */
    private static void dockerStep(String whatFailed, Runnable step) {
        try {
            step.run();
        } catch (TaskFailure failure) {
            throw failure;
        } catch (RuntimeException failure) {
            throw new TaskFailure(whatFailed + ": " + EngineFailures.describe(failure));
        }
    }

    @Override
    public TaskResult awaitHealthy(TaskSpec task, Duration timeout) {
        DockerClient client = clients.client(task.host().endpoint());
        // A task this runtime did not launch (an earlier run's) is found by its labels.
        Map<String, String> known = launched.remove(launchKey(task));
        Map<String, String> ids = known != null ? known : containers(task.host(), client).ids(task.stack(), task.taskId());
        TaskHealth health = new TaskHealth(client, logTail);
        try (ContainerEvents.Watch watch = events.watch(task.host().endpoint(), client, task.stack(), ids.values())) {
            // No task is healthy sooner than the minimum grace after it started, and launch has just
            // started it: asking the engine before then only slows the launches still under way.
            Polling.sleep(TaskHealth.MINIMUM_GRACE);
            return Polling.until(timeout, () -> health.judge(task, ids, Instant.now(), watch.told()), health::readyAt,
                            watch)
                    .orElseGet(() -> TaskResult.failed(task.taskId(), "not healthy within " + timeout.toSeconds() + " s"));
        }
    }

    @Override
    public void stop(ClusterHost host, String stack, String taskId) {
        containers(host, clients.client(host.endpoint())).remove(stack, taskId);
    }

    private TaskContainers containers(ClusterHost host, DockerClient client) {
        return new TaskContainers(client, host.endpoint(), permits);
    }
}
