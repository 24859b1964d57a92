package dev.berth.schema.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A container port published to the host. {@code hostPort} 0 asks for a dynamic port.
 *
 * @param containerPortRange {@code "start-end"} instead of {@code containerPort}: every port of the
 *                           range, each published to a dynamic host port in bridge mode
 */
public record PortMapping(Integer containerPort, Integer hostPort, Protocol protocol, String name,
                          AppProtocol appProtocol, String containerPortRange) {
    public enum Protocol { tcp, udp }

    public enum AppProtocol { http, http2, grpc }

    /**
     * Every container port of the mapping, in order: its containerPort, or first to last of its
     * containerPortRange; empty when the range is not "first-last" with first <= last.
     */
    public List<Integer> containerPorts() {
        if (containerPortRange == null) {
            return containerPort == null ? List.of() : List.of(containerPort);
        }
        String[] ends = containerPortRange.split("-", -1);
        try {
            return ends.length != 2 ? List.of()
                    : IntStream.rangeClosed(Integer.parseInt(ends[0]), Integer.parseInt(ends[1])).boxed().toList();
        } catch (NumberFormatException notNumbers) {
            return List.of();
        }
    }
}
