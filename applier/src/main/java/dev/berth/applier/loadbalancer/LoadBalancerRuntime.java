package dev.berth.applier.loadbalancer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.berth.applier.deploy.TargetRegistry;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.GracefulStop;
import dev.berth.applier.loadbalancer.HaproxyConfig.Server;
import dev.berth.applier.task.SecretResolver;
import dev.berth.applier.task.TaskResult;
import dev.berth.applier.task.TaskSpec;
import dev.berth.planner.loadbalancer.LoadBalancerImage;
import dev.berth.planner.loadbalancer.ServiceConnectProxies;
import dev.berth.planner.network.NetworkNames;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.LoadBalancerDetail.Target;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LoadBalancer.Listener;
import dev.berth.schema.model.NetworkMode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The load balancers of one stack on its engines: creates, reconfigures and removes their HAProxy
 * containers as a plan says, and keeps their targets, for the executor; registers and drains the
 * tasks of a deployment, as the {@link TargetRegistry}.
 * <p>
 * A container runs with the host's network, so its listeners are the host's ports and it reaches
 * the tasks of its own host at 127.0.0.1 and those of other hosts at their address. A target is
 * added disabled, its check enabled and forced down before it is enabled, so it gets no request
 * before its first checks pass (a server added enabled is up at once); one that goes is drained,
 * put in maintenance and only then deleted.
 */
public final class LoadBalancerRuntime implements TargetRegistry {
    private static final Duration POLL = Duration.ofMillis(250);
    /** Covers container start-up and the polling on top of the checks' own time. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final DockerClients clients;
    private final SecretResolver secrets;
    private final String stack;
    /** By engine and load balancer: each container once, so its configuration is written by one writer at a time. */
    private final Map<String, LoadBalancerContainer> containers = new ConcurrentHashMap<>();
    /** By engine and namespace: where a proxy there reaches the host's published ports. */
    private final Map<String, String> gateways = new ConcurrentHashMap<>();

    public LoadBalancerRuntime(DockerClients clients, SecretResolver secrets, String stack) {
        this.clients = clients;
        this.secrets = secrets;
        this.stack = stack;
    }

    public static String containerName(String stack, String loadBalancer) {
        return "berth-" + stack + "-lb-" + loadBalancer;
    }

    // --- the plan's load balancer changes ----------------------------------------------------------

    /**
     * A new container on {@code host}, with the plan's targets; returns once it answers with its
     * configuration.
     *
     * @param hosts the cluster's hosts by name, where the targets run
     */
    public void create(ClusterHost host, String name, LoadBalancerDetail detail, Function<String, ClusterHost> hosts) {
        DockerClient client = clients.client(host.endpoint());
        List<String> command = List.of("haproxy", "-W", "-db", "-f", HaproxyConfig.FILE);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BerthLabels.STACK, stack);
        labels.put(BerthLabels.KIND, BerthLabels.KIND_LOAD_BALANCER);
        labels.put(BerthLabels.CLUSTER, host.cluster());
        labels.put(BerthLabels.LOAD_BALANCER, name);
        LoadBalancerDetail.Discovery discovery = detail.discovery();
        HostConfig hostConfig = HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        CreateContainerCmd create = client.createContainerCmd(LoadBalancerImage.NAME).withName(containerName(stack, name))
                .withCmd(command).withLabels(labels);
        if (discovery == null) {
            create.withHostConfig(hostConfig.withNetworkMode("host"));
        } else {
            // A proxy is where its names point in the namespace: on the namespace's network, under them.
            create.withHostConfig(hostConfig.withNetworkMode(NetworkNames.namespace(stack, discovery.namespace())))
                    .withAliases(discovery.aliases());
        }
        String id = create.exec().getId();
        LoadBalancerContainer container = new LoadBalancerContainer(client, id);
        List<Server> servers = servers(name, detail.spec(), detail.targets(), host, hosts);
        Map<String, byte[]> files = files(name, detail, servers);
        // A state file with its version line and no server: HAProxy warns about an empty one.
        files.put(HaproxyConfig.STATE_FILE, "1\n".getBytes(StandardCharsets.UTF_8));
        container.write(files);
        client.startContainerCmd(id).exec();
        container.awaitConfiguration(detail.specHash());
        containers.put(key(host, name), container);
    }

    /**
     * The new configuration in place: the servers it has now stay (those of services still behind
     * it), the plan's targets it lacks are added.
     */
    public void reload(ClusterHost host, String name, LoadBalancerDetail detail, Function<String, ClusterHost> hosts) {
        LoadBalancerContainer container = find(host, name).orElseThrow(() -> gone(host, name));
        synchronized (container) {
            Map<String, Server> servers = new LinkedHashMap<>();
            servers(name, detail.spec(), detail.targets(), host, hosts).forEach(s -> servers.put(s.backend() + "/" + s.name(), s));
            servers.putAll(HaproxyConfig.fromState(container.send("show servers state")));
            Map<String, byte[]> files = files(name, detail, List.copyOf(servers.values()));
            String config = new String(files.get(HaproxyConfig.FILE), StandardCharsets.UTF_8);
            container.check(config).ifPresent(complaint -> {
                throw new IllegalStateException("the new configuration of load balancer " + name + " on " + host.name()
                        + " is refused by HAProxy, so it keeps the old one: " + complaint);
            });
            container.reload(detail.specHash(), files);
            // Servers of backends that are gone were left out by HAProxy: write what it kept.
            syncConfig(container);
        }
    }

    /** Removes the container (a load balancer gone from the stack, or from this host). */
    public void remove(ClusterHost host, String name) {
        DockerClient client = clients.client(host.endpoint());
        for (Container listed : listed(client, name)) {
            new GracefulStop(client).stop(listed.getId());
            EngineJson.of(client).removeContainer(listed.getId(), false);
        }
        containers.remove(key(host, name));
    }

    /** Adds a task the plan found missing from the container on {@code at}; it joins once its checks pass. */
    public void register(ClusterHost at, String name, Target target, ClusterHost taskHost) {
        LoadBalancerContainer container = find(at, name).orElseThrow(() -> gone(at, name));
        add(container, target.service(), target.taskId(), address(taskHost, at, name), target.port());
    }

    /** Removes a target whose task is gone from the container on {@code at}, at once: nothing serves it. */
    public void deregister(ClusterHost at, String name, Target target) {
        LoadBalancerContainer container = find(at, name).orElseThrow(() -> gone(at, name));
        remove(container, target.service(), target.taskId());
    }

    // --- deployments ------------------------------------------------------------------------------

    @Override
    public TaskResult register(TaskSpec task, List<LoadBalancerRegistration> registrations,
                               Function<String, ClusterHost> hosts) {
        Map<LoadBalancerContainer, String> added = new LinkedHashMap<>();
        Duration timeout = Duration.ZERO;
        for (LoadBalancerRegistration registration : registrations) {
            int port = publishedPort(task, registration);
            for (ClusterHost host : lbHosts(registration, hosts)) {
                LoadBalancerContainer container = find(host, registration.loadBalancer())
                        .orElseThrow(() -> gone(host, registration.loadBalancer()));
                add(container, task.service(), task.taskId(), address(task.host(), host, registration.loadBalancer()),
                        port);
                added.put(container, registration.loadBalancer() + " (" + host.name() + ")");
            }
            Duration checks = Duration.ofSeconds(registration.healthTimeoutSeconds());
            timeout = checks.compareTo(timeout) > 0 ? checks : timeout;
        }
        Instant deadline = Instant.now().plus(timeout).plus(MARGIN);
        Map<LoadBalancerContainer, String> waiting = new LinkedHashMap<>(added);
        String last = "";
        while (!waiting.isEmpty()) {
            for (var entry : List.copyOf(waiting.entrySet())) {
                List<LoadBalancerContainer.Stat> own = entry.getKey().stats().stream()
                        .filter(s -> s.server().equals(task.taskId())).toList();
                if (!own.isEmpty() && own.stream().allMatch(s -> s.status().equals("UP"))) {
                    waiting.remove(entry.getKey());
                } else {
                    last = entry.getValue() + ": " + own.stream().map(s -> s.status() + (s.check().isEmpty() ? ""
                            : " " + s.check())).distinct().findFirst().orElse("not registered");
                }
            }
            if (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    return TaskResult.failed(task.taskId(), "not healthy on load balancer " + last);
                }
                LoadBalancerContainer.pause(POLL);
            }
        }
        return TaskResult.ok(task.taskId());
    }

    @Override
    public void drain(ClusterHost taskHost, String service, String taskId, List<LoadBalancerRegistration> registrations,
                      Function<String, ClusterHost> hosts) {
        List<LoadBalancerContainer> draining = new ArrayList<>();
        Duration delay = Duration.ZERO;
        for (LoadBalancerRegistration registration : registrations) {
            for (ClusterHost host : lbHosts(registration, hosts)) {
                Optional<LoadBalancerContainer> container = find(host, registration.loadBalancer());
                if (container.isPresent() && has(container.get(), taskId)) {
                    container.get().send(serverCommand(container.get(), service, taskId, "set server %s state drain"));
                    draining.add(container.get());
                }
            }
            Duration own = Duration.ofSeconds(registration.deregistrationDelay());
            delay = own.compareTo(delay) > 0 ? own : delay;
        }
        Instant deadline = Instant.now().plus(delay);
        while (!draining.isEmpty() && Instant.now().isBefore(deadline)) {
            draining.removeIf(c -> c.stats().stream().filter(s -> s.server().equals(taskId)).allMatch(s -> s.sessions() == 0));
            if (!draining.isEmpty()) {
                LoadBalancerContainer.pause(POLL);
            }
        }
        for (LoadBalancerRegistration registration : registrations) {
            for (ClusterHost host : lbHosts(registration, hosts)) {
                find(host, registration.loadBalancer()).filter(c -> has(c, taskId))
                        .ifPresent(c -> c.send(serverCommand(c, service, taskId, "set server %s state maint")));
            }
        }
    }

    @Override
    public void forget(ClusterHost taskHost, String service, String taskId, List<LoadBalancerRegistration> registrations,
                       Function<String, ClusterHost> hosts) {
        for (LoadBalancerRegistration registration : registrations) {
            for (ClusterHost host : lbHosts(registration, hosts)) {
                find(host, registration.loadBalancer()).ifPresent(c -> remove(c, service, taskId));
            }
        }
    }

    // --- one container ----------------------------------------------------------------------------

    private void add(LoadBalancerContainer container, String service, String taskId, String address, int port) {
        StringBuilder commands = new StringBuilder();
        String config = container.read(HaproxyConfig.FILE);
        for (String backend : backends(config, service)) {
            String server = backend + "/" + taskId;
            commands.append(commands.isEmpty() ? "" : "; ").append("add server ").append(server).append(' ')
                    .append(address).append(':').append(port).append(' ')
                    .append(HaproxyConfig.serverOptions(config, backend)).append(" disabled; enable health ").append(server)
                    .append("; enable server ").append(server).append("; set server ").append(server)
                    .append(" health down");
        }
        synchronized (container) {
            if (!commands.isEmpty()) {
                String answer = container.send(commands.toString());
                if (answer.contains("No such backend") || answer.contains("Unknown")) {
                    throw new IllegalStateException("load balancer container " + container.id() + " refused target "
                            + taskId + ": " + answer.strip());
                }
            }
            syncConfig(container);
        }
    }

    /** Maintenance, then deletion; a server with connections still attached is deleted once they end. */
    private void remove(LoadBalancerContainer container, String service, String taskId) {
        if (!has(container, taskId)) {
            return;
        }
        String maint = serverCommand(container, service, taskId, "set server %s state maint");
        String delete = serverCommand(container, service, taskId, "del server %s");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        synchronized (container) {
            container.send(maint);
            while (container.send(delete).contains("still has connections") && Instant.now().isBefore(deadline)) {
                LoadBalancerContainer.pause(POLL);
            }
            syncConfig(container);
        }
    }

    /** The server lines of the configuration file, rewritten from what the runtime has now. */
    private static void syncConfig(LoadBalancerContainer container) {
        String config = container.read(HaproxyConfig.FILE);
        String servers = container.send("show servers state");
        String updated = HaproxyConfig.withServers(config, List.copyOf(HaproxyConfig.fromState(servers).values()));
        if (!updated.equals(config)) {
            container.write(Map.of(HaproxyConfig.FILE, updated.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code set server http-web/web-1-abc state drain} for each backend of the service that has the server. */
    private static String serverCommand(LoadBalancerContainer container, String service, String taskId, String format) {
        return String.join("; ", container.stats().stream()
                .filter(s -> s.server().equals(taskId) && service.equals(HaproxyConfig.service(s.backend())))
                .map(s -> format.formatted(s.backend() + "/" + taskId)).toList());
    }

    private static boolean has(LoadBalancerContainer container, String taskId) {
        return container.stats().stream().anyMatch(s -> s.server().equals(taskId));
    }

    /** The backends a service's tasks go in, as the container's configuration declares them. */
    private static List<String> backends(String config, String service) {
        return HaproxyConfig.backends(config).stream().filter(b -> service.equals(HaproxyConfig.service(b))).toList();
    }

    private Optional<LoadBalancerContainer> find(ClusterHost host, String name) {
        LoadBalancerContainer known = containers.get(key(host, name));
        if (known != null) {
            return Optional.of(known);
        }
        DockerClient client = clients.client(host.endpoint());
        return listed(client, name).stream().filter(c -> "running".equals(c.getState())).findFirst()
                .map(c -> containers.computeIfAbsent(key(host, name), k -> new LoadBalancerContainer(client, c.getId())));
    }

    private List<Container> listed(DockerClient client, String name) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(BerthLabels.STACK, stack,
                BerthLabels.KIND, BerthLabels.KIND_LOAD_BALANCER, BerthLabels.LOAD_BALANCER, name)).exec();
    }

    private static String key(ClusterHost host, String name) {
        return host.endpoint() + "/" + name;
    }

    private static IllegalStateException gone(ClusterHost host, String name) {
        return new IllegalStateException("load balancer " + name + " has no running container on " + host.name());
    }

    private static List<ClusterHost> lbHosts(LoadBalancerRegistration registration, Function<String, ClusterHost> hosts) {
        return registration.hosts().stream().map(h -> hosts.apply(h.host())).toList();
    }

    /** Files of a container: configuration, the hash it is of, and the certificates of https listeners. */
    private Map<String, byte[]> files(String name, LoadBalancerDetail detail, List<Server> servers) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(HaproxyConfig.FILE, HaproxyConfig.render(name, detail.specHash(), detail.spec(), detail.backends(),
                servers).getBytes(StandardCharsets.UTF_8));
        files.put(HaproxyConfig.SPEC_HASH_FILE, (detail.specHash() + "\n").getBytes(StandardCharsets.UTF_8));
        for (Listener listener : detail.spec().listeners()) {
            if (listener.protocol() == Listener.Protocol.https) {
                String what = "listener " + listener.port() + " of load balancer " + name;
                String pem = secrets.value("the certificate of " + what, listener.certificate()) + "\n"
                        + secrets.value("the private key of " + what, listener.privateKey()) + "\n";
                files.put(HaproxyConfig.certificate(listener.port()), pem.getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The plan's targets as server lines of each backend of their service, addressed from {@code at}. */
    private List<Server> servers(String name, LoadBalancer spec, List<Target> targets, ClusterHost at,
                                 Function<String, ClusterHost> hosts) {
        List<Server> servers = new ArrayList<>();
        for (Target target : targets) {
            String address = address(hosts.apply(target.host().host()), at, name);
            HaproxyConfig.backendsOf(spec, target.service()).forEach(backend ->
                    servers.add(new Server(backend, target.taskId(), address, target.port())));
        }
        return servers;
    }

    /**
     * Where load balancer {@code name} on {@code at} reaches a task on {@code taskHost}: a load
     * balancer has the host's network, so its own host's tasks are at 127.0.0.1; a proxy is on a
     * namespace's network, from where the host's published ports are at the host's address, or
     * at that network's gateway for a host without one.
     */
    private String address(ClusterHost taskHost, ClusterHost at, String name) {
        boolean sameEngine = taskHost.endpoint().equals(at.endpoint());
        if (sameEngine && !ServiceConnectProxies.isProxy(name)) {
            return "127.0.0.1";
        }
        if (taskHost.address() != null) {
            return taskHost.address();
        }
        if (sameEngine) {
            return gateway(at, ServiceConnectProxies.namespaceOf(name));
        }
        throw new IllegalStateException("host " + taskHost.name() + " has no address the load balancer on "
                + at.name() + " can reach its tasks at: give it one in the stack (address: 10.0.0.12)");
    }

    /** Asked once per engine and namespace: every target of a proxy there is addressed through it. */
    private String gateway(ClusterHost host, String namespace) {
        return gateways.computeIfAbsent(host.endpoint() + " " + namespace, key -> {
            Network network = clients.client(host.endpoint()).inspectNetworkCmd()
                    .withNetworkId(NetworkNames.namespace(stack, namespace)).exec();
            return network.getIpam().getConfig().stream().map(Network.Ipam.Config::getGateway)
                    .filter(g -> g != null && !g.contains(":")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the network of namespace " + namespace + " on "
                            + host.name() + " has no IPv4 gateway to reach its tasks at"));
        });
    }

    /** The host port the task's registered container port is published on (the port itself with host networking). */
    private int publishedPort(TaskSpec task, LoadBalancerRegistration registration) {
        if (task.definition().networkMode() == NetworkMode.host) {
            return registration.containerPort();
        }
        DockerClient client = clients.client(task.host().endpoint());
        Container container = client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(BerthLabels.STACK,
                task.stack(), BerthLabels.TASK, task.taskId(), BerthLabels.CONTAINER, registration.containerName()))
                .exec().stream().findFirst().orElseThrow(() -> new IllegalStateException("task " + task.taskId()
                        + " has no container " + registration.containerName()));
        InspectContainerResponse inspected = client.inspectContainerCmd(container.getId()).exec();
        Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(registration.containerPort()));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("container " + registration.containerName() + " of task " + task.taskId()
                    + " publishes no host port for " + registration.containerPort());
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }
}
