package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.applier.testing.TestHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Placement and host failure on real engines: h1..h3 of {@code scripts/multi-host} (zones a, b, c),
 * whose sockets {@code scripts/test} exports as BERTH_TEST_HOSTS.
 */
@ResourceLock(TestHosts.LOCK)
class MultiHostTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static List<String> hosts;

    private Path stackFile;
    private String stack;

    @BeforeAll
    static void engines() {
        hosts = TestHosts.sockets(3);
    }

    @BeforeEach
    void name(@TempDir Path dir) {
        stack = "mh-" + UUID.randomUUID().toString().substring(0, 8);
        stackFile = dir.resolve("stack.yaml");
    }

    /** Whatever a test left, plan and drift judge it alike; then it is destroyed. */
    @AfterEach
    void destroy() throws Exception {
        if (Files.exists(stackFile)) {
            scripts("start-engine", "h1");
            scripts("start-engine", "h2");
            EngineStack.assertPlanAndDriftAgree(stackFile);
            CommandRun run = CommandRun.of("destroy", stackFile.toString(), "--yes", "--volumes");
            assertEquals(0, run.exitCode(), run.out() + run.err());
        }
    }

    /**
     * The plan promises h1 only, since the other host does not answer: apply creates the network and
     * records the revision there, starts both tasks there, finishes, and repeats the warning at the
     * end; a second plan has nothing to do.
     */
    @Test
    void applyWithAHostThatDoesNotAnswerDoesExactlyWhatThePlanPromisedOnTheOther() throws Exception {
        String oneGone = "      - {name: h1, endpoint: \"" + hosts.get(0) + "\"}\n"
                + "      - {name: gone, endpoint: \"tcp://127.0.0.1:1\"}\n";
        write(oneGone, taskDefinition(64, ""), service(2, ""));

        CommandRun plan = CommandRun.of("plan", "--no-color", stackFile.toString());
        String warning = "host gone of cluster lab did not answer (connection refused): nothing on it is changed";
        assertEquals(0, plan.exitCode(), plan.out() + plan.err());
        assertTrue(plan.out().contains(warning), plan.out());
        assertTrue(plan.out().contains("# create network berth-" + stack + " on h1\n"), plan.out());
        assertTrue(plan.out().contains("h1  0 -> 2"), plan.out());

        CommandRun apply = CommandRun.of("apply", "--yes", "--no-color", stackFile.toString());
        assertEquals(0, apply.exitCode(), apply.out() + apply.err());
        assertEquals(2, count(hosts.get(0), true));
        assertTrue(apply.out().lastIndexOf(warning) > apply.out().indexOf("Plan: "), "repeated after the deployment: "
                + apply.out());
        // Nothing is left to do on h1, but the host away may differ: --detailed-exitcode says so, as drift does.
        CommandRun again = CommandRun.of("plan", "--detailed-exitcode", stackFile.toString());
        assertEquals(1, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().strip().endsWith("No changes on the hosts that answered; 1 host did not answer and may "
                + "differ."), again.out());

        // The host is dropped from the stack, so destroy afterwards can clean everything up.
        write("      - {name: h1, endpoint: \"" + hosts.get(0) + "\"}\n", taskDefinition(64, ""), service(2, ""));
    }

    /** The lock lives on a majority of the hosts, so the first one being down stops nobody. */
    @Test
    void withTheFirstHostStoppedApplyTakesTheLockOnTheOtherTwoAndConverges() throws Exception {
        write(hostsYaml(""), taskDefinition(64, ""), service(4, ""));
        try {
            scripts("stop-engine", "h1");
            CommandRun apply = CommandRun.of("apply", "--yes", "--no-color", stackFile.toString());
            assertEquals(0, apply.exitCode(), apply.out() + apply.err());
            assertEquals(2, count(hosts.get(1), true));
            assertEquals(2, count(hosts.get(2), true));
            for (String host : hosts.subList(1, 3)) {
                assertEquals("", docker(host, "ps", "-aq", "--filter", "label=berth.stack=" + stack,
                        "--filter", "label=berth.kind=lock").strip(), "the lock is released on " + host);
            }
        } finally {
            scripts("start-engine", "h1");
        }
        apply();
        CommandRun settled = CommandRun.of("plan", "--detailed-exitcode", stackFile.toString());
        assertEquals(0, settled.exitCode(), settled.out() + settled.err());
    }

    @Test
    void spreadOverZonesPutsTwoOfSixTasksOnEachHost() throws Exception {
        write(hostsYaml(""), taskDefinition(64, ""), service(6, "placementStrategy: [{type: spread, field: \"attribute:zone\"}]"));

        apply();

        assertEquals(List.of(2, 2, 2), running());
    }

    @Test
    void binpackOnMemoryFillsOneHostBeforeTheNext() throws Exception {
        // Every engine reports this machine's memory: reserve all but 300 MiB, so 100 MiB tasks fit 3 per host.
        long total = memoryMiB(hosts.get(0));
        write(hostsYaml("reserved: {memory: " + (total - 300) + "}"), taskDefinition(100, ""),
                service(4, "placementStrategy: [{type: binpack, field: memory}]"));

        CommandRun plan = CommandRun.of("plan", stackFile.toString());
        assertEquals(0, plan.exitCode(), plan.out() + plan.err());
        apply();

        List<Integer> running = running();
        assertEquals(List.of(0, 1, 3), running.stream().sorted().toList(), "per host: " + running);
    }

    @Test
    void distinctInstanceRefusesAFourthTaskOnThreeHosts() throws Exception {
        write(hostsYaml(""), taskDefinition(64, ""), service(4, "placementConstraints: [{type: distinctInstance}]"));

        CommandRun plan = CommandRun.of("plan", stackFile.toString());

        assertEquals(1, plan.exitCode(), plan.out() + plan.err());
        String said = plan.out() + plan.err();
        assertTrue(said.contains("1 task of service web cannot be placed"), said);
        for (String host : List.of("h1", "h2", "h3")) {
            assertTrue(said.contains(host + ":"), said);
        }
        assertEquals(List.of(0, 0, 0), running());
    }

    @Test
    void memberOfKeepsTasksOffTheExcludedZone() throws Exception {
        write(hostsYaml(""), taskDefinition(64, ""),
                service(4, "placementConstraints: [{type: memberOf, expression: \"attribute:zone != c\"}]"));

        apply();

        List<Integer> running = running();
        assertEquals(0, running.get(2), "per host: " + running);
        assertEquals(4, running.get(0) + running.get(1), "per host: " + running);
    }

    /**
     * h2 dies while the first apply waits for its tasks to become healthy: the apply finishes h1 and
     * h3, fails h2's part naming h2 and exits 1; with h2 back the next apply converges. Then h2 dies
     * again: the plan reports its tasks lost, --replace-lost starts them on h1 and h3, and when h2
     * returns with its tasks running again (as after a partition) the next apply scales the surplus
     * in: two tasks per zone.
     */
    @Test
    void aHostLostMidApplyOrBetweenAppliesIsReportedReplacedAndCleanedUpWhenItReturns() throws Exception {
        // Healthy only after about 5 s, which leaves time to stop h2 while the apply waits.
        write(hostsYaml(""), taskDefinition(64, """
                        healthCheck:
                          command: [CMD-SHELL, "test -f /tmp/ready"]
                          interval: 5
                          timeout: 2
                          retries: 3
                """),
                service(6, "placementStrategy: [{type: spread, field: \"attribute:zone\"}]"));
        try {
            CompletableFuture<CommandRun> applying = CompletableFuture.supplyAsync(
                    () -> CommandRun.of("apply", stackFile.toString(), "--yes"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count(hosts.get(1), false) < 2) {
                if (System.nanoTime() > deadline || applying.isDone()) {
                    fail("h2 did not get its tasks: " + (applying.isDone() ? applying.get().out() : "timeout"));
                }
                Thread.sleep(100);
            }
            scripts("stop-engine", "h2", "--kill");
            CommandRun failed = applying.get(120, TimeUnit.SECONDS);
            assertEquals(1, failed.exitCode(), failed.out() + failed.err());
            assertTrue(failed.err().contains("service.web: h2 does not answer") || failed.err().contains("failed on h2:"),
                    failed.out() + failed.err());
            assertEquals(2, count(hosts.get(0), true));
            assertEquals(2, count(hosts.get(2), true));
        } finally {
            scripts("start-engine", "h2");
        }
        apply();
        assertEquals(List.of(2, 2, 2), running());

        try {
            scripts("stop-engine", "h2", "--kill");
            CommandRun plan = CommandRun.of("plan", stackFile.toString());
            assertEquals(0, plan.exitCode(), plan.out() + plan.err());
            assertTrue(plan.out().contains("service \"web\": 2 tasks lost on h2 (unreachable); run with --replace-lost "
                    + "to start replacements elsewhere (lost: web-1-"), plan.out());

            CommandRun replaced = CommandRun.of("apply", stackFile.toString(), "--yes", "--replace-lost");
            assertEquals(0, replaced.exitCode(), replaced.out() + replaced.err());
            assertTrue(replaced.out().contains("2 tasks lost on h2 (unreachable): start 2 replacements on h1, h3"),
                    replaced.out());
            assertEquals(3, count(hosts.get(0), true));
            assertEquals(3, count(hosts.get(2), true));

            CommandRun stillAway = CommandRun.of("apply", stackFile.toString(), "--yes");
            assertEquals(0, stillAway.exitCode(), stillAway.out() + stillAway.err());
            assertTrue(stillAway.out().contains("No changes"), stillAway.out());
        } finally {
            scripts("start-engine", "h2");
        }
        // h2 comes back with its killed containers; start them, as if h2 had only been cut off.
        List<String> start = new ArrayList<>(List.of("start"));
        start.addAll(ids(hosts.get(1), false));
        assertEquals(3, start.size(), "h2's containers: " + start);
        docker(hosts.get(1), start.toArray(String[]::new));
        assertEquals(List.of(3, 2, 3), running());

        CommandRun cleanup = CommandRun.of("apply", stackFile.toString(), "--yes");
        assertEquals(0, cleanup.exitCode(), cleanup.out() + cleanup.err());
        assertTrue(cleanup.out().contains("scale-in"), cleanup.out());
        assertEquals(List.of(2, 2, 2), running());
        CommandRun settled = CommandRun.of("plan", stackFile.toString(), "--detailed-exitcode");
        assertEquals(0, settled.exitCode(), settled.out() + settled.err());
    }

    // --- stack files -----------------------------------------------------------------------------

    private String hostsYaml(String extra) {
        StringBuilder yaml = new StringBuilder();
        String[] zones = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            yaml.append("      - {name: h").append(i + 1).append(", endpoint: \"").append(hosts.get(i))
                    .append("\", attributes: {zone: ").append(zones[i]).append("}")
                    .append(extra.isEmpty() ? "" : ", " + extra).append("}\n");
        }
        return yaml.toString();
    }

    private static String taskDefinition(int memory, String containerExtra) {
        return """
                  web:
                    cpu: 128
                    memory: %d
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: [sh, -c, "trap 'exit 0' TERM; (sleep 4; touch /tmp/ready) & sleep 3600 & wait"]
                        stopTimeout: 1
                %s""".formatted(memory, containerExtra);
    }

    /**
     * The agent (its own JVM) on h1..h3: an engine killed, its tasks are replaced on the other hosts
     * (at once when its containers' deaths are seen, else once the grace has passed); back, what it left is removed and the spread restored by the next
     * apply, never more than desiredCount running meanwhile.
     */
    @Test
    void theAgentReplacesTheTasksOfAHostAwayPastTheGraceAndRemovesWhatItLeftWhenItReturns() throws Exception {
        write(hostsYaml(""), taskDefinition(64, ""), service(6, "placementStrategy: [{type: spread, field: \"attribute:zone\"}]"));
        apply();
        try (AgentProcess agent = new AgentProcess(stackFile.getParent(), 5, "--listen", "off", "--interval", "2",
                "--lost-host-grace", "6", stackFile.toString())) {
            agent.await(m -> m.contains("this agent leads it"), AgentProcess.STARTED);
            Thread.sleep(3000);
            assertTrue(agent.messages().stream().noneMatch(m -> m.startsWith("Agent complete")),
                    "nothing to do before the engine goes: " + agent.messages());
            long stopped;
            try {
                scripts("stop-engine", "h2", "--kill");
                stopped = System.nanoTime();
                // Either way to the same end: the engine's dying containers report "die" while it still
                // answers (stopped tasks, replaced at once), or it is gone first (lost, after the grace).
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while ((count(hosts.get(0), true) + count(hosts.get(2), true) < 6
                        || !agent.said(m -> m.startsWith("Agent complete"))) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                System.out.println("agent: h2's tasks replaced on h1 and h3 "
                        + Duration.ofNanos(System.nanoTime() - stopped).toMillis() + " ms after its engine was killed "
                        + "(grace 6 s)");
                assertTrue(agent.said(m -> m.startsWith("Agent complete")), agent.messages().toString());
                assertEquals(6, count(hosts.get(0), true) + count(hosts.get(2), true), agent.messages().toString());
            } finally {
                scripts("start-engine", "h2");
            }
            long cleaned = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count(hosts.get(1), false) > 0 && System.nanoTime() < cleaned) {
                assertTrue(running().stream().mapToInt(Integer::intValue).sum() <= 6, "never over desiredCount");
                Thread.sleep(500);
            }
            assertEquals(0, count(hosts.get(1), false), "the tasks h2 was left with are removed: " + agent.messages());
            assertEquals(6, running().stream().mapToInt(Integer::intValue).sum());
        }
    }

    private static String service(int count, String placement) {
        return """
                  web:
                    cluster: lab
                    taskDefinition: web
                    desiredCount: %d
                    %s
                """.formatted(count, placement);
    }

    private void write(String hostsYaml, String taskDefinitions, String services) throws IOException {
        Files.writeString(stackFile, "version: 1\nstack: " + stack + "\nclusters:\n  lab:\n    hosts:\n" + hostsYaml
                + "taskDefinitions:\n" + taskDefinitions + "services:\n" + services);
    }

    private void apply() {
        CommandRun run = CommandRun.of("apply", stackFile.toString(), "--yes");
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    // --- engines ---------------------------------------------------------------------------------

    /** Running task containers of this stack on h1, h2, h3. */
    private List<Integer> running() throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String host : hosts.subList(0, 3)) {
            counts.add(count(host, true));
        }
        return counts;
    }

    private int count(String host, boolean runningOnly) throws Exception {
        return ids(host, runningOnly).size();
    }

    private List<String> ids(String host, boolean runningOnly) throws Exception {
        List<String> args = new ArrayList<>(List.of("ps", "-q", "--filter", "label=berth.stack=" + stack,
                "--filter", "label=berth.kind=task"));
        if (!runningOnly) {
            args.add("-a");
        }
        String out = docker(host, args.toArray(String[]::new));
        return out.isBlank() ? List.of() : List.of(out.strip().split("\\s+"));
    }

    private static long memoryMiB(String host) throws Exception {
        return Long.parseLong(docker(host, "info", "--format", "{{.MemTotal}}").strip()) / (1024 * 1024);
    }

    private static String docker(String host, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host));
        command.addAll(List.of(args));
        return run(command);
    }

    private static void scripts(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/multi-host").toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionFailedError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
