package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.applier.docker.ContainerExec;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Docker-capable ECS container fields, applied to the local engine: each is in the container
 * the engine runs, and a change to one is a new revision that replaces the task.
 */
@ExtendWith(RequiresDocker.class)
class ContainerFieldsTest {
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
                    command: SLEEPER
                    stopTimeout: 1
                    systemControls:
                      - {namespace: net.ipv4.tcp_keepalive_time, value: "600"}
                      - {namespace: kernel.shmmax, value: "65536"}
                    dnsSearchDomains: [SEARCH]
                    dockerSecurityOptions: [no-new-privileges]
                    interactive: true
                    pseudoTerminal: true
                    memory: 32
                    linuxParameters:
                      devices: [{hostPath: /dev/null, containerPath: /dev/berth-null, permissions: [read]}]
                      maxSwap: 16
                      swappiness: 10
                    restartPolicy: {enabled: true, ignoredExitCodes: [0]}
                    links: ["db:database"]
                  - {name: db, image: "berth/busybox:1", command: SLEEPER, stopTimeout: 1}
                  - {name: offline, image: "berth/busybox:1", command: SLEEPER, stopTimeout: 1, disableNetworking: true}
            services:
              web: {cluster: main, taskDefinition: web}
            """.replace("SLEEPER", EngineStack.SLEEPER);

    @TempDir
    Path dir;

    @Test
    void sysctlsSearchDomainsSecurityOptionsDevicesSwapTtyStdinRestartPolicyLinksAndDisabledNetworkingReachTheContainers() {
        try (EngineStack stack = new EngineStack(dir, "fld")) {
            stack.write(STACK.replace("SEARCH", "shop.internal, example.com")).applied();
            InspectContainerResponse app = stack.docker.inspectContainerCmd(container(stack, "app")).exec();
            HostConfig host = app.getHostConfig();

            assertEquals(Map.of("net.ipv4.tcp_keepalive_time", "600", "kernel.shmmax", "65536"), host.getSysctls());
            assertArrayEquals(new String[] {"shop.internal", "example.com"}, host.getDnsSearch());
            assertEquals(List.of("no-new-privileges"), host.getSecurityOpts());
            assertArrayEquals(new Device[] {new Device("r", "/dev/berth-null", "/dev/null")}, host.getDevices());
            assertEquals(48L * 1024 * 1024, host.getMemorySwap(), "memory and maxSwap");
            assertEquals(10L, host.getMemorySwappiness());
            assertEquals("on-failure", host.getRestartPolicy().getName());
            assertEquals(0, host.getRestartPolicy().getMaximumRetryCount(), "restarted however often it exits");
            assertTrue(app.getConfig().getTty(), "pseudoTerminal");
            assertTrue(app.getConfig().getStdinOpen(), "interactive");
            // What the kernel and the resolver inside say, not only what the engine was asked for.
            assertEquals("600", exec(stack, app.getId(), "cat", "/proc/sys/net/ipv4/tcp_keepalive_time"));
            assertTrue(exec(stack, app.getId(), "cat", "/etc/resolv.conf").contains("search shop.internal example.com"));
            assertTrue(exec(stack, app.getId(), "grep", "NoNewPrivs", "/proc/self/status").endsWith("1"));
            String db = stack.docker.inspectContainerCmd(container(stack, "db")).exec().getNetworkSettings().getNetworks()
                    .values().iterator().next().getIpAddress();
            // Absolute, or busybox's nslookup tries the search domains above and stops at their failure.
            String database = exec(stack, app.getId(), "nslookup", "database.");
            assertTrue(database.contains("Name:\tdatabase\nAddress: " + db), "db is database to app: " + database);
            String offline = container(stack, "offline");
            assertEquals("none", stack.docker.inspectContainerCmd(offline).exec().getHostConfig().getNetworkMode());
            assertEquals("lo", exec(stack, offline, "ls", "/sys/class/net"), "disableNetworking leaves loopback only");
        }
    }

    @Test
    void aChangedSearchDomainIsANewRevisionThatReplacesTheTask() {
        try (EngineStack stack = new EngineStack(dir, "fld")) {
            stack.write(STACK.replace("SEARCH", "shop.internal")).applied();
            String before = container(stack, "app");
            stack.write(STACK.replace("SEARCH", "shop.internal, example.com"));

            CommandRun text = stack.berth("plan", "--no-color");
            CommandRun json = stack.berth("plan", "--format", "json");

            assertTrue(text.out().contains("~ containerDefinitions.app.dnsSearchDomains: [\"shop.internal\"] -> "
                    + "[\"shop.internal\",\"example.com\"]"), text.out());
            JsonNode web = null;
            for (JsonNode change : stack.readJson(json.out()).get("changes")) {
                web = "service.web".equals(change.get("address").asText()) ? change : web;
            }
            assertTrue(web != null, json.out());
            assertEquals("DEFINITION_CHANGED", web.at("/reasons/0/code").asText(), web.toString());
            assertEquals("[\"dnsSearchDomains\"]", web.at("/reasons/0/changed").toString(),
                    web.toString());

            stack.applied();
            String after = container(stack, "app");
            assertNotEquals(before, after, "the task was replaced");
            assertArrayEquals(new String[] {"shop.internal", "example.com"},
                    stack.docker.inspectContainerCmd(after).exec().getHostConfig().getDnsSearch());
        }
    }

    @Test
    void aGpuIsAskedOfTheEngineAsADeviceRequestAndAnEngineWithoutOneRefusesIt() {
        try (EngineStack stack = new EngineStack(dir, "fld")) {
            CommandRun apply = stack.write("""
                    version: 1
                    stack: %STACK%
                    clusters:
                      main: {}
                    taskDefinitions:
                      web:
                        memory: 64
                        containerDefinitions:
                          - {name: app, image: "berth/busybox:1", command: [sleep, "3600"],
                             resourceRequirements: [{type: GPU, value: "2"}]}
                    services:
                      web: {cluster: main, taskDefinition: web}
                    """).berth("apply", "--yes", "--no-color");

            // This machine has no GPU: the engine's refusal names the capability berth asked for.
            assertEquals(ExitCodes.ERROR, apply.exitCode(), apply.out());
            assertTrue(apply.err().contains("could not select device driver \"\" with capabilities: [[gpu]]"),
                    apply.err());
        }
    }

    private static String container(EngineStack stack, String name) {
        return stack.tasks().stream().filter(c -> name.equals(c.getLabels().get(BerthLabels.CONTAINER))).findFirst()
                .orElseThrow().getId();
    }

    private static String exec(EngineStack stack, String container, String... command) {
        ContainerExec.Result result = ContainerExec.run(stack.docker, container, List.of(command), Duration.ofSeconds(10));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout().strip();
    }
}
