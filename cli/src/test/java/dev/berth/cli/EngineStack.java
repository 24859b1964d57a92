package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.applier.network.StackNetworks;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.observed.BerthLabels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One stack of an end-to-end test: a unique name, its stack file, berth runs against it, and what the
 * engine really runs for it. Closing destroys it with berth, then removes whatever still carries its
 * {@code berth.stack} label (a lock left by a killed process, a hand-made extra task), and nothing else.
 */
final class EngineStack implements AutoCloseable {
    static final String SLEEPER = "[sh, -c, \"trap 'exit 0' TERM; sleep 3600 & wait\"]";

    private final DockerClients clients = new DockerClients();
    final DockerClient docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
    final String name;
    final Path file;
    private final ObjectMapper json = new ObjectMapper();

    EngineStack(Path dir, String prefix) {
        this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.file = dir.resolve(name + ".yaml");
    }

    /** Writes the stack file; {@code %STACK%} in the text stands for the stack's name. */
    EngineStack write(String yaml) {
        try {
            Files.writeString(file, yaml.replace("%STACK%", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One service {@code web} of sleeping tasks whose environment says {@code VERSION=version}. */
    EngineStack web(int desiredCount, String version) {
        return write("""
                version: 1
                stack: %STACK%
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: SLEEPER
                        stopTimeout: 1
                        environment: {VERSION: "VERSION_VALUE"}
                services:
                  web: {cluster: main, taskDefinition: web, desiredCount: COUNT}
                """.replace("SLEEPER", SLEEPER).replace("VERSION_VALUE", version)
                .replace("COUNT", Integer.toString(desiredCount)));
    }

    /** berth with these arguments, the stack file appended where {@code STACK} stands (or last). */
    CommandRun berth(String... args) {
        return CommandRun.of(withStack(args));
    }

    /** The same as a process with {@code env} added to its environment (registry logins, PATH). */
    CommandRun berth(Map<String, String> env, String... args) {
        return CommandRun.process(env, withStack(args));
    }

    private String[] withStack(String... args) {
        List<String> all = new ArrayList<>();
        boolean placed = false;
        for (String arg : args) {
            if (arg.equals("STACK")) {
                all.add(file.toString());
                placed = true;
            } else {
                all.add(arg);
            }
        }
        if (!placed) {
            all.add(file.toString());
        }
        return all.toArray(String[]::new);
    }

    /** {@code berth apply --yes}, which must succeed. */
    CommandRun applied() {
        CommandRun run = berth("apply", "--yes", "--no-color");
        if (run.exitCode() != 0) {
            throw new AssertionError("apply failed (" + run.exitCode() + ")\n" + run.out() + "\n" + run.err());
        }
        return run;
    }

    /** Every container labelled as this stack's (tasks, locks, load balancers), stopped ones too. */
    List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, name)).exec();
    }

    /** The containers of the agents' leader lease ({@code berth-lock-<stack>.agent} and its stamps). */
    List<Container> leaderLease() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, name + ".agent")).exec();
    }

    /** What a killed agent leaves of its lease, which outlives it on purpose (another agent takes it over). */
    void removeLeaderLease() {
        leaderLease().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }

    /** This stack's task containers, stopped ones too. */
    List<Container> tasks() {
        return containers().stream()
                .filter(c -> BerthLabels.KIND_TASK.equals(c.getLabels().get(BerthLabels.KIND))).toList();
    }

    /** The ids of the running task containers. */
    Set<String> runningIds() {
        return tasks().stream().filter(c -> "running".equals(c.getState())).map(Container::getId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The revision label of each running task container. */
    List<String> runningRevisions() {
        return tasks().stream().filter(c -> "running".equals(c.getState()))
                .map(c -> c.getLabels().get(BerthLabels.REVISION)).sorted().toList();
    }

    boolean exists(String container) {
        try {
            docker.inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    /** {@code berth history STACK SERVICE --format json}: the revision numbers and their running tasks. */
    Map<Integer, Integer> history(String service) {
        CommandRun run = berth("history", "STACK", service, "--format", "json");
        if (run.exitCode() != 0) {
            throw new AssertionError("history failed: " + run.err());
        }
        try {
            JsonNode revisions = json.readTree(run.out()).get("revisions");
            Map<Integer, Integer> running = new java.util.TreeMap<>();
            revisions.forEach(r -> running.put(r.get("revision").asInt(), r.get("runningTasks").asInt()));
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /**
     * Plan and drift read one verdict per task: whatever a test left on the hosts, the plan has
     * something to do exactly when drift finds something (an error, such as an invalid stack or a
     * host that does not answer, counts as finding something).
     */
    static void assertPlanAndDriftAgree(Path stackFile) {
        CommandRun plan = CommandRun.of("plan", "--detailed-exitcode", "--no-color", stackFile.toString());
        CommandRun drift = CommandRun.of("drift", "--no-color", stackFile.toString());
        if ((plan.exitCode() != 0) != (drift.exitCode() != 0)) {
            throw new AssertionError("plan exits " + plan.exitCode() + " but drift " + drift.exitCode() + "\n"
                    + plan.out() + plan.err() + "\n" + drift.out() + drift.err());
        }
    }

    /** Checks that plan and drift agree on what the test left, then cleans up. */
    @Override
    public void close() {
        try (clients) {
            try {
                if (Files.exists(file)) {
                    assertPlanAndDriftAgree(file);
                }
            } finally {
                removeEverything();
            }
        }
    }

    private void removeEverything() {
        if (Files.exists(file)) {
            CommandRun.of("destroy", "--yes", "--volumes", file.toString());
        }
        for (Container container : containers()) {
            docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        // An agent's leader lease outlives destroy, as it outlives the agent that held it.
        removeLeaderLease();
        String filter = BerthLabels.STACK + "=" + name;
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", List.of(filter))
                .exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            docker.removeVolumeCmd(volume.getName()).exec();
        }
        for (Network network : docker.listNetworksCmd().withFilter("label", List.of(filter)).exec()) {
            StackNetworks.removeById(docker, network.getId());
        }
    }
}
