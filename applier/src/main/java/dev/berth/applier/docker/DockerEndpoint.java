package dev.berth.applier.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Docker engine listens and, for TLS, where its client certificates are.
 *
 * @param uri         normalised {@code unix:///path}, {@code tcp://host:port} or {@code ssh://[user@]host[:port]}
 * @param tlsCertPath directory holding ca.pem, cert.pem and key.pem; null for plain connections
 */
public record DockerEndpoint(URI uri, Path tlsCertPath) {
    public static final String LOCAL_SOCKET = "unix:///var/run/docker.sock";
    private static final int PLAIN_PORT = 2375;
    private static final int TLS_PORT = 2376;

    public DockerEndpoint {
        if (tlsCertPath != null && !"tcp".equals(uri.getScheme())) {
            throw new IllegalArgumentException("TLS applies only to tcp:// endpoints, not " + uri);
        }
    }

    /** Whether berth reaches this engine through the system's ssh client ({@link SshTunnel}). */
    public boolean ssh() {
        return "ssh".equals(uri.getScheme());
    }

    /** The machine a tcp:// or ssh:// endpoint names; null for a unix socket, which names none. */
    public static String remoteHost(URI uri) {
        return "tcp".equals(uri.getScheme()) || "ssh".equals(uri.getScheme()) ? uri.getHost() : null;
    }

    /**
     * The engine the docker CLI would talk to: {@code DOCKER_HOST}; else the Docker context that
     * {@code DOCKER_CONTEXT} names, else the current one of the CLI's config.json
     * ({@code docker context use}); else the local socket.
     *
     * @throws IllegalArgumentException for a context that is not there
     */
    public static DockerEndpoint defaultEndpoint(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return parse(host, env);
        }
        return DockerContexts.current(env).orElseGet(() -> parse(LOCAL_SOCKET, env));
    }

    /**
     * Parses an endpoint the way the docker CLI reads {@code -H}: TLS is used for tcp endpoints when
     * {@code DOCKER_TLS_VERIFY} is set to anything but "" or "0", with certificates from
     * {@code DOCKER_CERT_PATH} (default ~/.docker).
     */
    public static DockerEndpoint parse(String endpoint, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Docker endpoint: " + endpoint, e);
        }
        String scheme = uri.getScheme();
        if ("unix".equals(scheme)) {
            if (uri.getPath() == null || uri.getPath().isEmpty()) {
                throw new IllegalArgumentException("unix endpoint needs a socket path: " + endpoint);
            }
            return new DockerEndpoint(URI.create("unix://" + uri.getPath()), null);
        }
        if ("tcp".equals(scheme)) {
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("tcp endpoint needs a host: " + endpoint);
            }
            boolean tls = tlsVerify(env);
            int port = uri.getPort() != -1 ? uri.getPort() : tls ? TLS_PORT : PLAIN_PORT;
            URI normalised = URI.create("tcp://" + uri.getHost() + ":" + port);
            return new DockerEndpoint(normalised, tls ? certPath(env) : null);
        }
        if ("ssh".equals(scheme)) {
            // As the docker CLI reads it: the remote's own docker answers over ssh, so nothing may follow the host.
            if (uri.getHost() == null || !(uri.getPath() == null || uri.getPath().isEmpty())
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("ssh endpoint is ssh://[user@]host[:port]: " + endpoint);
            }
            return new DockerEndpoint(URI.create("ssh://" + (uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@")
                    + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())), null);
        }
        throw new IllegalArgumentException("unsupported Docker endpoint (use unix://, tcp:// or ssh://): " + endpoint);
    }

    public boolean tls() {
        return tlsCertPath != null;
    }

    private static boolean tlsVerify(Map<String, String> env) {
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        return !verify.isEmpty() && !"0".equals(verify);
    }

    private static Path certPath(Map<String, String> env) {
        String explicit = env.get("DOCKER_CERT_PATH");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    // Written out because a record's generated equals and hashCode link through a method-handle
    // bootstrap on first use, which spins classes the AOT cache does not keep: about 10 ms of CPU in
    // every run, since endpoints key the maps of clients and hosts.
    @Override
    public boolean equals(Object other) {
        return other instanceof DockerEndpoint that && uri.equals(that.uri) && Objects.equals(tlsCertPath, that.tlsCertPath);
    }

    @Override
    public int hashCode() {
        return 31 * uri.hashCode() + Objects.hashCode(tlsCertPath);
    }
}
