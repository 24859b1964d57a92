package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.testing.TestHosts;
import dev.berth.applier.testing.TestSshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.opentest4j.AssertionFailedError;

/**
 * Hosts reached over ssh and through Docker contexts, for real: h1 of {@code scripts/multi-host}
 * behind the sshd of {@code scripts/test-sshd}, berth as its own process so its environment
 * (BERTH_SSH_OPTS, DOCKER_CONFIG) is the test's and its ssh processes can be counted after it ends.
 */
@ResourceLock(TestHosts.LOCK)
class SshHostsTest {
    @TempDir
    Path dir;

    private final String stack = "sshh-" + UUID.randomUUID().toString().substring(0, 8);
    private Path stackFile;
    private String h1;
    private String h2;

    @BeforeEach
    void hosts() {
        List<String> sockets = TestHosts.sockets(2);
        h1 = sockets.get(0);
        h2 = sockets.get(1);
        stackFile = dir.resolve("stack.yaml");
    }

    @AfterEach
    void destroy() throws Exception {
        if (Files.exists(stackFile)) {
            write("      - {name: h1, endpoint: \"" + h1 + "\"}\n      - {name: h2, endpoint: \"" + h2 + "\"}\n", 1);
            CommandRun run = CommandRun.of("destroy", "--yes", "--volumes", stackFile.toString());
            assertEquals(0, run.exitCode(), run.out() + run.err());
        }
    }

    @Test
    void aStackOnAnSshHostRunsOnThatEngineAndLeavesNoSshProcessBehind() throws Exception {
        write("      - {name: h1, endpoint: \"" + TestSshd.endpoint() + "\"}\n", 2);
        Map<String, String> env = TestSshd.env("accepted");

        CommandRun apply = CommandRun.process(env, "apply", "--yes", stackFile.toString());
        assertEquals(0, apply.exitCode(), seen(apply));
        assertEquals(List.of(), TestSshd.sshProcesses("accepted"), "after apply");
        assertEquals(2, tasks(h1), "the tasks run on h1's engine, which the sshd's docker reaches");
        assertEquals(0, tasks("unix:///var/run/docker.sock"), "and not on the engine of the machine running berth");

        CommandRun plan = CommandRun.process(env, "plan", "--detailed-exitcode", stackFile.toString());
        assertEquals(0, plan.exitCode(), seen(plan));
        CommandRun status = CommandRun.process(env, "status", stackFile.toString());
        assertEquals(0, status.exitCode(), seen(status));
        assertTrue(seen(status).contains(TestSshd.endpoint().substring("ssh://root@".length()) + ":"),
                "a task's port at the ssh host's address: " + seen(status));

        CommandRun destroy = CommandRun.process(env, "destroy", "--yes", "--volumes", stackFile.toString());
        assertEquals(0, destroy.exitCode(), seen(destroy));
        assertEquals(0, tasks(h1));
        assertEquals(List.of(), TestSshd.sshProcesses("accepted"), "after plan, status and destroy");
    }

    /**
     * An agent killed with SIGKILL closes nothing: its sessions end as their stdin does, and the
     * master, which outlives the last by ControlPersist, ends by itself.
     */
    @Test
    void anAgentKilledWithSigkillLeavesNoSshProcessForLong() throws Exception {
        write("      - {name: h1, endpoint: \"" + TestSshd.endpoint() + "\"}\n", 1);
        Map<String, String> env = TestSshd.env("accepted");
        CommandRun apply = CommandRun.process(env, "apply", "--yes", stackFile.toString());
        assertEquals(0, apply.exitCode(), seen(apply));

        List<Path> tunnelsBefore = tunnelDirectories();
        AgentProcess agent = new AgentProcess(dir, 4, env, "--listen", "off", "--interval", "1", stackFile.toString());
        try {
            agent.await(m -> m.contains("this agent leads it"), AgentProcess.STARTED);
            assertFalse(TestSshd.sshProcesses("accepted").isEmpty(), "the agent's ssh runs");
            agent.kill9();
            long killedAt = System.nanoTime();
            while (!TestSshd.sshProcesses("accepted").isEmpty()) {
                assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(30),
                        "ssh left 30 s after kill -9: " + TestSshd.sshProcesses("accepted"));
                Thread.sleep(200);
            }
            System.out.println("ssh: the last ssh process of an agent ended "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt) + " ms after its kill -9");
        } finally {
            agent.close();
            // What a killed agent leaves on purpose (its leader lease, for another agent to take
            // over) and could not remove (its tunnel's directory, without the master's socket).
            String lease = run(List.of("docker", "-H", h1, "ps", "-aq", "--filter", "label=berth.stack=" + stack
                    + ".agent")).strip();
            if (!lease.isEmpty()) {
                List<String> remove = new ArrayList<>(List.of("docker", "-H", h1, "rm", "-f"));
                remove.addAll(lease.lines().toList());
                run(remove);
            }
            for (Path left : tunnelDirectories()) {
                if (!tunnelsBefore.contains(left)) {
                    try (var files = Files.list(left)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                    }
                    Files.delete(left);
                }
            }
        }
    }

    private static List<Path> tunnelDirectories() throws Exception {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("berth-ssh-")).toList();
        }
    }

    @Test
    void aHostThatRefusesTheKeyIsNamedInTheErrorAndNothingChanges() throws Exception {
        String host = TestSshd.endpoint().substring("ssh://".length());
        write("      - {name: h1, endpoint: \"" + TestSshd.endpoint() + "\"}\n", 1);
        Map<String, String> env = TestSshd.env("refused");

        CommandRun apply = CommandRun.process(env, "apply", "--yes", stackFile.toString());
        assertEquals(1, apply.exitCode(), seen(apply));
        assertEquals("berth: error: cannot take the lock of stack " + stack + ": 0 of 1 hosts answered and the lock "
                + "needs its host (main/h1: ssh: " + host + ": Permission denied (publickey).)", seen(apply).strip());

        CommandRun plan = CommandRun.process(env, "plan", stackFile.toString());
        assertEquals(1, plan.exitCode(), seen(plan));
        assertTrue(seen(plan).contains("host h1 of cluster main did not answer (ssh: " + host
                + ": Permission denied (publickey).): nothing on it is changed"), seen(plan));
        assertFalse(seen(plan).contains("\tat "), "no stack trace: " + seen(plan));
        assertEquals(0, tasks(h1), "nothing was started");
        assertEquals(List.of(), TestSshd.sshProcesses("refused"));
    }

    @Test
    void withoutAnSshClientTheHostsFailureSaysWhatIsMissing() throws Exception {
        write("      - {name: h1, endpoint: \"" + TestSshd.endpoint() + "\"}\n", 1);
        Map<String, String> env = new java.util.HashMap<>(TestSshd.env("accepted"));
        env.put("PATH", dir.toString());

        CommandRun plan = CommandRun.process(env, "plan", stackFile.toString());
        assertEquals(1, plan.exitCode(), seen(plan));
        assertTrue(seen(plan).contains("host h1 of cluster main did not answer (cannot run ssh, which ssh:// endpoints "
                + "need (Debian: apt-get install openssh-client): Cannot run program \"ssh\""), seen(plan));
    }

    /**
     * One host by a context whose engine is ssh://, one by a context of a unix socket; the contexts
     * are the docker CLI's own, in a config directory of the test's.
     */
    @Test
    void aHostsContextFieldPutsItOnThatContextsEngineSshIncluded() throws Exception {
        Path config = dir.resolve("docker-config");
        docker(config, "context", "create", "h1-over-ssh", "--docker", "host=" + TestSshd.endpoint());
        docker(config, "context", "create", "h2-socket", "--docker", "host=" + h2);
        write("      - {name: h1, context: h1-over-ssh}\n      - {name: h2, context: h2-socket}\n", 2);
        Map<String, String> env = new java.util.HashMap<>(TestSshd.env("accepted"));
        env.put("DOCKER_CONFIG", config.toString());

        CommandRun apply = CommandRun.process(env, "apply", "--yes", stackFile.toString());
        assertEquals(0, apply.exitCode(), seen(apply));
        assertEquals(2, tasks(h1) + tasks(h2));
        assertTrue(tasks(h1) > 0 && tasks(h2) > 0, "spread over both hosts");
        CommandRun plan = CommandRun.process(env, "plan", "--detailed-exitcode", stackFile.toString());
        assertEquals(0, plan.exitCode(), seen(plan));
        assertEquals(List.of(), TestSshd.sshProcesses("accepted"));
    }

    @Test
    void aContextThatIsNotHereIsAnErrorAtTheHostsFieldBeforeAnyHostIsContacted() throws Exception {
        Path config = Files.createDirectories(dir.resolve("empty-docker-config"));
        write("      - {name: h1, endpoint: \"" + h1 + "\"}\n      - {name: h2, context: nowhere}\n", 1);

        CommandRun plan = CommandRun.process(Map.of("DOCKER_CONFIG", config.toString()), "plan", stackFile.toString());
        assertEquals(1, plan.exitCode(), seen(plan));
        assertEquals(stackFile + ":7:29: error: host \"h2\": Docker context \"nowhere\" is not in "
                + config.resolve("contexts") + "; see docker context ls", seen(plan).strip());
        CommandRun agent = CommandRun.process(Map.of("DOCKER_CONFIG", config.toString()), "agent", "--listen", "off",
                stackFile.toString());
        assertEquals(1, agent.exitCode(), seen(agent));
        assertEquals(seen(plan), seen(agent), "the agent reads a stack file's hosts alike");

        Files.writeString(stackFile, Files.readString(stackFile).replaceFirst("(?s)  main:\n    hosts:.*?taskDefinitions:",
                "  main: {}\ntaskDefinitions:"));
        CommandRun implicit = CommandRun.process(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_CONTEXT", "gone"),
                "plan", stackFile.toString());
        assertEquals(1, implicit.exitCode(), seen(implicit));
        assertEquals("berth: error: cluster \"main\" declares no hosts, so it runs on the engine the docker CLI would "
                + "use: Docker context \"gone\" is not in " + config.resolve("contexts") + "; see docker context ls",
                seen(implicit).strip());
        Files.delete(stackFile);
    }

    private void write(String hosts, int desiredCount) throws Exception {
        Files.writeString(stackFile, """
                version: 1
                stack: %s
                clusters:
                  main:
                    hosts:
                %s
                taskDefinitions:
                  sleeper:
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1", command: [sleep, "3600"], memory: 16,
                         portMappings: [{containerPort: 8080}]}
                services:
                  sleeper:
                    cluster: main
                    taskDefinition: sleeper
                    desiredCount: %d
                    placementStrategy: [{type: spread, field: host}]
                """.formatted(stack, hosts.stripTrailing(), desiredCount));
    }

    private int tasks(String engine) throws Exception {
        String ids = run(List.of("docker", "-H", engine, "ps", "-q", "--filter", "label=berth.stack=" + stack,
                "--filter", "label=berth.kind=task"));
        return (int) ids.lines().filter(l -> !l.isBlank()).count();
    }

    private static void docker(Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "--config", config.toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionFailedError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** What the user sees of a run: its stdout, then its stderr, where errors and warnings go. */
    private static String seen(CommandRun run) {
        return run.out() + run.err();
    }
}
