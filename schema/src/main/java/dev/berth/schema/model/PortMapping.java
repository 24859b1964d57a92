package dev.berth.schema.model;

/**
 * A container port published to the host. {@code hostPort} 0 asks for a dynamic port.
 */
public record PortMapping(Integer containerPort, Integer hostPort, Protocol protocol, String name,
                          AppProtocol appProtocol) {
    public enum Protocol { tcp, udp }

    public enum AppProtocol { http, http2, grpc }
}
