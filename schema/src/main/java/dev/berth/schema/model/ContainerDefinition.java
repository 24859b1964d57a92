package dev.berth.schema.model;

import java.util.List;
import java.util.Map;

/**
 * One container of a task definition.
 *
 * @param cpu               CPU units reserved for this container (null: a share of the task's)
 * @param memory            hard memory limit in MiB
 * @param memoryReservation soft memory limit in MiB
 * @param stopTimeout       seconds between SIGTERM and SIGKILL
 * @param startTimeout      seconds the containers that depend on this one wait for it; null: berth's default
 * @param restartPolicy     null when the container is not restarted in place
 * @param links             {@code container} or {@code container:alias}, other containers of the task
 * @param repositoryCredentials where the image's registry credentials come from (null: the docker CLI's logins)
 * @param environmentFiles  in the order written, which decides between files that set the same variable
 */
public record ContainerDefinition(
        String name,
        String image,
        Boolean essential,
        List<String> command,
        List<String> entryPoint,
        List<KeyValuePair> environment,
        List<Secret> secrets,
        List<PortMapping> portMappings,
        Integer cpu,
        Integer memory,
        Integer memoryReservation,
        HealthCheck healthCheck,
        List<MountPoint> mountPoints,
        List<VolumeFrom> volumesFrom,
        List<ContainerDependency> dependsOn,
        String workingDirectory,
        String user,
        Integer stopTimeout,
        LogConfiguration logConfiguration,
        Map<String, String> dockerLabels,
        List<Ulimit> ulimits,
        LinuxParameters linuxParameters,
        Boolean readonlyRootFilesystem,
        Boolean privileged,
        String hostname,
        List<HostEntry> extraHosts,
        List<String> dnsServers,
        List<String> dnsSearchDomains,
        List<SystemControl> systemControls,
        List<ResourceRequirement> resourceRequirements,
        List<String> dockerSecurityOptions,
        Integer startTimeout,
        Boolean interactive,
        Boolean pseudoTerminal,
        ContainerRestartPolicy restartPolicy,
        List<String> links,
        Boolean disableNetworking,
        RepositoryCredentials repositoryCredentials,
        List<EnvironmentFile> environmentFiles) {

    public ContainerDefinition {
        command = Immutable.list(command);
        entryPoint = Immutable.list(entryPoint);
        environment = Immutable.list(environment);
        secrets = Immutable.list(secrets);
        portMappings = Immutable.list(portMappings);
        mountPoints = Immutable.list(mountPoints);
        volumesFrom = Immutable.list(volumesFrom);
        dependsOn = Immutable.list(dependsOn);
        dockerLabels = Immutable.map(dockerLabels);
        ulimits = Immutable.list(ulimits);
        extraHosts = Immutable.list(extraHosts);
        dnsServers = Immutable.list(dnsServers);
        dnsSearchDomains = Immutable.list(dnsSearchDomains);
        systemControls = Immutable.list(systemControls);
        resourceRequirements = Immutable.list(resourceRequirements);
        dockerSecurityOptions = Immutable.list(dockerSecurityOptions);
        links = Immutable.list(links);
        environmentFiles = Immutable.list(environmentFiles);
    }
}
