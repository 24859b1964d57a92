package dev.berth.applier.testing;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a test class only where a Docker engine answers (DOCKER_HOST, else the local socket). Without
 * one the tests are skipped, except on CI ({@code CI=true}) where a missing engine must fail the build
 * rather than silently skip the integration tests. The engine is pinged once per endpoint per JVM.
 */
public final class RequiresDocker implements BeforeAllCallback {
    /** Why each endpoint did not answer; empty when it did. */
    private static final Map<DockerEndpoint, Optional<String>> PROBES = new ConcurrentHashMap<>();

    private final Map<String, String> env;

    public RequiresDocker() {
        this(System.getenv());
    }

    RequiresDocker(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireEngine();
    }

    void requireEngine() {
        DockerEndpoint endpoint = DockerEndpoint.defaultEndpoint(env);
        PROBES.computeIfAbsent(endpoint, RequiresDocker::probe).ifPresent(reason -> {
            String missing = "no Docker engine answers at " + endpoint + " (" + reason + ")";
            if ("true".equals(env.get("CI"))) {
                throw new AssertionFailedError("CI=true but " + missing);
            }
            throw new TestAbortedException(missing);
        });
    }

    private static Optional<String> probe(DockerEndpoint endpoint) {
        try (DockerClients clients = new DockerClients()) {
            clients.client(endpoint).pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException failure) {
            return Optional.of(EngineFailures.describe(failure));
        }
    }
}
