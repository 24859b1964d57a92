package dev.berth.planner.observed;

import java.util.List;
import java.util.Map;

/**
 * The settings of a running container that a hand edit can change, read by inspect, so drift can
 * compare them with what the task definition says. {@code environment} holds the container's
 * variables except those named in its {@code berth.secret-names} label, so secret values are never
 * read into berth's memory; image defaults (PATH, ...) are included and ignored by the comparison.
 *
 * @param memoryMiB            hard limit, null when unlimited
 * @param memoryReservationMiB soft limit, null when unset
 * @param cpuShares            Docker CPU shares, null when unset
 * @param environmentFileChanges the variables the container's environmentFiles give now whose
 *                             value in the container differs (or which it lacks), by name only,
 *                             compared where the files are read (the observer); empty in an expected config
 */
public record ContainerConfig(String image, List<String> command, List<String> entryPoint,
                              Map<String, String> environment, Long memoryMiB, Long memoryReservationMiB,
                              Integer cpuShares, List<String> environmentFileChanges) {
    public ContainerConfig {
        command = command == null ? List.of() : List.copyOf(command);
        entryPoint = entryPoint == null ? List.of() : List.copyOf(entryPoint);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        environmentFileChanges = environmentFileChanges == null ? List.of() : List.copyOf(environmentFileChanges);
    }

    public ContainerConfig(String image, List<String> command, List<String> entryPoint, Map<String, String> environment,
                           Long memoryMiB, Long memoryReservationMiB, Integer cpuShares) {
        this(image, command, entryPoint, environment, memoryMiB, memoryReservationMiB, cpuShares, List.of());
    }
}
