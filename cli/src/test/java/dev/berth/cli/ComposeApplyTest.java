package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every compose file of the corpus, imported with each service's image swapped for berth/busybox:1
 * (berth import compose --image), applied on the local engine: each service runs its desiredCount
 * tasks, whose containers have the environment, ports, mounts and health checks the stack says.
 * Offline, the images' own programs cannot run, so the written stack gets busybox commands (a
 * sleeper, and health checks that pass); host ports become dynamic, since other stacks on the
 * engine may hold them. Everything else is applied as imported.
 */
@ExtendWith(RequiresDocker.class)
class ComposeApplyTest {
    private static final String BUSYBOX = "berth/busybox:1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCorpusFileAppliesOnTheLocalEngineWithItsImagesSwappedForBusybox() {
        return ComposeCorpus.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path compose = ComposeCorpus.copy(name, dir);
            try (EngineStack stack = new EngineStack(dir, "cmp")) {
                List<String> args = new ArrayList<>(List.of("--stack", stack.name));
                Map<String, Object> services = new Yaml().<Map<String, Map<String, Object>>>load(
                        Files.readString(compose)).get("services");
                services.keySet().forEach(service -> args.addAll(List.of("--image", service + "=" + BUSYBOX)));
                args.addAll(ComposeImportCommandTest.VARS.getOrDefault(name, List.of()));
                CommandRun run = ComposeCorpus.importCompose(compose, stack.file, args.toArray(String[]::new));
                assertEquals(ExitCodes.OK, run.exitCode(), run.err());
                ObjectNode written = (ObjectNode) ComposeImportCommandTest.read(stack.file);
                stack.write(new Yaml().dump(JSON.convertValue(offline(written), Object.class)));
                stack.applied();
                for (Map.Entry<String, JsonNode> service : iterable(written.get("services"))) {
                    check(stack, service.getKey(), service.getValue(), written);
                }
            }
        }));
    }

    /** The stack with commands busybox runs offline, passing health checks and dynamic host ports. */
    private static ObjectNode offline(ObjectNode written) {
        ObjectNode stack = written.deepCopy();
        List<Object> sleeper = new Yaml().load(EngineStack.SLEEPER);
        for (JsonNode task : stack.get("taskDefinitions")) {
            for (JsonNode c : task.get("containerDefinitions")) {
                ObjectNode container = (ObjectNode) c;
                assertEquals(BUSYBOX, container.get("image").asText());
                container.remove("entryPoint");
                container.set("command", c.path("essential").asBoolean(true) ? JSON.valueToTree(sleeper)
                        : JSON.createArrayNode().add("true"));
                container.put("stopTimeout", 1);
                if (container.has("healthCheck")) {
                    ObjectNode check = (ObjectNode) container.get("healthCheck");
                    check.set("command", JSON.createArrayNode().add("CMD-SHELL").add("kill -0 1"));
                    check.put("interval", 5).remove("startPeriod");
                }
                c.path("portMappings").forEach(p -> ((ObjectNode) p).put("hostPort", 0));
                // Plausible asks for 262144 open files; the engine here may give no more than its own limit.
                c.path("ulimits").forEach(u -> ((ObjectNode) u).put("softLimit", Math.min(u.get("softLimit").asLong(), 1024))
                        .put("hardLimit", Math.min(u.get("hardLimit").asLong(), 1024)));
            }
        }
        stack.path("variables").forEach(v -> ((ObjectNode) v).remove("required"));
        stack.path("variables").forEach(v -> ((ObjectNode) v).put("default", "offline"));
        return stack;
    }

    private static void check(EngineStack stack, String service, JsonNode declared, JsonNode written) {
        List<Container> tasks = stack.tasks().stream()
                .filter(c -> service.equals(c.getLabels().get(BerthLabels.SERVICE)))
                .filter(c -> "running".equals(c.getState())).toList();
        JsonNode task = written.at("/taskDefinitions/" + declared.get("taskDefinition").asText());
        long essential = 0;
        for (JsonNode c : task.get("containerDefinitions")) {
            essential += c.path("essential").asBoolean(true) ? 1 : 0;
        }
        assertEquals(declared.get("desiredCount").asInt() * essential, tasks.size(), service + ": running containers");
        for (Container running : tasks) {
            InspectContainerResponse inspected = stack.docker.inspectContainerCmd(running.getId()).exec();
            JsonNode container = null;
            for (JsonNode c : task.get("containerDefinitions")) {
                if (c.get("name").asText().equals(running.getLabels().get(BerthLabels.CONTAINER))) {
                    container = c;
                }
            }
            List<String> env = Arrays.asList(inspected.getConfig().getEnv());
            for (Map.Entry<String, JsonNode> e : iterable(container.path("environment"))) {
                if (!e.getValue().asText().contains("${")) {
                    assertTrue(env.contains(e.getKey() + "=" + e.getValue().asText()), service + ": " + e.getKey());
                }
            }
            for (JsonNode port : container.path("portMappings")) {
                ExposedPort exposed = new ExposedPort(port.get("containerPort").asInt(),
                        InternetProtocol.parse(port.path("protocol").asText("tcp")));
                assertTrue(inspected.getNetworkSettings().getPorts().getBindings().get(exposed) != null,
                        service + ": " + exposed + " published");
            }
            List<String> mounted = inspected.getMounts().stream().map(m -> m.getDestination().getPath()).toList();
            for (JsonNode mount : container.path("mountPoints")) {
                assertTrue(mounted.contains(mount.get("containerPath").asText()), service + ": " + mount);
            }
            List<String> ulimits = inspected.getHostConfig().getUlimits() == null ? List.of()
                    : Arrays.stream(inspected.getHostConfig().getUlimits()).map(u -> u.getName() + "=" + u.getSoft())
                    .toList();
            for (JsonNode ulimit : container.path("ulimits")) {
                assertTrue(ulimits.contains(ulimit.get("name").asText() + "=" + Math.min(ulimit.get("softLimit").asLong(),
                        1024)), service + ": " + ulimits);
            }
            if (container.has("healthCheck")) {
                assertEquals("healthy", inspected.getState().getHealth().getStatus(), service + ": health");
            }
            if (declared.has("namespace")) {
                assertTrue(inspected.getNetworkSettings().getNetworks().keySet().stream()
                        .anyMatch(n -> n.contains(declared.get("namespace").asText())), service + ": namespace");
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

}
