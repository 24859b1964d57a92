package dev.berth.schema.canonical;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerDependency;
import dev.berth.schema.model.ContainerRestartPolicy;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.HostEntry;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LogConfiguration;
import dev.berth.schema.model.MountPoint;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.ResourceRequirement;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.SystemControl;
import dev.berth.schema.model.Ulimit;
import dev.berth.schema.model.VolumeFrom;

import java.util.Comparator;

import static java.util.Objects.requireNonNullElse;

/**
 * Canonical container definitions. The network mode of the task is needed because the default
 * host port depends on it. {@code command}, {@code entryPoint}, {@code dnsServers} and
 * {@code dnsSearchDomains} keep their order: the first two are argv, resolvers and search domains
 * are tried in order. The fields added to the language after its first release ({@code interactive},
 * {@code pseudoTerminal}, {@code restartPolicy}, ...) leave their off value out rather than fill it
 * in, so every revision deployed before them keeps its hash and no task is replaced by an upgrade.
 */
final class ContainerCanonicalizer {

    private static final Comparator<PortMapping> PORT_ORDER =
            Sorted.<PortMapping, Integer>by(PortMapping::containerPort)
                    .thenComparing(Sorted.by(PortMapping::protocol))
                    .thenComparing(Sorted.by(PortMapping::hostPort))
                    .thenComparing(Sorted.by(PortMapping::containerPortRange));

    private final NetworkMode networkMode;

    ContainerCanonicalizer(NetworkMode networkMode) {
        this.networkMode = networkMode;
    }

    ContainerDefinition canonicalize(ContainerDefinition container) {
        return new ContainerDefinition(
                container.name(),
                ImageReference.normalize(container.image()),
                requireNonNullElse(container.essential(), Defaults.ESSENTIAL),
                container.command(),
                container.entryPoint(),
                Sorted.list(container.environment(), Sorted.by(KeyValuePair::name)),
                Sorted.list(container.secrets(), Sorted.by(Secret::name)),
                Sorted.list(container.portMappings(), this::canonicalize, PORT_ORDER),
                container.cpu(),
                container.memory(),
                container.memoryReservation(),
                canonicalize(container.healthCheck()),
                Sorted.list(container.mountPoints(), ContainerCanonicalizer::canonicalize,
                        Sorted.by(MountPoint::containerPath)),
                Sorted.list(container.volumesFrom(), ContainerCanonicalizer::canonicalize,
                        Sorted.by(VolumeFrom::sourceContainer)),
                Sorted.list(container.dependsOn(), Sorted.by(ContainerDependency::containerName)),
                container.workingDirectory(),
                container.user(),
                requireNonNullElse(container.stopTimeout(), Defaults.STOP_TIMEOUT_SECONDS),
                canonicalize(container.logConfiguration()),
                Sorted.map(container.dockerLabels()),
                Sorted.list(container.ulimits(), Sorted.by(Ulimit::name)),
                LinuxParametersCanonicalizer.canonicalize(container.linuxParameters()),
                requireNonNullElse(container.readonlyRootFilesystem(), Defaults.READONLY_ROOT_FILESYSTEM),
                requireNonNullElse(container.privileged(), Defaults.PRIVILEGED),
                container.hostname(),
                Sorted.list(container.extraHosts(), Sorted.by(HostEntry::hostname)),
                container.dnsServers(),
                container.dnsSearchDomains(),
                Sorted.list(container.systemControls(), Sorted.by(SystemControl::namespace)),
                Sorted.list(container.resourceRequirements(), Sorted.by(ResourceRequirement::type)),
                container.dockerSecurityOptions().stream().distinct().sorted().toList(),
                container.startTimeout(),
                onOrAbsent(container.interactive()),
                onOrAbsent(container.pseudoTerminal()),
                canonicalize(container.restartPolicy()),
                container.links().stream().distinct().sorted().toList(),
                onOrAbsent(container.disableNetworking()),
                container.repositoryCredentials(),
                container.environmentFiles());
    }

    private static Boolean onOrAbsent(Boolean flag) {
        return Boolean.TRUE.equals(flag) ? Boolean.TRUE : null;
    }

    private static ContainerRestartPolicy canonicalize(ContainerRestartPolicy policy) {
        if (policy == null || !Boolean.TRUE.equals(policy.enabled())) {
            return null;
        }
        return new ContainerRestartPolicy(true, policy.ignoredExitCodes().stream().distinct().sorted().toList(),
                requireNonNullElse(policy.restartAttemptPeriod(), Defaults.RESTART_ATTEMPT_PERIOD_SECONDS));
    }

    /** A range has no hostPort to fill in: each of its ports gets a dynamic one (bridge) or is itself (awsvpc). */
    private PortMapping canonicalize(PortMapping mapping) {
        Integer hostPort = mapping.hostPort() != null || mapping.containerPortRange() != null
                ? mapping.hostPort()
                : Defaults.hostPort(networkMode, mapping.containerPort());
        return new PortMapping(mapping.containerPort(), hostPort,
                requireNonNullElse(mapping.protocol(), Defaults.PORT_PROTOCOL), mapping.name(), mapping.appProtocol(),
                mapping.containerPortRange());
    }

    private static HealthCheck canonicalize(HealthCheck check) {
        if (check == null) {
            return null;
        }
        return new HealthCheck(check.command(),
                requireNonNullElse(check.interval(), Defaults.HEALTH_CHECK_INTERVAL),
                requireNonNullElse(check.timeout(), Defaults.HEALTH_CHECK_TIMEOUT),
                requireNonNullElse(check.retries(), Defaults.HEALTH_CHECK_RETRIES),
                requireNonNullElse(check.startPeriod(), Defaults.HEALTH_CHECK_START_PERIOD));
    }

    private static MountPoint canonicalize(MountPoint mount) {
        return new MountPoint(mount.sourceVolume(), mount.containerPath(),
                requireNonNullElse(mount.readOnly(), Defaults.MOUNT_READ_ONLY));
    }

    private static VolumeFrom canonicalize(VolumeFrom volumeFrom) {
        return new VolumeFrom(volumeFrom.sourceContainer(),
                requireNonNullElse(volumeFrom.readOnly(), Defaults.MOUNT_READ_ONLY));
    }

    /** Without a log configuration Docker uses the daemon's driver, which the model cannot know. */
    private static LogConfiguration canonicalize(LogConfiguration logging) {
        return logging == null ? null : new LogConfiguration(logging.logDriver(), Sorted.map(logging.options()),
                Sorted.list(logging.secretOptions(), Sorted.by(Secret::name)));
    }
}
