package dev.berth.applier.agent.install;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.GracefulStop;
import dev.berth.applier.lock.LockHolder;
import dev.berth.applier.lock.StackLock;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stack's agent installed as containers on its own hosts ({@code berth agent --install}):
 * putting it there, taking it away, and what runs.
 * <p>
 * It runs on the first {@value #HOSTS} engines of the stack in the lock's order (clusters by
 * name, hosts as declared; the first engine is the one that breaks the lease's ties): a lost engine
 * takes one agent with it, and the other, waiting under the leader lease, takes over within it.
 * The agent gets every engine of the stack to find its record on, so a later apply's record is
 * found wherever it is newest.
 * <p>
 * Install changes nothing unless the engines it installs on answer, uninstall unless all of them do.
 */
public final class InstalledAgents {
    public static final int HOSTS = 2;
    /** What berth reads from its environment to reach the engines and lock the stack. */
    private static final List<String> PASSED = List.of("DOCKER_HOST", "BERTH_LOCK_LEASE_SECONDS");
    private static final String ENV = "env:";
    private static final String FILE = "file:";

    private final DockerClients clients;
    private final ClusterHosts clusterHosts;
    private final Map<String, String> env;

    /** @param env the installing shell's: endpoints resolve as there, and the agent gets what it needs of it */
    public InstalledAgents(DockerClients clients, Map<String, String> env) {
        this.clients = clients;
        this.clusterHosts = new ClusterHosts(env);
        this.env = Map.copyOf(env);
    }

    /** What an install did on one engine. */
    public record Installed(String host, String container, Change change, boolean imageSent) {
        /** {@code removed}: on a host of the stack no longer one of the first {@value InstalledAgents#HOSTS}. */
        public enum Change { installed, replaced, started, unchanged, removed }
    }

    /** An agent container uninstall took away. */
    public record Removed(String host, String container) {
    }

    /**
     * The agent as containers on the stack's hosts, each replaced when its image, flags or
     * environment differ from what it runs, started when it was stopped, and left alone otherwise;
     * on the stack's other hosts that answer, the agents of an earlier install are removed.
     *
     * @param stack    the stack as its last apply recorded it: what the agent will enforce
     * @param flags    {@code berth agent}'s flags for the agent (interval, listen, ...)
     * @param progress told before each slow step (sending the image)
     * @throws AgentInstallException nothing was changed: an engine did not answer, or the agent could
     *                               not reach what the stack needs from where it would run
     */
    public List<Installed> install(Stack stack, AgentImage image, List<String> flags, Consumer<String> progress) {
        Map<DockerEndpoint, List<ClusterHost>> engines = engines(stack);
        Map<DockerEndpoint, List<ClusterHost>> targets = new LinkedHashMap<>();
        engines.entrySet().stream().limit(HOSTS).forEach(e -> targets.put(e.getKey(), e.getValue()));
        refuseUnreachable(stack, targets, "install");
        List<String> command = new ArrayList<>(List.of("agent"));
        command.addAll(flags);
        engines.keySet().forEach(engine -> command.addAll(List.of("--endpoint", engine.toString())));
        command.add(stack.stack());
        // Every target's spec before any change: each may refuse.
        Map<DockerEndpoint, AgentContainer> specs = new LinkedHashMap<>();
        targets.keySet().forEach(target -> specs.put(target, spec(stack, image, command, target, engines.keySet())));

        List<Installed> installed = new ArrayList<>();
        specs.forEach((target, spec) -> {
            DockerClient client = clients.client(target);
            String host = ClusterHosts.names(targets.get(target));
            boolean sent = !image.presentOn(client);
            if (sent) {
                progress.accept(host + ": sending " + image.name());
                image.load(client);
            }
            installed.add(ensure(client, spec, image, targets.get(target).getFirst().cluster(), host, sent));
        });
        // An earlier install's, from before the stack's hosts changed.
        engines.forEach((engine, sharers) -> {
            if (targets.containsKey(engine)) {
                return;
            }
            String host = ClusterHosts.names(sharers);
            try {
                DockerClient client = clients.client(engine);
                for (Container container : agents(client, stack.stack())) {
                    remove(client, container);
                    installed.add(new Installed(host, name(container), Installed.Change.removed, false));
                }
            } catch (RuntimeException unreachable) {
                progress.accept(host + " did not answer (" + EngineFailures.describe(unreachable) + "): an agent "
                        + "installed there before, when it was one of the first " + HOSTS + " hosts, stays");
            }
        });
        return installed;
    }

    /**
     * Stops (as {@code docker stop} does, so the agent lets its lease go) and removes the stack's
     * agent containers on every engine of the stack, and their image once no container uses it.
     *
     * @throws AgentInstallException nothing was changed: an engine did not answer
     */
    public List<Removed> uninstall(Stack stack) {
        Map<DockerEndpoint, List<ClusterHost>> engines = engines(stack);
        refuseUnreachable(stack, engines, "uninstall");
        List<Removed> removed = new ArrayList<>();
        engines.forEach((engine, sharers) -> {
            DockerClient client = clients.client(engine);
            for (Container container : agents(client, stack.stack())) {
                remove(client, container);
                removed.add(new Removed(ClusterHosts.names(sharers), name(container)));
            }
        });
        return removed;
    }

    /** Stops and removes one agent container, then its image unless another container uses it. */
    public static void remove(DockerClient client, Container container) {
        stopAndRemove(client, container);
        AgentImage.removeIfUnused(client, container.getImageId());
    }

    private static void stopAndRemove(DockerClient client, Container container) {
        new GracefulStop(client).stop(container.getId());
        EngineJson.of(client).removeContainer(container.getId(), false);
    }

    /**
     * The stack's agent containers as the engines report them, and who leads: the holder the
     * leader lease records, matched to a container by its machine (the engine's host name, the
     * agent sharing the host's network) and its pid (the agent sharing the host's process ids).
     */
    public AgentStatus status(Stack stack) {
        Map<DockerEndpoint, List<ClusterHost>> engines = engines(stack);
        LockHolder leader = StackLock.leader(stack, clients, clusterHosts, StackLock.DEFAULT_LEASE, notice -> { })
                .holder().orElse(null);
        List<AgentStatus.Agent> agents = new ArrayList<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (var attempt : Fanout.attempt(engines.entrySet(), engine -> observe(engine.getKey(),
                ClusterHosts.names(engine.getValue()), stack.stack(), leader))) {
            if (attempt.ok()) {
                agents.addAll(attempt.value());
            } else {
                unreachable.put(ClusterHosts.names(attempt.item().getValue()),
                        EngineFailures.describe(attempt.failure()));
            }
        }
        return new AgentStatus(stack.stack(), agents, leader, unreachable);
    }

    private List<AgentStatus.Agent> observe(DockerEndpoint engine, String host, String stack, LockHolder leader) {
        DockerClient client = clients.client(engine);
        String machine = client.infoCmd().exec().getName();
        List<AgentStatus.Agent> agents = new ArrayList<>();
        for (Container container : agents(client, stack)) {
            InspectContainerResponse inspected;
            try {
                inspected = client.inspectContainerCmd(container.getId()).exec();
            } catch (NotFoundException gone) {
                continue;
            }
            InspectContainerResponse.ContainerState state = inspected.getState();
            boolean running = Boolean.TRUE.equals(state.getRunning());
            Long pid = state.getPidLong();
            boolean leads = leader != null && running && leader.machine().equals(machine) && pid != null
                    && pid == leader.pid();
            agents.add(new AgentStatus.Agent(host, engine.toString(), name(container), state.getStatus(),
                    instant(running ? state.getStartedAt() : state.getFinishedAt()),
                    Objects.requireNonNullElse(inspected.getRestartCount(), 0), inspected.getConfig().getImage(),
                    leads));
        }
        return agents;
    }

    /** Every engine of the stack in the lock's order, with the cluster hosts that name it. */
    private Map<DockerEndpoint, List<ClusterHost>> engines(Stack stack) {
        return ClusterHosts.byEngine(StackLock.lockOrder(stack, clusterHosts));
    }

    private void refuseUnreachable(Stack stack, Map<DockerEndpoint, List<ClusterHost>> engines, String what) {
        List<String> failures = new ArrayList<>();
        for (var attempt : Fanout.attempt(engines.entrySet(), e -> clients.client(e.getKey()).pingCmd().exec())) {
            if (!attempt.ok()) {
                failures.add(ClusterHosts.names(attempt.item().getValue()) + " (" + attempt.item().getKey()
                        + ") did not answer (" + EngineFailures.describe(attempt.failure()) + ")");
            }
        }
        if (!failures.isEmpty()) {
            throw new AgentInstallException("cannot " + what + " the agent of stack " + stack.stack() + ": "
                    + String.join("; ", failures) + "; nothing was changed");
        }
    }

    /**
     * The container for one engine. From inside it the agent reaches the stack's engines at the
     * endpoints the stack names: tcp ones over the host's network, unix sockets mounted, which
     * exist only where the target's own socket is, on this machine. Secrets and certificates are
     * read where the agent runs: {@code env:} ones come from this shell (the agent starts tasks
     * with them, as apply does; like the tasks' own, they are in the container's config), and
     * {@code file:} ones are mounted read-only, so they too must be on this machine.
     */
    private AgentContainer spec(Stack stack, AgentImage image, List<String> command, DockerEndpoint target,
                                Set<DockerEndpoint> engines) {
        boolean local = "unix".equals(target.uri().getScheme());
        List<String> refused = new ArrayList<>();
        List<String> mounts = new ArrayList<>();
        stack.clusters().forEach((cluster, declared) -> declared.hosts().stream().filter(h -> h.context() != null)
                .forEach(h -> refused.add("host " + h.name() + " of cluster " + cluster + " is given by the Docker "
                        + "context " + h.context() + ", which the agent cannot read where it runs: give its endpoint")));
        Set<Path> certificatePaths = new TreeSet<>();
        for (DockerEndpoint engine : engines) {
            if (engine.tls()) {
                certificatePaths.add(engine.tlsCertPath());
            } else if (engine.ssh()) {
                refused.add("its engine " + engine + " is reached over ssh, and the agent is not given ssh keys");
            } else if ("unix".equals(engine.uri().getScheme())) {
                if (local) {
                    mounts.add(engine.uri().getPath() + ":" + engine.uri().getPath());
                } else {
                    refused.add("an agent on " + target + " cannot reach the unix socket " + engine.uri().getPath()
                            + " of this machine");
                }
            }
        }
        List<String> environment = new ArrayList<>();
        PASSED.stream().filter(env::containsKey).forEach(name -> environment.add(name + "=" + env.get(name)));
        Map<String, byte[]> certificates = certificates(certificatePaths, refused);
        if (!certificates.isEmpty()) {
            environment.add("DOCKER_TLS_VERIFY=1");
            environment.add("DOCKER_CERT_PATH=" + AgentContainer.CERTIFICATES);
        }
        for (String valueFrom : valueFroms(stack)) {
            if (valueFrom.startsWith(ENV)) {
                String name = valueFrom.substring(ENV.length());
                if (env.containsKey(name)) {
                    environment.add(name + "=" + env.get(name));
                } else {
                    refused.add("it reads " + valueFrom + ", which is not set here");
                }
            } else if (valueFrom.startsWith(FILE)) {
                String path = valueFrom.substring(FILE.length());
                if (!local) {
                    refused.add("it reads " + valueFrom + ", which an agent on " + target + " cannot");
                } else if (!Files.isReadable(Path.of(path))) {
                    refused.add("it reads " + valueFrom + ", which is not readable here");
                } else {
                    mounts.add(path + ":" + path + ":ro");
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new AgentInstallException("cannot install the agent of stack " + stack.stack() + ": "
                    + String.join("; ", new TreeSet<>(refused)) + "; nothing was changed");
        }
        return new AgentContainer(stack.stack(), image.name(), command, environment, mounts, certificates);
    }

    /**
     * The client certificates of the TLS engines, which the agent gets as berth here uses them;
     * engines reached with different ones cannot be, as the agent reads one {@code DOCKER_CERT_PATH}.
     */
    private static Map<String, byte[]> certificates(Set<Path> paths, List<String> refused) {
        if (paths.size() > 1) {
            refused.add("its TLS engines take different client certificates (" + paths + "), and an agent reads "
                    + "one DOCKER_CERT_PATH");
            return Map.of();
        }
        Map<String, byte[]> certificates = new LinkedHashMap<>();
        for (Path path : paths) {
            for (String name : List.of("ca.pem", "cert.pem", "key.pem")) {
                try {
                    certificates.put(name, Files.readAllBytes(path.resolve(name)));
                } catch (IOException unreadable) {
                    refused.add("its TLS engines take the client certificates in " + path + ", and " + name
                            + " is not readable there");
                }
            }
        }
        return certificates;
    }

    /** The {@code valueFrom}s of the stack's secrets, secret log options, registry credentials and certificates, each once. */
    private static Set<String> valueFroms(Stack stack) {
        Set<String> valueFroms = new TreeSet<>();
        for (TaskDefinition definition : stack.taskDefinitions().values()) {
            for (ContainerDefinition container : definition.containerDefinitions()) {
                container.secrets().stream().map(Secret::valueFrom).filter(Objects::nonNull).forEach(valueFroms::add);
                if (container.logConfiguration() != null) {
                    container.logConfiguration().secretOptions().stream().map(Secret::valueFrom)
                            .forEach(valueFroms::add);
                }
                if (container.repositoryCredentials() != null) {
                    valueFroms.add(container.repositoryCredentials().credentialsParameter());
                }
            }
        }
        for (LoadBalancer balancer : stack.loadBalancers().values()) {
            for (LoadBalancer.Listener listener : balancer.listeners()) {
                Stream.of(listener.certificate(), listener.privateKey()).filter(Objects::nonNull)
                        .forEach(valueFroms::add);
            }
        }
        return valueFroms;
    }

    private Installed ensure(DockerClient client, AgentContainer spec, AgentImage image, String cluster, String host,
                             boolean sent) {
        String name = AgentContainer.name(spec.stack());
        List<Container> existing = agents(client, spec.stack());
        if (existing.size() == 1 && name.equals(name(existing.getFirst()))) {
            Container current = existing.getFirst();
            InspectContainerResponse inspected = client.inspectContainerCmd(current.getId()).exec();
            if (runs(inspected, spec, image)) {
                if (Boolean.TRUE.equals(inspected.getState().getRunning())) {
                    return new Installed(host, name, Installed.Change.unchanged, sent);
                }
                client.startContainerCmd(current.getId()).exec();
                return new Installed(host, name, Installed.Change.started, sent);
            }
        }
        existing.forEach(container -> stopAndRemove(client, container));
        String id;
        try {
            id = spec.create(client, cluster);
        } catch (ConflictException taken) {
            throw new AgentInstallException(host + ": a container named " + name + " exists that is not the agent "
                    + "of stack " + spec.stack() + " (it lacks " + BerthLabels.STACK + "=" + spec.stack() + ", "
                    + BerthLabels.KIND + "=" + BerthLabels.KIND_AGENT + "); rename or remove it");
        }
        client.startContainerCmd(id).exec();
        existing.stream().map(Container::getImageId).filter(old -> !old.equals(image.id()))
                .forEach(old -> AgentImage.removeIfUnused(client, old));
        return new Installed(host, name, existing.isEmpty() ? Installed.Change.installed : Installed.Change.replaced,
                sent);
    }

    /** Whether the container runs exactly the spec, as the engine reports it. */
    private static boolean runs(InspectContainerResponse inspected, AgentContainer spec, AgentImage image) {
        HostConfig host = inspected.getHostConfig();
        Set<String> env = new TreeSet<>(Arrays.asList(Objects.requireNonNullElse(inspected.getConfig().getEnv(),
                new String[0])));
        env.removeAll(AgentImage.ENV);
        Set<String> binds = Arrays.stream(Objects.requireNonNullElse(host.getBinds(), new Bind[0]))
                .map(b -> b.getPath() + ":" + b.getVolume().getPath()
                        + (b.getAccessMode() == AccessMode.ro ? ":ro" : ""))
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> labels = Objects.requireNonNullElse(inspected.getConfig().getLabels(), Map.of());
        return image.id().equals(inspected.getImageId())
                && spec.certificatesDigest().equals(labels.getOrDefault(AgentContainer.CERTIFICATES_DIGEST, ""))
                && spec.command().equals(Arrays.asList(Objects.requireNonNullElse(inspected.getConfig().getCmd(),
                new String[0])))
                && env.equals(new TreeSet<>(spec.env()))
                && binds.equals(new TreeSet<>(spec.binds()))
                && "host".equals(host.getNetworkMode()) && "host".equals(host.getPidMode())
                && host.getRestartPolicy() != null && "unless-stopped".equals(host.getRestartPolicy().getName());
    }

    /** The stack's agent containers on the engine, stopped ones too. */
    private static List<Container> agents(DockerClient client, String stack) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, BerthLabels.KIND_AGENT)).exec();
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        if (names == null || names.length == 0) {
            return container.getId().substring(0, 12);
        }
        return names[0].startsWith("/") ? names[0].substring(1) : names[0];
    }

    private static Instant instant(String time) {
        try {
            return time == null || time.startsWith("0001-") ? null : Instant.parse(time);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
