package dev.berth.applier.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DefaultDockerCmdExecFactory;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * One docker-java client per endpoint, shared by every observer and applier step that talks to that
 * engine, and closed together; an ssh:// engine's client goes through an {@link SshTunnel}, which
 * closes with it.
 */
public final class DockerClients implements AutoCloseable {
    /** Short, so an unreachable host costs seconds rather than the OS default of minutes. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Bounded, so a hung engine cannot stall a plan forever; long enough for a slow inspect. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Observation inspects many containers of one host at once; see HostObserver. */
    public static final int MAX_CONNECTIONS = 32;

    /**
     * One mapper for every client. docker-java gives each client a copy of its own, and each copy
     * builds its readers of the engine's answers anew: for a container inspect, some 60 classes
     * introspected, once per host.
     */
    private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();

    private final Map<DockerEndpoint, DockerClient> clients = new ConcurrentHashMap<>();
    private final Map<DockerEndpoint, SshTunnel> tunnels = new ConcurrentHashMap<>();
    private final Map<String, String> env;

    public DockerClients() {
        this(System.getenv());
    }

    /** @param env where ssh:// engines' extra ssh options are read ({@value SshTunnel#OPTIONS_VARIABLE}) */
    public DockerClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The client for the endpoint, built on first use. */
    public DockerClient client(DockerEndpoint endpoint) {
        return clients.computeIfAbsent(endpoint, this::build);
    }

    private DockerClient build(DockerEndpoint endpoint) {
        SshTunnel tunnel = endpoint.ssh() ? tunnels.computeIfAbsent(endpoint, e -> new SshTunnel(e, env)) : null;
        DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder()
                .withDockerHost((tunnel != null ? tunnel.socket() : endpoint.uri()).toString())
                .withDockerTlsVerify(endpoint.tls());
        if (endpoint.tls()) {
            config.withDockerCertPath(endpoint.tlsCertPath().toString());
        }
        DefaultDockerClientConfig built = config.build();
        boolean socket = tunnel != null || "unix".equals(endpoint.uri().getScheme());
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(socket ? NoTls.CONFIG : built.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .maxConnections(tunnel != null ? SshTunnel.MAX_SESSIONS : MAX_CONNECTIONS)
                .build();
        DockerHttpClient transport = tunnel != null ? new ThroughSsh(http, tunnel)
                : endpoint.tls() ? new TlsRefusal(http, endpoint.uri(), built.getSSLConfig()) : http;
        // Given the transport, the client keeps it for EngineJson; the commands get the shared mapper.
        return ((DockerClientImpl) DockerClientImpl.getInstance(built, transport))
                .withDockerCmdExecFactory(new DefaultDockerCmdExecFactory(transport, JSON));
    }

    /**
     * For an engine behind a unix socket (the local one, an ssh tunnel), which never speaks TLS.
     * Without a context of its own, docker-java's transport builds the JVM's default one, which
     * reads the JDK's 140-odd trusted CA certificates: 40-50 ms of every command that reaches a
     * host. Given a context, it only keeps it for an https:// host it never sees. Even a context
     * that trusts nothing loads the JDK's TLS provider first (about 20 ms), so this one is no TLS
     * at all: anything that would use it fails.
     */
    private static final class NoTls extends SSLContext {
        static final SSLConfig CONFIG = NoTls::new;

        private NoTls() {
            super(new Refused(), null, "none");
        }

        private static final class Refused extends SSLContextSpi {
            private static UnsupportedOperationException refused() {
                return new UnsupportedOperationException("a unix-socket engine has no TLS");
            }

            @Override
            protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
                throw refused();
            }

            @Override
            protected SSLSocketFactory engineGetSocketFactory() {
                throw refused();
            }

            @Override
            protected SSLServerSocketFactory engineGetServerSocketFactory() {
                throw refused();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine() {
                throw refused();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine(String host, int port) {
                throw refused();
            }

            @Override
            protected SSLSessionContext engineGetServerSessionContext() {
                throw refused();
            }

            @Override
            protected SSLSessionContext engineGetClientSessionContext() {
                throw refused();
            }
        }
    }

    /**
     * docker-java sees a connection that closed; a failed ssh said why on its stderr, and that is
     * the failure thrown instead (its cause is docker-java's).
     */
    private record ThroughSsh(DockerHttpClient http, SshTunnel tunnel) implements DockerHttpClient {
        @Override
        public Response execute(Request request) {
            try {
                return http.execute(request);
            } catch (RuntimeException e) {
                SshTunnel.Failure failure = tunnel.failure(e);
                throw failure == null ? e : failure;
            }
        }

        @Override
        public void close() throws IOException {
            http.close();
        }
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
        // After the clients: their connections end first, and with them the ssh sessions.
        tunnels.values().forEach(SshTunnel::close);
        tunnels.clear();
        if (first != null) {
            throw new UncheckedIOException("closing Docker clients", first);
        }
    }
}
