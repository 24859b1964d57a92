package dev.berth.applier.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import dev.berth.applier.docker.DockerContexts;
import dev.berth.schema.canonical.ImageReference;
import dev.berth.schema.model.RepositoryCredentials;
import dev.berth.schema.source.Echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The login an image is pulled with: the container's {@code repositoryCredentials} when it has them,
 * else what the docker CLI would use, from {@code config.json} of its config directory: the
 * registry's {@code credHelpers} entry, else {@code credsStore}, else {@code auths}. A helper
 * {@code docker-credential-NAME} is run as the CLI runs it: {@code get}, the server on stdin, JSON
 * on stdout. No failure message holds a password, a token or the content they were read from.
 */
public final class RegistryLogins {
    /** How Docker Hub is keyed in config.json and named to credential helpers. */
    private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param registry the registry the image is pulled from
     * @param source   where the credentials come from, for messages
     * @param auth     null for an anonymous pull
     */
    public record Login(String registry, String source, AuthConfig auth) {
    }

    private final Path dockerConfig;
    private final String path;
    private final SecretResolver secrets;

    /** @param env where the docker CLI's config directory ({@code DOCKER_CONFIG}, HOME) and PATH come from */
    public RegistryLogins(Map<String, String> env, SecretResolver secrets) {
        this.dockerConfig = DockerContexts.configDirectory(env);
        this.path = env.getOrDefault("PATH", "");
        this.secrets = secrets;
    }

    /**
     * @param container   names the container in failures
     * @param credentials the container's repositoryCredentials, or null
     * @throws RegistryLoginException when the credentials cannot be had
     */
    public Login of(String image, String container, RepositoryCredentials credentials) {
        String registry = ImageReference.registry(image);
        if (credentials != null) {
            String source = "repositoryCredentials " + credentials.credentialsParameter() + " of container " + container;
            return new Login(registry, source, fromSecret(source, credentials.credentialsParameter(), registry));
        }
        Path file = dockerConfig.resolve("config.json");
        JsonNode config = config(file);
        String server = registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_SERVER : registry;
        String helper = config.path("credHelpers").path(registry).asText(config.path("credsStore").asText(""));
        if (!helper.isEmpty()) {
            if (!HELPER_NAME.matcher(helper).matches()) {
                throw new RegistryLoginException(file + ": " + Echo.quoted(helper) + " is not a credential helper's name");
            }
            String source = "docker-credential-" + helper + " (" + file + ")";
            return new Login(registry, source, fromHelper(source, helper, server));
        }
        JsonNode entry = authsEntry(config.path("auths"), registry);
        if (entry == null) {
            return new Login(registry, "no credentials (none for it in " + file + ")", null);
        }
        String source = "the login in " + file;
        return new Login(registry, source, fromAuths(source, entry, server));
    }

    private AuthConfig fromSecret(String source, String parameter, String registry) {
        String value = secrets.value(source, parameter);
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the content: the password would be in it.
            json = null;
        }
        if (json == null || !json.path("username").isTextual() || !json.path("password").isTextual()) {
            throw new RegistryLoginException(source + ": the secret must be JSON {\"username\": ..., \"password\": ...}");
        }
        return new AuthConfig().withRegistryAddress(registry).withUsername(json.get("username").asText())
                .withPassword(json.get("password").asText());
    }

    private static JsonNode config(Path file) {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new RegistryLoginException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The docker CLI also finds entries keyed with a scheme or a path, such as {@code https://host/v1/}. */
    private static JsonNode authsEntry(JsonNode auths, String registry) {
        String wanted = registry.equals(ImageReference.DOCKER_HUB) ? "index.docker.io" : registry;
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String host = entry.getKey().replaceFirst("^https?://", "").replaceFirst("/.*", "");
            if (host.equals(wanted) || host.equals(registry)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static AuthConfig fromAuths(String source, JsonNode entry, String server) {
        AuthConfig auth = new AuthConfig().withRegistryAddress(server);
        if (entry.path("identitytoken").isTextual()) {
            return auth.withIdentityToken(entry.get("identitytoken").asText());
        }
        if (entry.path("auth").isTextual()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(entry.get("auth").asText().strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new RegistryLoginException(source + ": its \"auth\" is not base64 of user:password");
            }
            return auth.withUsername(decoded.substring(0, colon)).withPassword(decoded.substring(colon + 1));
        }
        if (entry.path("username").isTextual() && entry.path("password").isTextual()) {
            return auth.withUsername(entry.get("username").asText()).withPassword(entry.get("password").asText());
        }
        return null;
    }

    private AuthConfig fromHelper(String source, String helper, String server) {
        // Looked up here, not by ProcessBuilder: that searches the PATH of the JVM, not the one berth was given.
        Path executable = Arrays.stream(path.split(":")).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "docker-credential-" + helper)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new RegistryLoginException(source + ": not found on PATH"));
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "get").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new RegistryLoginException(source + ": cannot run " + executable + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        try (InputStream out = process.getInputStream()) {
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            try (OutputStream in = process.getOutputStream()) {
                in.write(server.getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // A helper may answer without reading stdin (one that has nothing to give); its exit code says how.
            }
            if (!process.waitFor(HELPER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RegistryLoginException(source + ": no answer within " + HELPER_TIMEOUT.toSeconds() + " s");
            }
            String answer = new String(output.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                // The protocol's answer for a server the helper has nothing for: pull anonymously, as the CLI does.
                if (answer.contains("credentials not found")) {
                    return null;
                }
                throw new RegistryLoginException(source + ": exited with " + process.exitValue() + ": "
                        + Echo.quoted(answer));
            }
            return parseHelperAnswer(source, answer, server);
        } catch (IOException e) {
            throw new RegistryLoginException(source + ": " + e.getClass().getSimpleName() + " talking to it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new RegistryLoginException(source + ": interrupted");
        }
    }

    private static AuthConfig parseHelperAnswer(String source, String answer, String server) {
        JsonNode json;
        try {
            json = JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.path("Username").isTextual() || !json.path("Secret").isTextual()) {
            throw new RegistryLoginException(source + ": its answer is not JSON {\"Username\": ..., \"Secret\": ...}");
        }
        AuthConfig auth = new AuthConfig().withRegistryAddress(server);
        String user = json.get("Username").asText();
        String secret = json.get("Secret").asText();
        // The helper protocol's way of handing over an identity token instead of a password.
        return user.equals("<token>") ? auth.withIdentityToken(secret) : auth.withUsername(user).withPassword(secret);
    }
}
