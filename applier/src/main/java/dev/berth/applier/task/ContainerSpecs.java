package dev.berth.applier.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.applier.docker.EngineJson;
import dev.berth.planner.expected.ExpectedContainerConfig;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerRestartPolicy;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.MountPoint;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.ResourceRequirement;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Ulimit;
import dev.berth.schema.model.Volume;
import dev.berth.schema.model.VolumeFrom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates a canonical container definition into the Engine API's create of one task's container,
 * written as a JSON tree: docker-java's writer of a create (some 150 properties of its models
 * introspected) and its reader of the answer would be built on the way to every apply's first task.
 * Unset fields are left out, so the image's own settings hold, as in ECS.
 */
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
     * @return the created container's id
     */
    static String create(EngineJson engine, TaskSpec task, ContainerDefinition container,
                         Map<String, String> secretValues, Map<String, String> logSecretValues,
                         NetworkAttachment network) {
        TaskDefinition definition = task.definition();
        // The expected config is what drift detection compares with, so it is what the container gets.
        ContainerConfig expected = ExpectedContainerConfig.of(definition, container);
        ObjectNode create = EngineJson.object().put("Image", expected.image());
        EngineJson.putStrings(create, "Env", environment(expected.environment(), secretValues));
        create.set("Labels", EngineJson.strings(TaskLabels.container(task, container)));
        putIfSet(create, "StopTimeout", container.stopTimeout());
        ObjectNode exposed = create.putObject("ExposedPorts");
        network.publishedPorts().forEach(mapping -> ports(mapping).forEach(port -> exposed.putObject(port)));
        if (!expected.command().isEmpty()) {
            EngineJson.putStrings(create, "Cmd", expected.command());
        }
        if (!expected.entryPoint().isEmpty()) {
            EngineJson.putStrings(create, "Entrypoint", expected.entryPoint());
        }
        if (container.healthCheck() != null) {
            create.set("Healthcheck", HealthChecks.docker(container.healthCheck()));
        }
        putIfSet(create, "WorkingDir", container.workingDirectory());
        putIfSet(create, "User", container.user());
        if (network.ownsNetwork()) {
            putIfSet(create, "Hostname", container.hostname());
        }
        create.put("OpenStdin", Boolean.TRUE.equals(container.interactive()))
                .put("Tty", Boolean.TRUE.equals(container.pseudoTerminal()));
        hostConfig(create.putObject("HostConfig"), task, container, expected, logSecretValues, network);
        // Validation allows links in bridge mode only, where every container is on the stack network: a
        // user-defined network, on which the engine reads links from the endpoint, not from HostConfig.
        if (!container.links().isEmpty()) {
            EngineJson.putStrings(create.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(network.networkMode()),
                    "Links", container.links().stream().map(link -> link(task, link)).toList());
        }
        return engine.createContainer(TaskObjectNames.container(task.stack(), task.taskId(), container.name()), create);
    }

    private static List<String> environment(Map<String, String> declared, Map<String, String> secretValues) {
        Map<String, String> variables = new TreeMap<>(declared);
        variables.putAll(secretValues);
        List<String> env = new ArrayList<>();
        variables.forEach((name, value) -> env.add(name + "=" + value));
        return env;
    }

    private static void hostConfig(ObjectNode host, TaskSpec task, ContainerDefinition container,
                                   ContainerConfig expected, Map<String, String> logSecretValues,
                                   NetworkAttachment network) {
        host.put("NetworkMode", network.networkMode());
        restartPolicy(host.putObject("RestartPolicy"), container.restartPolicy());
        putIfSet(host, "Memory", bytes(expected.memoryMiB()));
        putIfSet(host, "MemoryReservation", bytes(expected.memoryReservationMiB()));
        putIfSet(host, "CpuShares", expected.cpuShares());
        ObjectNode bindings = host.putObject("PortBindings");
        network.publishedPorts().forEach(mapping -> bindings(bindings, mapping));
        EngineJson.putStrings(host, "Binds", binds(task, container));
        EngineJson.putStrings(host, "VolumesFrom", container.volumesFrom().stream().map(from -> volumesFrom(task, from)).toList());
        ArrayNode ulimits = host.putArray("Ulimits");
        for (Ulimit ulimit : container.ulimits()) {
            ulimits.addObject().put("Name", ulimit.name()).put("Soft", ulimit.softLimit()).put("Hard", ulimit.hardLimit());
        }
        putIfSet(host, "ReadonlyRootfs", container.readonlyRootFilesystem());
        putIfSet(host, "Privileged", container.privileged());
        Map<String, String> sysctls = new TreeMap<>();
        container.systemControls().forEach(control -> sysctls.put(control.namespace(), control.value()));
        host.set("Sysctls", EngineJson.strings(sysctls));
        EngineJson.putStrings(host, "SecurityOpt", container.dockerSecurityOptions());
        ArrayNode requests = host.putArray("DeviceRequests");
        container.resourceRequirements().forEach(requirement -> deviceRequest(requests.addObject(), requirement));
        if (container.logConfiguration() != null) {
            logConfig(host.putObject("LogConfig"), container, logSecretValues);
        }
        if (network.ownsNetwork()) {
            EngineJson.putStrings(host, "Dns", container.dnsServers());
            EngineJson.putStrings(host, "DnsSearch", container.dnsSearchDomains());
            EngineJson.putStrings(host, "ExtraHosts", container.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress())
                    .toList());
        }
        if (container.linuxParameters() != null) {
            linux(host, container.linuxParameters(), expected.memoryMiB());
        }
    }

    /** @param memoryMiB the container's memory limit, which validation requires with maxSwap */
    private static void linux(ObjectNode host, LinuxParameters linux, Long memoryMiB) {
        putIfSet(host, "Init", linux.initProcessEnabled());
        if (linux.capabilities() != null) {
            // Canonical names, without CAP_, as Docker's own CLI sends them.
            EngineJson.putStrings(host, "CapAdd", linux.capabilities().add());
            EngineJson.putStrings(host, "CapDrop", linux.capabilities().drop());
        }
        if (linux.sharedMemorySize() != null) {
            host.put("ShmSize", linux.sharedMemorySize() * MIB);
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
            host.set("Tmpfs", EngineJson.strings(tmpfs));
        }
        ArrayNode devices = host.putArray("Devices");
        for (LinuxParameters.Device device : linux.devices()) {
            devices.addObject().put("PathOnHost", device.hostPath()).put("PathInContainer", device.containerPath())
                    .put("CgroupPermissions", permissions(device));
        }
        // Docker's memory-swap is memory and swap together; as on ECS, swappiness counts only with maxSwap.
        if (linux.maxSwap() != null) {
            host.put("MemorySwap", (memoryMiB + linux.maxSwap()) * MIB);
            putIfSet(host, "MemorySwappiness", linux.swappiness());
        }
    }

    /** {@code container[:alias]} of the task: the alias is the container's name when none is given, as on ECS. */
    private static String link(TaskSpec task, String link) {
        String[] parts = link.split(":", 2);
        return TaskObjectNames.container(task.stack(), task.taskId(), parts[0]) + ":"
                + (parts.length == 2 ? parts[1] : parts[0]);
    }

    private static String volumesFrom(TaskSpec task, VolumeFrom from) {
        return TaskObjectNames.container(task.stack(), task.taskId(), from.sourceContainer()) + ":"
                + access(from.readOnly());
    }

    /** Docker's cgroup permissions: r, w and m, in that order. */
    private static String permissions(LinuxParameters.Device device) {
        StringBuilder permissions = new StringBuilder();
        for (LinuxParameters.Device.Permission permission : device.permissions()) {
            permissions.append(permission.name().charAt(0));
        }
        return permissions.toString();
    }

    /** {@code docker run --gpus N}: any driver that offers the gpu capability (NVIDIA's). */
    private static void deviceRequest(ObjectNode request, ResourceRequirement requirement) {
        request.put("Count", Integer.parseInt(requirement.value()));
        request.putArray("Capabilities").addArray().add("gpu");
    }

    /**
     * ECS restarts a container with a restart policy in place whatever its exit code, unless the code
     * is ignored; Docker's unless-stopped restarts on every code, on-failure on every code but 0, so
     * ignoring 0 is the one difference Docker can make (a warning names the codes it cannot). Without
     * a policy berth replaces a failed task rather than restarting its containers, as ECS does.
     * Neither restarts a container berth stops: it is removed.
     */
    private static void restartPolicy(ObjectNode docker, ContainerRestartPolicy policy) {
        docker.put("Name", policy == null ? "no"
                : policy.ignoredExitCodes().contains(0) ? "on-failure" : "unless-stopped");
    }

    /**
     * Validation keeps secretOptions' names out of options, so neither overwrites the other. Any driver
     * the engine has, a logging plugin too, is the engine's to accept or refuse.
     */
    private static void logConfig(ObjectNode log, ContainerDefinition container, Map<String, String> logSecretValues) {
        Map<String, String> options = new TreeMap<>(container.logConfiguration().options());
        options.putAll(logSecretValues);
        log.put("Type", container.logConfiguration().logDriver());
        log.set("Config", EngineJson.strings(options));
    }

    /** Task volumes by mount: a host path, the task's own named volume, or the shared one. */
    private static List<String> binds(TaskSpec task, ContainerDefinition container) {
        List<String> binds = new ArrayList<>();
        for (MountPoint mount : container.mountPoints()) {
            Volume volume = task.definition().volumes().stream()
                    .filter(v -> v.name().equals(mount.sourceVolume()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("container " + container.name()
                            + " mounts volume " + mount.sourceVolume() + ", which the task definition does not declare"));
            binds.add(TaskVolumes.source(task, volume) + ":" + mount.containerPath() + ":" + access(mount.readOnly()));
        }
        return binds;
    }

    private static String access(Boolean readOnly) {
        return Boolean.TRUE.equals(readOnly) ? "ro" : "rw";
    }

    /** Each port of a mapping as the API names it: its containerPort, or every one of its containerPortRange. */
    private static List<String> ports(PortMapping mapping) {
        String protocol = mapping.protocol() == PortMapping.Protocol.udp ? "/udp" : "/tcp";
        return mapping.containerPorts().stream().map(port -> port + protocol).toList();
    }

    /**
     * Host port 0 leaves the choice to Docker, which picks a free ephemeral port; so does a range,
     * which has no hostPort: each of its ports gets one, as the ECS agent's fallback does when it
     * finds no contiguous free range.
     */
    private static void bindings(ObjectNode bindings, PortMapping mapping) {
        String hostPort = mapping.hostPort() == null || mapping.hostPort() == 0 ? "" : mapping.hostPort().toString();
        for (String port : ports(mapping)) {
            ArrayNode hosts = bindings.has(port) ? (ArrayNode) bindings.get(port) : bindings.putArray(port);
            hosts.addObject().put("HostIp", "").put("HostPort", hostPort);
        }
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        switch (value) {
            case null -> { }
            case String s -> node.put(field, s);
            case Integer i -> node.put(field, i);
            case Long l -> node.put(field, l);
            case Boolean b -> node.put(field, b);
            default -> throw new IllegalArgumentException(field + ": " + value.getClass());
        }
    }

    private static Long bytes(Long mib) {
        return mib == null ? null : mib * MIB;
    }
}
