package dev.berth.schema.canonical;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.RuntimePlatform;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;

import java.util.List;

import static java.util.Objects.requireNonNullElse;

/**
 * Canonical task definitions. cpu, memory, pidMode and ipcMode stay null when unset: ECS has no
 * default for them on EC2, and Docker's behaviour without them is not a value berth can write down.
 */
final class TaskDefinitionCanonicalizer {

    private TaskDefinitionCanonicalizer() {
    }

    static TaskDefinition canonicalize(TaskDefinition task) {
        NetworkMode networkMode = requireNonNullElse(task.networkMode(), Defaults.NETWORK_MODE);
        ContainerCanonicalizer containers = new ContainerCanonicalizer(networkMode);
        return new TaskDefinition(
                canonicalCompatibilities(task.requiresCompatibilities()),
                networkMode,
                task.cpu(),
                task.memory(),
                canonicalize(task.runtimePlatform()),
                Sorted.list(task.containerDefinitions(), containers::canonicalize,
                        Sorted.by(ContainerDefinition::name)),
                Sorted.list(task.volumes(), VolumeCanonicalizer::canonicalize, Sorted.by(Volume::name)),
                PlacementConstraints.canonicalize(task.placementConstraints()),
                task.pidMode(),
                task.ipcMode());
    }

    /** A set of launch types; sorted by name. */
    private static List<TaskDefinition.Compatibility> canonicalCompatibilities(
            List<TaskDefinition.Compatibility> compatibilities) {
        List<TaskDefinition.Compatibility> declared =
                compatibilities.isEmpty() ? Defaults.REQUIRES_COMPATIBILITIES : compatibilities;
        return declared.stream().distinct().sorted(Sorted.by(Enum::name)).toList();
    }

    private static RuntimePlatform canonicalize(RuntimePlatform platform) {
        return platform == null
                ? new RuntimePlatform(Defaults.OPERATING_SYSTEM_FAMILY, Defaults.CPU_ARCHITECTURE)
                : new RuntimePlatform(
                        requireNonNullElse(platform.operatingSystemFamily(), Defaults.OPERATING_SYSTEM_FAMILY),
                        requireNonNullElse(platform.cpuArchitecture(), Defaults.CPU_ARCHITECTURE));
    }
}
