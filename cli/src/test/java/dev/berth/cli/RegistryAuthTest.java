package dev.berth.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.applier.testing.TestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * berth apply pulling a private image from the test registry ({@code scripts/test-registry}: TLS from a
 * test CA, htpasswd) onto the local engine, for real: the image's tag is removed from the engine before
 * each test. Credentials come from config.json ({@code auths}, a {@code credHelpers} helper of this test)
 * or from the container's {@code repositoryCredentials}; berth runs as a process, to have its own
 * DOCKER_CONFIG and PATH. One test pulls on test host h1 instead.
 */
@ExtendWith(RequiresDocker.class)
class RegistryAuthTest {
    @TempDir
    Path dir;

    private EngineStack stack;
    private String registry;
    private String image;
    private String user;
    private String password;

    @BeforeEach
    void setUp() throws IOException {
        registry = required("BERTH_TEST_REGISTRY");
        image = required("BERTH_TEST_REGISTRY_IMAGE");
        user = required("BERTH_TEST_REGISTRY_USER");
        password = Files.readString(Path.of(required("BERTH_TEST_REGISTRY_PASSWORD_FILE"))).strip();
        stack = new EngineStack(dir, "reg");
        removeTag();
    }

    @AfterEach
    void tearDown() {
        try {
            removeTag();
        } finally {
            stack.close();
        }
    }

    @Test
    void aLoginInConfigJsonAuthsPullsThePrivateImage() throws IOException {
        Map<String, String> env = dockerConfig("{\"auths\": {\"" + registry + "\": {\"auth\": \""
                + base64(user + ":" + password) + "\"}}}");
        stack.write(service(""));

        CommandRun run = stack.berth(env, "apply", "--yes", "--no-color");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(1, stack.runningIds().size(), run.out());
        assertTrue(present(), image + " was pulled");
        assertNowhere(password, run);
    }

    @Test
    void aCredentialHelperNamedInCredHelpersIsAskedWithTheRegistryOnStdin() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path asked = dir.resolve("asked");
        Path secret = Files.writeString(dir.resolve("helper-secret"), password);
        // The helper protocol: `get`, the server on stdin, {"ServerURL", "Username", "Secret"} on stdout.
        Path helper = Files.writeString(bin.resolve("docker-credential-berth-test"), """
                #!/bin/sh
                [ "$1" = get ] || exit 2
                read -r server
                printf '%s' "$server" > ASKED
                printf '{"ServerURL": "%s", "Username": "USER", "Secret": "%s"}\\n' "$server" "$(cat SECRET)"
                """.replace("ASKED", asked.toString()).replace("USER", user).replace("SECRET", secret.toString()));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>(dockerConfig("{\"credHelpers\": {\"" + registry
                + "\": \"berth-test\"}, \"auths\": {\"" + registry + "\": {\"auth\": \"" + base64(user + ":wrong") + "\"}}}"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        stack.write(service(""));

        CommandRun run = stack.berth(env, "apply", "--yes", "--no-color");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(registry, Files.readString(asked), "the helper is asked for the registry, as the docker CLI asks");
        assertEquals(1, stack.runningIds().size(), run.out());
        assertTrue(present(), image + " was pulled");
        assertNowhere(password, run);
    }

    @Test
    void repositoryCredentialsFromAFileSecretWinOverConfigJson() throws IOException {
        Map<String, String> env = dockerConfig("{\"auths\": {\"" + registry + "\": {\"auth\": \""
                + base64(user + ":wrong") + "\"}}}");
        Path login = Files.writeString(dir.resolve("login.json"),
                "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}\n");
        stack.write(service("repositoryCredentials: {credentialsParameter: \"file:" + login + "\"}"));

        CommandRun plan = stack.berth(env, "plan", "--format", "json");
        CommandRun run = stack.berth(env, "apply", "--yes", "--no-color");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(1, stack.runningIds().size(), run.out());
        assertTrue(present(), image + " was pulled");
        assertTrue(plan.out().contains("file:" + login), "the plan names where the login comes from: " + plan.out());
        assertNowhere(password, run);
        assertNowhere(password, plan);
    }

    /** h1's engine runs in its own network namespace; it trusts the test CA through the same certs.d. */
    @Test
    @ResourceLock(TestHosts.LOCK)
    void anEngineOfATestHostPullsWithTheLoginOfTheMachineRunningBerth() throws IOException {
        String h1 = TestHosts.sockets(1).getFirst();
        Map<String, String> env = dockerConfig("{\"auths\": {\"" + registry + "\": {\"auth\": \""
                + base64(user + ":" + password) + "\"}}}");
        stack.write(service("").replace("  main: {}", "  main:\n    hosts: [{name: h1, endpoint: \"" + h1 + "\"}]"));
        try (DockerClients clients = new DockerClients()) {
            DockerClient engine = clients.client(DockerEndpoint.parse(h1, Map.of()));
            removeTag(engine);
            try {
                CommandRun run = stack.berth(env, "apply", "--yes", "--no-color");

                assertEquals(0, run.exitCode(), run.out() + run.err());
                assertTrue(present(engine), image + " was pulled on h1");
                assertNowhere(password, run);
            } finally {
                // Pulled on h1, the tag is the image's only one: its containers must go first.
                stack.berth("destroy", "--yes");
                removeTag(engine);
            }
        }
    }

    @Test
    void wrongCredentialsFailThePreflightWithTheRegistrysAnswerAndStopNothing() throws IOException {
        Map<String, String> env = dockerConfig("{}");
        stack.web(2, "v1");
        assertEquals(0, stack.berth(env, "apply", "--yes", "--no-color").exitCode());
        Set<String> running = stack.runningIds();
        String wrong = "not-the-password-" + System.nanoTime();
        Path login = Files.writeString(dir.resolve("login.json"),
                "{\"username\": \"" + user + "\", \"password\": \"" + wrong + "\"}");
        String credentials = "repositoryCredentials: {credentialsParameter: \"file:" + login + "\"}";
        stack.write(service(credentials).replace("desiredCount: 1", "desiredCount: 2"));

        CommandRun run = stack.berth(env, "apply", "--yes", "--no-color");
        CommandRun plan = stack.berth(env, "plan", "--format", "json");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        String said = run.out() + run.err();
        assertTrue(said.contains("berth: error: service.web: image preflight on local failed: image " + image
                + " is not on host local and cannot be pulled from " + registry + " with repositoryCredentials file:"
                + login + " of container app: engine answered HTTP 500: unauthorized: authentication required;"
                + " nothing was changed"), said);
        assertEquals(running, stack.runningIds(), "the tasks of v1 still run, untouched");
        assertEquals(2, stack.tasks().size(), "nothing was started");
        assertFalse(present());
        assertNowhere(wrong, run);
        assertNowhere(wrong, plan);
        assertNowhere(password, run);
    }

    private String service(String credentials) {
        return """
                version: 1
                stack: %STACK%
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - name: app
                        image: IMAGE
                        command: SLEEPER
                        stopTimeout: 1
                        CREDENTIALS
                services:
                  web: {cluster: main, taskDefinition: web, desiredCount: 1}
                """.replace("IMAGE", image).replace("SLEEPER", EngineStack.SLEEPER).replace("CREDENTIALS", credentials);
    }

    /** A DOCKER_CONFIG of this test's holding config.json: root's own ~/.docker stays out of it. */
    private Map<String, String> dockerConfig(String json) throws IOException {
        Path config = Files.createDirectories(dir.resolve("docker-config-" + System.nanoTime()));
        Files.writeString(config.resolve("config.json"), json);
        return Map.of("DOCKER_CONFIG", config.toString());
    }

    private static void assertNowhere(String secret, CommandRun run) {
        assertFalse(run.out().contains(secret), "stdout holds the secret");
        assertFalse(run.err().contains(secret), "stderr holds the secret");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean present() {
        return present(stack.docker);
    }

    private boolean present(DockerClient engine) {
        try {
            engine.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }

    private void removeTag() {
        removeTag(stack.docker);
    }

    /** Only the tag this test pulls: on the local engine the image itself is berth/busybox:1 as well. */
    private void removeTag(DockerClient engine) {
        if (present(engine)) {
            engine.removeImageCmd(image).exec();
        }
    }

    /** The test registry's settings, which scripts/test exports; missing, the test fails on CI. */
    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            String why = variable + " is not set (run scripts/test, or eval \"$(scripts/test-registry env)\")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        return value;
    }
}
