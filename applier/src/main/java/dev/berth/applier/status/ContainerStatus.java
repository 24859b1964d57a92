package dev.berth.applier.status;

import java.util.List;

/**
 * One container of a task.
 *
 * @param health healthy, unhealthy, starting, or null without a health check
 * @param ports  published ports as {@code 127.0.0.1:49153->8080/tcp}: the host's address, host port, container port
 */
public record ContainerStatus(String name, String state, String health, List<String> ports) {
    public ContainerStatus {
        ports = List.copyOf(ports);
    }
}
