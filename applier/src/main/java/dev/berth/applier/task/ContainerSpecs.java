package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.VolumesFrom;
import dev.berth.planner.expected.ExpectedContainerConfig;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerRestartPolicy;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.MountPoint;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.ResourceRequirement;
import dev.berth.schema.model.SystemControl;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Translates a canonical container definition into the Docker create call of one task's container. */
final class ContainerSpecs {
    private static final long MIB = 1024L * 1024L;

    private ContainerSpecs() {
    }

    /**
     * @param secretValues    the container's resolved secrets and the variables of its environment
     *                        files, by name; they go into the environment only, the secrets' names
     *                        into {@code berth.secret-names}
     * @param logSecretValues the container's resolved {@code secretOptions} by log option name; they
     *                        go into the log driver's options only
     */
    static CreateContainerCmd create(DockerClient client, TaskSpec task, ContainerDefinition container,
                                     Map<String, String> secretValues, Map<String, String> logSecretValues,
                                     NetworkAttachment network) {
        TaskDefinition definition = task.definition();
        // The expected config is what drift detection compares with, so it is what the container gets.
        ContainerConfig expected = ExpectedContainerConfig.of(definition, container);
        CreateContainerCmd create = client.createContainerCmd(expected.image())
                .withName(TaskObjectNames.container(task.stack(), task.taskId(), container.name()))
                .withEnv(environment(expected.environment(), secretValues))
                .withLabels(TaskLabels.container(task, container))
                .withStopTimeout(container.stopTimeout())
                .withExposedPorts(network.publishedPorts().stream().flatMap(ContainerSpecs::exposed).toList())
                .withHostConfig(hostConfig(task, container, expected, logSecretValues, network));
        if (!expected.command().isEmpty()) {
            create.withCmd(expected.command());
        }
        if (!expected.entryPoint().isEmpty()) {
            create.withEntrypoint(expected.entryPoint());
        }
        // docker-java rejects null for these; unset means the image's own setting.
        if (container.healthCheck() != null) {
            create.withHealthcheck(HealthChecks.docker(container.healthCheck()));
        }
        if (container.workingDirectory() != null) {
            create.withWorkingDir(container.workingDirectory());
        }
        if (container.user() != null) {
            create.withUser(container.user());
        }
        if (network.ownsNetwork() && container.hostname() != null) {
            create.withHostName(container.hostname());
        }
        return create.withStdinOpen(Boolean.TRUE.equals(container.interactive()))
                .withTty(Boolean.TRUE.equals(container.pseudoTerminal()));
    }

    private static List<String> environment(Map<String, String> declared, Map<String, String> secretValues) {
        Map<String, String> variables = new TreeMap<>(declared);
        variables.putAll(secretValues);
        List<String> env = new ArrayList<>();
        variables.forEach((name, value) -> env.add(name + "=" + value));
        return env;
    }

    private static HostConfig hostConfig(TaskSpec task, ContainerDefinition container, ContainerConfig expected,
                                         Map<String, String> logSecretValues, NetworkAttachment network) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network.networkMode())
                .withRestartPolicy(restartPolicy(container.restartPolicy()))
                .withMemory(bytes(expected.memoryMiB()))
                .withMemoryReservation(bytes(expected.memoryReservationMiB()))
                .withCpuShares(expected.cpuShares())
                .withPortBindings(network.publishedPorts().stream().flatMap(ContainerSpecs::bindings).toList())
                .withBinds(binds(task, container))
                .withVolumesFrom(container.volumesFrom().stream()
                        .map(from -> new VolumesFrom(TaskObjectNames.container(task.stack(), task.taskId(),
                                from.sourceContainer()), from.readOnly() ? AccessMode.ro : AccessMode.rw))
                        .toList())
                .withUlimits(container.ulimits().stream()
                        .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.softLimit(), u.hardLimit()))
                        .toList())
                .withReadonlyRootfs(container.readonlyRootFilesystem())
                .withPrivileged(container.privileged())
                .withSysctls(container.systemControls().stream()
                        .collect(Collectors.toMap(SystemControl::namespace, SystemControl::value, (a, b) -> b, TreeMap::new)))
                .withSecurityOpts(container.dockerSecurityOptions())
                .withDeviceRequests(container.resourceRequirements().stream().map(ContainerSpecs::deviceRequest).toList());
        if (container.logConfiguration() != null) {
            host.withLogConfig(logConfig(container, logSecretValues));
        }
        // Validation allows links in bridge mode only, where every container is on the stack network.
        host.withLinks(container.links().stream().map(link -> link(task, link)).toList());
        if (network.ownsNetwork()) {
            host.withDns(container.dnsServers())
                    .withDnsSearch(container.dnsSearchDomains())
                    .withExtraHosts(container.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress())
                            .toArray(String[]::new));
        }
        if (container.linuxParameters() != null) {
            linux(host, container.linuxParameters(), expected.memoryMiB());
        }
        return host;
    }

    /** @param memoryMiB the container's memory limit, which validation requires with maxSwap */
    private static void linux(HostConfig host, LinuxParameters linux, Long memoryMiB) {
        if (linux.initProcessEnabled() != null) {
            host.withInit(linux.initProcessEnabled());
        }
        if (linux.capabilities() != null) {
            host.withCapAdd(capabilities(linux.capabilities().add()))
                    .withCapDrop(capabilities(linux.capabilities().drop()));
        }
        if (linux.sharedMemorySize() != null) {
            host.withShmSize(linux.sharedMemorySize() * MIB);
        }
        if (!linux.tmpfs().isEmpty()) {
            Map<String, String> tmpfs = new LinkedHashMap<>();
            for (LinuxParameters.Tmpfs mount : linux.tmpfs()) {
                List<String> options = new ArrayList<>(mount.mountOptions());
                if (mount.size() != null) {
                    options.add("size=" + mount.size() + "m");
                }
                tmpfs.put(mount.containerPath(), String.join(",", options));
            }
            host.withTmpFs(tmpfs);
        }
        host.withDevices(linux.devices().stream().map(ContainerSpecs::device).toList());
        // Docker's memory-swap is memory and swap together; as on ECS, swappiness counts only with maxSwap.
        if (linux.maxSwap() != null) {
            host.withMemorySwap((memoryMiB + linux.maxSwap()) * MIB);
            if (linux.swappiness() != null) {
                host.withMemorySwappiness(linux.swappiness().longValue());
            }
        }
    }

    /** {@code container[:alias]} of the task: the alias is the container's name when none is given, as on ECS. */
    private static Link link(TaskSpec task, String link) {
        String[] parts = link.split(":", 2);
        return new Link(TaskObjectNames.container(task.stack(), task.taskId(), parts[0]),
                parts.length == 2 ? parts[1] : parts[0]);
    }

    /** Docker's cgroup permissions: r, w and m, in that order. */
    private static Device device(LinuxParameters.Device device) {
        StringBuilder permissions = new StringBuilder();
        for (LinuxParameters.Device.Permission permission : device.permissions()) {
            permissions.append(permission.name().charAt(0));
        }
        return new Device(permissions.toString(), device.containerPath(), device.hostPath());
    }

    /** {@code docker run --gpus N}: any driver that offers the gpu capability (NVIDIA's). */
    private static DeviceRequest deviceRequest(ResourceRequirement requirement) {
        return new DeviceRequest().withCount(Integer.parseInt(requirement.value()))
                .withCapabilities(List.of(List.of("gpu")));
    }

    /**
     * ECS restarts a container with a restart policy in place whatever its exit code, unless the code
     * is ignored; Docker's unless-stopped restarts on every code, on-failure on every code but 0, so
     * ignoring 0 is the one difference Docker can make (a warning names the codes it cannot). Without
     * a policy berth replaces a failed task rather than restarting its containers, as ECS does.
     * Neither restarts a container berth stops: it is removed.
     */
    private static RestartPolicy restartPolicy(ContainerRestartPolicy policy) {
        if (policy == null) {
            return RestartPolicy.noRestart();
        }
        return policy.ignoredExitCodes().contains(0) ? RestartPolicy.onFailureRestart(0)
                : RestartPolicy.unlessStoppedRestart();
    }

    private static Capability[] capabilities(List<String> names) {
        // ECS writes capabilities without the CAP_ prefix; Docker's own CLI accepts both.
        return names.stream().map(name -> Capability.valueOf(name.toUpperCase().replaceFirst("^CAP_", "")))
                .toArray(Capability[]::new);
    }

    /** Validation keeps secretOptions' names out of options, so neither overwrites the other. */
    private static LogConfig logConfig(ContainerDefinition container, Map<String, String> logSecretValues) {
        String driver = container.logConfiguration().logDriver();
        LogConfig.LoggingType type = LogConfig.LoggingType.fromValue(driver);
        if (type == null) {
            throw new IllegalArgumentException("container " + container.name() + ": log driver " + driver
                    + " is not supported");
        }
        Map<String, String> options = new TreeMap<>(container.logConfiguration().options());
        options.putAll(logSecretValues);
        return new LogConfig(type, options);
    }

    /** Task volumes by mount: a host path, the task's own named volume, or the shared one. */
    private static List<Bind> binds(TaskSpec task, ContainerDefinition container) {
        List<Bind> binds = new ArrayList<>();
        for (MountPoint mount : container.mountPoints()) {
            Volume volume = task.definition().volumes().stream()
                    .filter(v -> v.name().equals(mount.sourceVolume()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("container " + container.name()
                            + " mounts volume " + mount.sourceVolume() + ", which the task definition does not declare"));
            binds.add(new Bind(TaskVolumes.source(task, volume), new com.github.dockerjava.api.model.Volume(mount.containerPath()),
                    mount.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        return binds;
    }

    /** Each port of a mapping: its containerPort, or every one of its containerPortRange. */
    private static Stream<ExposedPort> exposed(PortMapping mapping) {
        InternetProtocol protocol = mapping.protocol() == PortMapping.Protocol.udp ? InternetProtocol.UDP
                : InternetProtocol.TCP;
        return mapping.containerPorts().stream().map(port -> new ExposedPort(port, protocol));
    }

    /**
     * Host port 0 leaves the choice to Docker, which picks a free ephemeral port; so does a range,
     * which has no hostPort: each of its ports gets one, as the ECS agent's fallback does when it
     * finds no contiguous free range.
     */
    private static Stream<PortBinding> bindings(PortMapping mapping) {
        Ports.Binding host = mapping.hostPort() == null || mapping.hostPort() == 0
                ? Ports.Binding.empty()
                : Ports.Binding.bindPort(mapping.hostPort());
        return exposed(mapping).map(port -> new PortBinding(host, port));
    }

    private static Long bytes(Long mib) {
        return mib == null ? null : mib * MIB;
    }
}
