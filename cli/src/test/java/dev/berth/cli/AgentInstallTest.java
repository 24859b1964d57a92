package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.berth.applier.agent.install.AgentContainer;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.applier.testing.TestHosts;
import dev.berth.planner.observed.BerthLabels;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * berth as {@code scripts/package} builds it, unpacked and run where no Java is on PATH, and
 * {@code berth agent --install} from it on the local engine: the installed agent replaces a killed
 * task, {@code --status} names it and its leadership, a crash of it is restarted by the engine, a
 * second install changes nothing, and {@code --uninstall} and {@code destroy} leave nothing behind.
 * The package is built once for the class (jdeps and jlink take most of a minute); the script
 * builds the jar first only when a source is newer than it, as {@code ./berth} does.
 */
@ExtendWith(RequiresDocker.class)
class AgentInstallTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

    @TempDir
    static Path work;
    /** bin/berth of the unpacked tarball. */
    private static Path berth;
    /** A PATH of bash and readlink only: no java, nor anything else a user might have. */
    private static Path path;
    private static final Set<String> images = new HashSet<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void packaged() throws Exception {
        Path dist = work.resolve("dist");
        long started = System.nanoTime();
        // jdeps and jlink keep a core busy for most of a minute: niced, they leave the CPU to the
        // classes running beside this one, whose timing bounds it would otherwise stretch.
        CommandRun built = run(List.of("nice", "-n", "19", ROOT.resolve("scripts/package").toString(), "-o",
                dist.toString()), System.getenv(), Duration.ofMinutes(10));
        assertEquals(0, built.exitCode(), built.out() + built.err());
        Path tarball;
        try (Stream<Path> files = Files.list(dist)) {
            tarball = files.filter(f -> f.getFileName().toString().endsWith("-linux-x64.tar.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no tarball in " + dist + ": " + built.out()));
        }
        System.out.println("package: " + tarball.getFileName() + ", " + Files.size(tarball) / (1 << 20)
                + " MiB, built in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        CommandRun tar = run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), System.getenv(),
                COMMAND_LIMIT);
        assertEquals(0, tar.exitCode(), tar.err());
        String name = tarball.getFileName().toString().replace("-linux-x64.tar.gz", "");
        berth = unpacked.resolve(name).resolve("bin/berth");
        path = Files.createDirectories(work.resolve("path"));
        for (String tool : List.of("bash", "readlink")) {
            Files.createSymbolicLink(path.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Files.createDirectories(work.resolve("home"));
    }

    /** Agent images this class made, in case a test ended before they went with their containers. */
    @AfterAll
    static void removeImages() {
        try (DockerClients clients = new DockerClients()) {
            DockerClient docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
            for (String image : images) {
                try {
                    docker.removeImageCmd(image).exec();
                } catch (NotFoundException gone) {
                    // Went with its last container, as it should.
                }
            }
        }
    }

    @Test
    void thePackageRunsWhereNoJavaIsOnThePathAndJavaHomeIsUnset() throws Exception {
        CommandRun java = run(List.of(path.resolve("bash").toString(), "-c", "command -v java"), userEnv(),
                COMMAND_LIMIT);
        assertEquals(1, java.exitCode(), "java on the test's PATH: " + java.out());
        assertFalse(Files.exists(berth.resolveSibling("../runtime/bin/javac")), "a runtime, not a JDK");

        CommandRun version = packaged("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("berth " + BerthCommand.Version.number() + " (commit "), version.out());

        CommandRun valid = packaged("validate", ROOT.resolve("examples/hello-web").toString());
        assertEquals(0, valid.exitCode(), valid.out() + valid.err());
        assertTrue(valid.out().contains("stack hello is valid"), valid.out());
    }

    @Test
    void aRunThatReachesTheHostsTrainsTheClassCacheTheNextRunCreatesItAndStdoutStaysBerthsOwn() throws Exception {
        Path lib = berth.resolveSibling("../lib").normalize();
        try (Stream<Path> caches = Files.list(lib)) {
            for (Path cache : caches.filter(f -> !f.getFileName().toString().endsWith(".jar")
                    && f.getFileName().toString().startsWith("berth.")).toList()) {
                Files.delete(cache);
            }
        }
        // A user's PATH: the launcher renames and removes cache files with mv and rm.
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", work.resolve("home").toString());
        List<String> plan = List.of(berth.toString(), "plan", "--format", "json",
                ROOT.resolve("examples/hello-web").toString());
        CommandRun training = run(plan, env, COMMAND_LIMIT);
        assertEquals(0, training.exitCode(), training.out() + training.err());
        assertTrue(Files.exists(lib.resolve("berth.aotconf")), "the training run recorded its classes");

        CommandRun creating = run(plan, env, COMMAND_LIMIT);
        assertEquals(0, creating.exitCode(), creating.out() + creating.err());
        await(() -> Files.exists(lib.resolve("berth.aot")), Duration.ofSeconds(90), () -> "no AOT cache in " + lib);

        CommandRun cached = run(plan, env, COMMAND_LIMIT);
        assertEquals(0, cached.exitCode(), cached.out() + cached.err());
        for (CommandRun run : List.of(training, creating, cached)) {
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertEquals("hello", json.get("stack").asText(), run.out());
            assertFalse(run.err().contains("AOT"), run.err());
        }
    }

    @Test
    void theDebianPackageHoldsTheSameBerthOnPathWithItsCompletionAndManPage() throws Exception {
        Path deb;
        try (Stream<Path> files = Files.list(work.resolve("dist"))) {
            deb = files.filter(f -> f.getFileName().toString().endsWith("_amd64.deb")).findFirst().orElseThrow();
        }
        CommandRun info = run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Depends"), System.getenv(),
                COMMAND_LIMIT);
        assertEquals("Package: berth\nDepends: bash, libc6\n", info.out());
        Path root = Files.createDirectories(work.resolve("deb"));
        CommandRun extract = run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), System.getenv(),
                COMMAND_LIMIT);
        assertEquals(0, extract.exitCode(), extract.err());
        CommandRun version = run(List.of(root.resolve("usr/bin/berth").toString(), "--version"), userEnv(),
                COMMAND_LIMIT);
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("berth " + BerthCommand.Version.number() + " (commit "), version.out());
        assertTrue(Files.readString(root.resolve("usr/share/bash-completion/completions/berth"))
                .contains("complete -F _complete_berth"), "bash completion for berth");
        assertTrue(Files.size(root.resolve("usr/share/man/man1/berth.1.gz")) > 0, "a man page");
    }

    @Test
    void anInstalledAgentReplacesAKilledTaskShowsThatItLeadsIsRestartedAfterACrashAndReinstallingChangesNothing()
            throws Exception {
        try (EngineStack stack = new EngineStack(dir, "inst-").web(2, "1")) {
            try {
                stack.applied();
                String container = AgentContainer.name(stack.name);
                List<String> install = List.of("agent", "--install", "--interval", "10", "--listen", "127.0.0.1:0",
                        stack.name);
                long started = System.nanoTime();
                CommandRun installed = packaged(install.toArray(String[]::new));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(0, installed.exitCode(), installed.out() + installed.err());
                assertTrue(installed.out().startsWith("main/local: " + container + " installed"), installed.out());

                InspectContainerResponse agent = stack.docker.inspectContainerCmd(container).exec();
                images.add(agent.getImageId());
                assertEquals(stack.name, agent.getConfig().getLabels().get(BerthLabels.STACK));
                assertEquals(BerthLabels.KIND_AGENT, agent.getConfig().getLabels().get(BerthLabels.KIND));
                assertEquals("host", agent.getHostConfig().getNetworkMode());
                assertEquals("host", agent.getHostConfig().getPidMode());
                assertEquals("unless-stopped", agent.getHostConfig().getRestartPolicy().getName());
                assertEquals(List.of("/var/run/docker.sock:/var/run/docker.sock:rw"),
                        Arrays.stream(agent.getHostConfig().getBinds()).map(Object::toString).toList());
                List<String> command = Arrays.asList(agent.getConfig().getCmd());
                assertTrue(command.containsAll(List.of("--interval", "10", "--listen", "127.0.0.1:0")),
                        command.toString());
                long imageSize = stack.docker.inspectImageCmd(agent.getImageId()).exec().getSize();
                System.out.println("agent --install: " + took.toMillis() + " ms (image sent), image "
                        + imageSize / (1 << 20) + " MiB");

                awaitLog(stack.docker, container, "this agent leads it");
                String serving = awaitLog(stack.docker, container, "serving http://");
                String base = serving.substring(serving.indexOf("http://"), serving.indexOf("/metrics"));
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), "/healthz on the host's loopback: " + health.body());

                // The kill's event wakes the agent, unless it came before the agent watched the events;
                // then its next observation, within the interval, finds the task stopped.
                Container victim = stack.tasks().stream().filter(c -> "running".equals(c.getState())).findFirst()
                        .orElseThrow();
                stack.docker.killContainerCmd(victim.getId()).exec();
                long killed = System.nanoTime();
                await(() -> stack.runningIds().size() == 2 && !stack.runningIds().contains(victim.getId()),
                        Duration.ofSeconds(45), () -> "no replacement: " + logs(stack.docker, container));
                System.out.println("installed agent: killed task replaced after "
                        + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms");
                assertTrue(logs(stack.docker, container).contains("replacing failed tasks of " + stack.name + "/web"));

                CommandRun status = packaged("agent", "--status", stack.name);
                assertEquals(0, status.exitCode(), status.err());
                assertTrue(status.out().contains(container + "  running"), status.out());
                assertTrue(status.out().contains("* leads: the agent on main/local, root@"), status.out());
                assertLeads(stack, container, 0);

                CommandRun again = packaged(install.toArray(String[]::new));
                assertEquals(0, again.exitCode(), again.err());
                assertTrue(again.out().startsWith("main/local: " + container + " unchanged\n"), again.out());
                assertEquals(agent.getId(), stack.docker.inspectContainerCmd(container).exec().getId());

                // The agent's JVM is a process of this machine, as the container shares its pids.
                long pid = agent.getState().getPidLong();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                await(() -> restarts(stack.docker, container) == 1, Duration.ofSeconds(20), () -> "not restarted");
                // Its lease names a pid that is gone: the restarted agent takes it over at once.
                await(() -> logs(stack.docker, container).contains("took over a stale lock of pid " + pid),
                        Duration.ofSeconds(20), () -> logs(stack.docker, container));
                assertLeads(stack, container, 1);
                assertNotEquals(pid, stack.docker.inspectContainerCmd(container).exec().getState().getPidLong());

                CommandRun uninstalled = packaged("agent", "--uninstall", stack.name);
                assertEquals(0, uninstalled.exitCode(), uninstalled.err());
                assertEquals("main/local: removed " + container + "\nThe agent of stack " + stack.name
                        + " is uninstalled.\n", uninstalled.out());
                assertFalse(stack.exists(container));
                assertEquals(List.of(), stack.leaderLease(), "the stopped agent let its lease go");
                assertThrows(NotFoundException.class, () -> stack.docker.inspectImageCmd(agent.getImageId()).exec(),
                        "the image went with its last container");
                assertEquals(2, stack.runningIds().size(), "the stack itself runs on");
            } finally {
                stack.removeLeaderLease();
            }
        }
    }

    @Test
    @ResourceLock(TestHosts.LOCK)
    void anAgentForAnEngineReachedOverTlsGetsTheClientCertificatesInItsContainerAndReplacesAKilledTask()
            throws Exception {
        TestHosts.Tls tls = TestHosts.tls();
        String name = "inst-tls-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, TlsHostsTest.stack(name, tls.endpoint()));
        Map<String, String> env = new HashMap<>(userEnv());
        env.putAll(tls.env());
        String container = AgentContainer.name(name);
        try (DockerClients clients = new DockerClients()) {
            DockerClient h1 = clients.client(DockerEndpoint.parse(tls.endpoint(), tls.env()));
            try {
                CommandRun applied = run(command("apply", "--yes", "--no-color", file.toString()), env, COMMAND_LIMIT);
                assertEquals(0, applied.exitCode(), applied.out() + applied.err());
                CommandRun installed = run(command("agent", "--install", "--listen", "off", file.toString()), env,
                        COMMAND_LIMIT);
                assertEquals(0, installed.exitCode(), installed.out() + installed.err());
                assertTrue(installed.out().startsWith("main/h1: " + container + " installed"), installed.out());

                InspectContainerResponse agent = h1.inspectContainerCmd(container).exec();
                images.add(agent.getImageId());
                assertTrue(Arrays.asList(agent.getConfig().getEnv()).containsAll(List.of("DOCKER_TLS_VERIFY=1",
                        "DOCKER_CERT_PATH=/etc/berth/docker-certs")), Arrays.toString(agent.getConfig().getEnv()));
                assertEquals(0, agent.getHostConfig().getBinds() == null ? 0 : agent.getHostConfig().getBinds().length,
                        "nothing of this machine is mounted: the certificates are in the container");
                Map<String, Integer> modes = new HashMap<>();
                try (TarArchiveInputStream tar = new TarArchiveInputStream(h1.copyArchiveFromContainerCmd(container,
                        "/etc/berth/docker-certs").exec())) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        if (entry.isFile()) {
                            modes.put(entry.getName().substring(entry.getName().lastIndexOf('/') + 1),
                                    entry.getMode() & 0777);
                            if (entry.getName().endsWith("key.pem")) {
                                assertEquals(Files.readString(Path.of(tls.certPath(), "key.pem")),
                                        new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
                assertEquals(Map.of("ca.pem", 0600, "cert.pem", 0600, "key.pem", 0600), modes);

                awaitLog(h1, container, "this agent leads it");
                Container victim = h1.listContainersCmd().withLabelFilter(Map.of(BerthLabels.STACK, name,
                        BerthLabels.KIND, BerthLabels.KIND_TASK)).exec().getFirst();
                h1.killContainerCmd(victim.getId()).exec();
                await(() -> h1.listContainersCmd().withLabelFilter(Map.of(BerthLabels.STACK, name, BerthLabels.KIND,
                        BerthLabels.KIND_TASK)).exec().stream().filter(c -> !c.getId().equals(victim.getId()))
                        .count() == 2, Duration.ofSeconds(45), () -> "no replacement: " + logs(h1, container));

                CommandRun again = run(command("agent", "--install", "--listen", "off", file.toString()), env,
                        COMMAND_LIMIT);
                assertEquals(0, again.exitCode(), again.err());
                assertTrue(again.out().startsWith("main/h1: " + container + " unchanged\n"), again.out());
            } finally {
                CommandRun destroyed = run(command("destroy", "--yes", "--volumes", file.toString()), env,
                        COMMAND_LIMIT);
                assertEquals(0, destroyed.exitCode(), destroyed.out() + destroyed.err());
            }
            assertEquals(List.of(), h1.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(BerthLabels.STACK, name)).exec(), "destroy took the agent too");
        }
    }

    @Test
    void destroyRemovesTheStacksInstalledAgentAndTheRestOfTheStack() throws Exception {
        try (EngineStack stack = new EngineStack(dir, "inst-").web(1, "1")) {
            try {
                stack.applied();
                String container = AgentContainer.name(stack.name);
                CommandRun installed = packaged("agent", "--install", "--listen", "off", stack.file.toString());
                assertEquals(0, installed.exitCode(), installed.out() + installed.err());
                String image = stack.docker.inspectContainerCmd(container).exec().getImageId();
                images.add(image);
                awaitLog(stack.docker, container, "this agent leads it");

                CommandRun destroy = stack.berth("destroy", "--yes");
                assertEquals(0, destroy.exitCode(), destroy.out() + destroy.err());
                assertTrue(destroy.out().contains("main/local: removed 1 agent, 1 task container"), destroy.out());
                assertFalse(stack.exists(container));
                assertEquals(List.of(), stack.containers(), "nothing of the stack is left");
                assertEquals(List.of(), stack.leaderLease());
                assertThrows(NotFoundException.class, () -> stack.docker.inspectImageCmd(image).exec());
            } finally {
                stack.removeLeaderLease();
            }
        }
    }

    @Test
    void anUnknownStackOrAnEngineThatDoesNotAnswerIsRefusedAndNothingIsInstalled() throws Exception {
        String unknown = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        CommandRun none = packaged("agent", "--install", unknown);
        assertEquals(1, none.exitCode());
        assertEquals("berth: error: no apply of stack " + unknown + " is recorded on [unix:///var/run/docker.sock]: "
                + "apply it first, or give its stack file (or --endpoint) to say where it runs\n", none.err());
        assertEquals(1, packaged("agent", "--status", unknown).exitCode());

        CommandRun silent = packaged("agent", "--install", "--endpoint", "unix://" + dir.resolve("none.sock"),
                unknown);
        assertEquals(1, silent.exitCode());
        assertTrue(silent.err().startsWith("berth: error: cannot look for stack " + unknown + ": unix://"
                + dir.resolve("none.sock") + " did not answer ("), silent.err());

        try (EngineStack stack = new EngineStack(dir, "inst-").write("""
                version: 1
                stack: %STACK%
                clusters:
                  main:
                    hosts:
                      - {name: here, endpoint: "unix:///var/run/docker.sock"}
                      - {name: gone, endpoint: "tcp://127.0.0.1:9"}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - {name: app, image: berth/busybox:1, command: SLEEPER, stopTimeout: 1}
                services:
                  web: {cluster: main, taskDefinition: web, desiredCount: 1}
                """.replace("SLEEPER", EngineStack.SLEEPER))) {
            try {
                stack.applied();
                CommandRun refused = packaged("agent", "--install", stack.file.toString());
                assertEquals(1, refused.exitCode(), refused.out());
                assertEquals("berth: error: cannot install the agent of stack " + stack.name + ": main/gone "
                        + "(tcp://127.0.0.1:9) did not answer (connection refused); nothing was changed\n",
                        refused.err());
                assertEquals("", refused.out());
                assertEquals(List.of(), stack.containers().stream()
                        .filter(c -> BerthLabels.KIND_AGENT.equals(c.getLabels().get(BerthLabels.KIND))).toList());
                CommandRun uninstall = packaged("agent", "--uninstall", stack.file.toString());
                assertEquals(1, uninstall.exitCode(), uninstall.out());
                assertTrue(uninstall.err().startsWith("berth: error: cannot uninstall the agent of stack "),
                        uninstall.err());
            } finally {
                // Plan only warns about the host away where drift reports it, which the check of
                // EngineStack#close does not allow for: without the file, close removes what the
                // stack has here and checks nothing.
                Files.delete(stack.file);
            }
        }
    }

    /** --status --format json: the one agent runs, has restarted so often, and leads under its own pid. */
    private static void assertLeads(EngineStack stack, String container, int restarts) throws Exception {
        long pid = stack.docker.inspectContainerCmd(container).exec().getState().getPidLong();
        JsonNode status = stack.readJson(packaged("agent", "--status", "--format", "json", stack.name).out());
        assertEquals(1, status.get("agents").size(), status.toString());
        JsonNode agent = status.get("agents").get(0);
        assertEquals(container, agent.get("container").asText());
        assertEquals("running", agent.get("state").asText());
        assertEquals(restarts, agent.get("restartCount").asInt());
        assertTrue(agent.get("leads").asBoolean(), status.toString());
        assertEquals("main/local", status.get("leader").get("host").asText());
        assertEquals(pid, status.get("leader").get("pid").asLong());
    }

    private static int restarts(DockerClient docker, String container) {
        InspectContainerResponse inspected = docker.inspectContainerCmd(container).exec();
        return Boolean.TRUE.equals(inspected.getState().getRunning()) ? inspected.getRestartCount() : -1;
    }

    /** The first line of the container's log that holds {@code text}, waiting up to 30 s for it. */
    private static String awaitLog(DockerClient docker, String container, String text) throws InterruptedException {
        await(() -> logs(docker, container).contains(text), Duration.ofSeconds(30),
                () -> "no \"" + text + "\" in the log of " + container + ": " + logs(docker, container));
        return logs(docker, container).lines().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    private static String logs(DockerClient docker, String container) {
        StringBuilder log = new StringBuilder();
        try {
            docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return log.toString();
    }

    private static void await(BooleanSupplier condition, Duration limit, Supplier<String> why)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + why.get());
            }
            Thread.sleep(200);
        }
    }

    /** The environment of a machine with no JDK: a PATH without java, no JAVA_HOME. */
    private static Map<String, String> userEnv() {
        return Map.of("PATH", path.toString(), "HOME", work.resolve("home").toString());
    }

    private static CommandRun packaged(String... args) throws IOException, InterruptedException {
        return run(command(args), userEnv(), COMMAND_LIMIT);
    }

    /** The package's bin/berth with these arguments. */
    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(berth.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static CommandRun run(List<String> command, Map<String, String> env, Duration limit)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not end within " + limit + ": " + Files.readString(out)
                    + Files.readString(err));
        }
        return new CommandRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
