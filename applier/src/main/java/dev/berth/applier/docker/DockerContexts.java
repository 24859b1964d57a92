package dev.berth.applier.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.schema.source.Echo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Docker contexts as the docker CLI keeps them: {@code DOCKER_CONFIG} (default ~/.docker) holds
 * {@code config.json}, whose {@code currentContext} is the one {@code docker context use} chose,
 * and {@code contexts/meta/<sha256 of the name>/meta.json} with the context's engine; its TLS
 * files, when it has any, are under {@code contexts/tls/<same>/docker}. "default" is no context:
 * DOCKER_HOST, else the local socket.
 */
public final class DockerContexts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT = "default";

    private DockerContexts() {
    }

    /** The engine of the context DOCKER_CONTEXT or config.json names; empty for none or "default". */
    static Optional<DockerEndpoint> current(Map<String, String> env) {
        Path config = configDirectory(env);
        String given = env.get("DOCKER_CONTEXT");
        String name = given != null && !given.isBlank() ? given
                : read(config.resolve("config.json")).map(c -> c.path("currentContext").asText("")).orElse("");
        if (name.isBlank() || DEFAULT.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(named(name, env));
    }

    /**
     * The engine of the context of that name, with its TLS files; "default" is the one the docker
     * CLI would use without a context (DOCKER_HOST, else the local socket).
     *
     * @throws IllegalArgumentException for a context that is not there or names no engine
     */
    static DockerEndpoint named(String name, Map<String, String> env) {
        if (DEFAULT.equals(name)) {
            String host = env.get("DOCKER_HOST");
            return DockerEndpoint.parse(host != null && !host.isBlank() ? host : DockerEndpoint.LOCAL_SOCKET, env);
        }
        Path config = configDirectory(env);
        String id = sha256(name);
        Path meta = config.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        JsonNode context = read(meta).orElseThrow(() -> new IllegalArgumentException("Docker context "
                + Echo.quoted(name) + " is not in " + config.resolve("contexts") + "; see docker context ls"));
        String host = context.path("Endpoints").path("docker").path("Host").asText("");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Docker context " + Echo.quoted(name) + " names no Docker engine");
        }
        Path tls = config.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
        DockerEndpoint endpoint = DockerEndpoint.parse(host, Map.of());
        if (Files.isRegularFile(tls.resolve("cert.pem")) && "tcp".equals(endpoint.uri().getScheme())) {
            return new DockerEndpoint(URI.create(endpoint.uri().toString()), tls);
        }
        return endpoint;
    }

    /** Where the docker CLI keeps config.json, contexts and registry logins: $DOCKER_CONFIG, else ~/.docker. */
    public static Path configDirectory(Map<String, String> env) {
        String explicit = env.get("DOCKER_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
