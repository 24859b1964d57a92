package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.applier.network.StackNetworks;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resumability: {@code berth apply} runs as its own JVM and is SIGKILLed at a chosen point (an
 * event of its JSON progress, or a time); the next apply must take over the stale lock and converge
 * (exactly desiredCount running tasks of the desired revision per service, nothing else of the stack
 * left behind), never running more than maximumPercent of a service meanwhile; a third apply has
 * nothing to do.
 */
@ExtendWith(RequiresDocker.class)
class ResumeAfterKillTest {
    private static final int DESIRED = 3;
    /** Most running tasks per service: floor(desired * maximumPercent / 100). */
    private static final Map<String, Integer> MAX_RUNNING = Map.of("a", 3 * 150 / 100, "b", 3 * 200 / 100);

    private final DockerClients clients = new DockerClients();
    private final ObjectMapper json = new ObjectMapper();
    private final String stack = "rk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private DockerClient docker;
    private Path stackFile;
    private Path dir;
    private Path killedErr;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        this.dir = dir;
        docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
        stackFile = dir.resolve("stack.yaml");
    }

    @AfterEach
    void tearDown() {
        try (clients) {
            CommandRun.of("destroy", stackFile.toString(), "--yes", "--volumes");
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(BerthLabels.STACK, stack)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            for (Network n : docker.listNetworksCmd().withFilter("label", List.of(BerthLabels.STACK + "=" + stack)).exec()) {
                try {
                    StackNetworks.removeById(docker, n.getId());
                } catch (StackNetworks.StaleEndpoints engineMiscount) {
                    // The kills this test makes can leave it; what the test checks is unaffected.
                    System.err.println("left network " + n.getName() + ": " + engineMiscount.getMessage());
                }
            }
        }
    }

    /** Killed before it printed anything (maybe before it took the lock), during a rolling replacement. */
    @Test
    void killedAtStart() throws Exception {
        converged("v1");
        resumeAfter("v2", kill(0, e -> false, 0));
    }

    /** Killed when the first service begins: the revision is recorded, no task started yet. */
    @Test
    void killedRightAfterTheRevisionIsRecorded() throws Exception {
        converged("v1");
        resumeAfter("v2", kill(1, event("started", "service.", "")), true);
    }

    /** Killed as the first task of a new service starts (create from nothing). */
    @Test
    void killedAtTheFirstTaskStartingFromNothing() throws Exception {
        resumeAfter("v1", kill(1, event("progress", "service.", "starting ")), true);
    }

    /** Killed when the first new task of service a is healthy, before its old tasks stop. */
    @Test
    void killedAfterANewTaskIsHealthyBeforeOldOnesStop() throws Exception {
        converged("v1");
        resumeAfter("v2", kill(1, e -> "service.a".equals(e.path("address").asText())
                && e.path("message").asText().endsWith(" is healthy")), true);
    }

    /** Killed while old tasks stop: after the first of a batch of stops is reported. */
    @Test
    void killedWhileStoppingOldTasks() throws Exception {
        converged("v1");
        resumeAfter("v2", kill(1, event("progress", "service.", "stopped ")), true);
    }

    /** Killed a seeded pseudo-random time into a rolling replacement, three times over. */
    @Test
    void killedAtSeededTimes() throws Exception {
        Random random = new Random(20261124L);
        converged("v1");
        String[] versions = {"v2", "v3", "v4"};
        for (String version : versions) {
            resumeAfter(version, kill(500 + random.nextInt(4500), e -> false, 0));
        }
    }

    private static Predicate<JsonNode> event(String type, String addressPrefix, String messagePrefix) {
        return e -> type.equals(e.path("type").asText()) && e.path("address").asText().startsWith(addressPrefix)
                && e.path("message").asText().startsWith(messagePrefix);
    }

    /** When to kill: after {@code afterMillis}, or at the {@code count}-th event {@code matching}. */
    private record Kill(long afterMillis, Predicate<JsonNode> matching, int count) {
    }

    private static Kill kill(long afterMillis, Predicate<JsonNode> matching, int count) {
        return new Kill(afterMillis, matching, count);
    }

    private static Kill kill(int count, Predicate<JsonNode> matching) {
        return new Kill(-1, matching, count);
    }

    private void resumeAfter(String version, Kill kill) throws Exception {
        resumeAfter(version, kill, false);
    }

    private void converged(String version) throws IOException {
        writeStack(version);
        CommandRun run = CommandRun.of("apply", "--yes", stackFile.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertConverged(version);
    }

    /**
     * @param eventMustHappen whether the kill point is an event the run must reach (so it held the lock)
     */
    private void resumeAfter(String version, Kill kill, boolean eventMustHappen) throws Exception {
        writeStack(version);
        try (Sampler sampler = new Sampler()) {
            boolean killedAtEvent = runAndKill(kill);
            if (eventMustHappen) {
                assertTrue(killedAtEvent, "the apply ended before the kill point: " + Files.readString(killedErr));
            }
            CommandRun resumed = CommandRun.of("apply", "--yes", stackFile.toString());
            assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
            if (eventMustHappen) {
                assertTrue(resumed.err().contains("took over a stale lock of pid"), resumed.err());
            }
            sampler.close();
            sampler.assertWithinMaximumPercent();
        }
        assertConverged(version);
        CommandRun again = CommandRun.of("apply", "--yes", stackFile.toString());
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("No changes."), again.out());
    }

    /** Runs apply in its own JVM and SIGKILLs it at the kill point; true when an event triggered the kill. */
    private boolean runAndKill(Kill kill) throws Exception {
        killedErr = dir.resolve("killed-" + UUID.randomUUID() + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "apply", "--yes", "--format", "json", stackFile.toString())
                .redirectError(killedErr.toFile());
        Process process = builder.start();
        if (kill.afterMillis() >= 0) {
            process.waitFor(kill.afterMillis(), TimeUnit.MILLISECONDS);
            process.destroyForcibly().waitFor();
            return false;
        }
        AtomicInteger seen = new AtomicInteger();
        boolean killed = false;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode event = json.readTree(line);
                if (kill.matching().test(event) && seen.incrementAndGet() == kill.count()) {
                    process.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        } finally {
            process.destroyForcibly().waitFor();
        }
        return killed;
    }

    private void writeStack(String version) throws IOException {
        Files.writeString(stackFile, """
                version: 1
                stack: %s
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    cpu: 128
                    memory: 64
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: [sh, -c, "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"]
                        environment: {VERSION: "%s"}
                        stopTimeout: 1
                services:
                  a:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 3
                    deploymentConfiguration: {minimumHealthyPercent: 50, maximumPercent: 150}
                  b:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 3
                    deploymentConfiguration: {minimumHealthyPercent: 100, maximumPercent: 200}
                """.formatted(stack, version));
    }

    /**
     * Every container of the stack is a running task of the current version, each service runs
     * exactly desiredCount distinct tasks of one container, and no lock is left.
     */
    private void assertConverged(String version) {
        Map<String, List<String>> tasksByService = new TreeMap<>();
        Set<String> revisions = new HashSet<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, stack)).exec()) {
            Map<String, String> labels = c.getLabels();
            String what = c.getNames()[0] + " " + labels;
            assertEquals(BerthLabels.KIND_TASK, labels.get(BerthLabels.KIND), "not a task: " + what);
            assertEquals("running", c.getState(), "not running: " + what);
            tasksByService.computeIfAbsent(labels.get(BerthLabels.SERVICE), s -> new ArrayList<>())
                    .add(labels.get(BerthLabels.TASK));
            revisions.add(labels.get(BerthLabels.REVISION));
            String env = String.join(" ", docker.inspectContainerCmd(c.getId()).exec().getConfig().getEnv());
            assertTrue(env.contains("VERSION=" + version), "outdated: " + what);
        }
        assertEquals(Set.of("a", "b"), tasksByService.keySet());
        tasksByService.forEach((service, tasks) -> {
            assertEquals(DESIRED, tasks.size(), service + ": " + tasks);
            assertEquals(DESIRED, new HashSet<>(tasks).size(), "duplicate task ids in " + service + ": " + tasks);
        });
        assertEquals(1, revisions.size(), "one revision runs: " + revisions);
    }

    /** Counts the running tasks of each service every ~100 ms and remembers the most seen. */
    private final class Sampler implements AutoCloseable {
        private final Map<String, Integer> most = new ConcurrentHashMap<>();
        private final Map<String, String> when = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger samples = new AtomicInteger();
        private final Thread thread;

        Sampler() {
            thread = Thread.ofPlatform().daemon().start(this::run);
        }

        private void run() {
            while (!stop.get()) {
                Map<String, Set<String>> running = new HashMap<>();
                for (Container c : docker.listContainersCmd()
                        .withLabelFilter(Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, BerthLabels.KIND_TASK))
                        .exec()) {
                    running.computeIfAbsent(c.getLabels().get(BerthLabels.SERVICE), s -> new HashSet<>())
                            .add(c.getLabels().get(BerthLabels.TASK));
                }
                running.forEach((service, tasks) -> {
                    if (tasks.size() > most.getOrDefault(service, 0)) {
                        most.put(service, tasks.size());
                        when.put(service, tasks.toString());
                    }
                });
                samples.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void assertWithinMaximumPercent() {
            assertTrue(samples.get() > 3, "too few samples: " + samples.get());
            MAX_RUNNING.forEach((service, max) -> assertTrue(most.getOrDefault(service, 0) <= max,
                    service + " ran " + most.get(service) + " tasks (> " + max + "): " + when.get(service)));
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
