package dev.berth.applier.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One docker-java client per endpoint, shared by every observer and applier step that talks to that
 * engine, and closed together.
 */
public final class DockerClients implements AutoCloseable {
    /** Short, so an unreachable host costs seconds rather than the OS default of minutes. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Bounded, so a hung engine cannot stall a plan forever; long enough for a slow inspect. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Observation inspects many containers of one host at once; see HostObserver. */
    public static final int MAX_CONNECTIONS = 32;

    private final Map<DockerEndpoint, DockerClient> clients = new ConcurrentHashMap<>();

    /** The client for the endpoint, built on first use. */
    public DockerClient client(DockerEndpoint endpoint) {
        return clients.computeIfAbsent(endpoint, DockerClients::build);
    }

    private static DockerClient build(DockerEndpoint endpoint) {
        DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.uri().toString())
                .withDockerTlsVerify(endpoint.tls());
        if (endpoint.tls()) {
            config.withDockerCertPath(endpoint.tlsCertPath().toString());
        }
        DefaultDockerClientConfig built = config.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .maxConnections(MAX_CONNECTIONS)
                .build();
        return DockerClientImpl.getInstance(built, http);
    }

    @Override
    public void close() {
        IOException first = null;
        for (DockerClient client : clients.values()) {
            try {
                client.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        clients.clear();
        if (first != null) {
            throw new UncheckedIOException("closing Docker clients", first);
        }
    }
}
