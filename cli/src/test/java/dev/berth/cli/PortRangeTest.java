package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * portMappings[].containerPortRange on the local engine: in bridge mode each port of the range is
 * published to a dynamic host port that reaches the container, and a changed range replaces the task.
 */
@ExtendWith(RequiresDocker.class)
class PortRangeTest {
    // busybox nc answers "ranged" on 7101, the middle of the range, to every connection.
    private static final String STACK = """
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
                    command: [sh, -c, "trap 'exit 0' TERM; nc -ll -p 7101 -e echo ranged & wait"]
                    stopTimeout: 1
                    portMappings: [{containerPortRange: "RANGE"}]
            services:
              web: {cluster: main, taskDefinition: web}
            """;

    @TempDir
    Path dir;

    @Test
    void eachPortOfTheRangeIsPublishedToADynamicHostPortThatReachesTheContainer() throws IOException {
        try (EngineStack stack = new EngineStack(dir, "prg")) {
            stack.write(STACK.replace("RANGE", "7100-7102")).applied();
            Map<ExposedPort, Ports.Binding[]> bindings = stack.docker.inspectContainerCmd(app(stack)).exec()
                    .getNetworkSettings().getPorts().getBindings();

            assertEquals(Set.of(ExposedPort.tcp(7100), ExposedPort.tcp(7101), ExposedPort.tcp(7102)), bindings.keySet());
            Set<String> hostPorts = new TreeSet<>();
            for (Ports.Binding[] binding : bindings.values()) {
                assertNotNull(binding, bindings.toString());
                hostPorts.add(binding[0].getHostPortSpec());
            }
            assertEquals(3, hostPorts.size(), "a host port of its own for each: " + hostPorts);
            int published = Integer.parseInt(bindings.get(ExposedPort.tcp(7101))[0].getHostPortSpec());
            assertEquals("ranged", answer(published));
        }
    }

    @Test
    void aChangedRangeIsShownInThePlanAndReplacesTheTask() {
        try (EngineStack stack = new EngineStack(dir, "prg")) {
            stack.write(STACK.replace("RANGE", "7100-7102")).applied();
            String before = app(stack);
            assertEquals(ExitCodes.OK, stack.berth("plan", "--detailed-exitcode", "--no-color").exitCode(),
                    "an unchanged range is no change");
            stack.write(STACK.replace("RANGE", "7100-7103"));

            CommandRun text = stack.berth("plan", "--no-color");
            CommandRun json = stack.berth("plan", "--format", "json");

            assertTrue(text.out().contains("containerDefinitions.app.portMappings: [{\"containerPortRange\":\"7100-7102\","
                    + "\"protocol\":\"tcp\"}] -> [{\"containerPortRange\":\"7100-7103\",\"protocol\":\"tcp\"}]"), text.out());
            JsonNode web = null;
            for (JsonNode change : stack.readJson(json.out()).get("changes")) {
                web = "service.web".equals(change.get("address").asText()) ? change : web;
            }
            assertNotNull(web, json.out());
            assertEquals("DEFINITION_CHANGED", web.at("/reasons/0/code").asText(), web.toString());
            assertEquals("[\"portMappings\"]", web.at("/reasons/0/changed").toString(), web.toString());
            stack.applied();
            String after = app(stack);
            assertNotEquals(before, after, "the task was replaced");
            assertTrue(stack.docker.inspectContainerCmd(after).exec().getNetworkSettings().getPorts().getBindings()
                    .containsKey(ExposedPort.tcp(7103)));
        }
    }

    private static String app(EngineStack stack) {
        return stack.tasks().stream().filter(c -> "app".equals(c.getLabels().get(BerthLabels.CONTAINER))
                && "running".equals(c.getState())).findFirst().orElseThrow().getId();
    }

    private static String answer(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(5000);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
