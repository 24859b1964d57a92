package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker-capable ECS container fields berth runs (systemControls, resourceRequirements,
 * devices, dnsSearchDomains, dockerSecurityOptions, startTimeout, interactive, pseudoTerminal,
 * restartPolicy, links, maxSwap, swappiness, disableNetworking): their bounds, what is refused and warned about where it stands, and their canonical form.
 */
class ContainerFieldsTest {
    @TempDir
    Path dir;

    /** The stack's one container {@code app} with these lines added (indented as its fields); line 10 is the first. */
    private LoadedStack load(String networkMode, String ipcMode, String containerFields) throws IOException {
        String fields = containerFields.strip().indent(8);
        Path stack = Files.writeString(dir.resolve("stack.yaml"), """
                version: 1
                stack: shop
                taskDefinitions:
                  web:
                    networkMode: %s
                    ipcMode: %s
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                %s""".formatted(networkMode, ipcMode, fields));
        return StackLoader.load(stack, VariableInputs.none());
    }

    private List<String> diagnostics(String networkMode, String ipcMode, String containerFields) throws IOException {
        return load(networkMode, ipcMode, containerFields).diagnostics().stream()
                .map(d -> d.position().line() + ":" + d.position().column() + " " + d.severity() + ": " + d.message())
                .toList();
    }

    @Test
    void everyFieldWithinItsBoundsLoadsWithoutADiagnostic() throws IOException {
        assertEquals(List.of(), diagnostics("bridge", "task", """
                systemControls: [{namespace: net.core.somaxconn, value: "1024"}, {namespace: fs.mqueue.msg_max, value: "20"}]
                resourceRequirements: [{type: GPU, value: "1"}]
                linuxParameters: {devices: [{hostPath: /dev/fuse}]}
                dnsSearchDomains: [shop.internal]
                dockerSecurityOptions: [no-new-privileges, "apparmor:docker-default", "label:type:svirt_apache_t"]
                startTimeout: 120
                interactive: true
                pseudoTerminal: true
                restartPolicy: {enabled: true, ignoredExitCodes: [0]}
                """));
    }

    @Test
    void whatDockerCannotRunIsRefusedAtTheValue() throws IOException {
        List<String> found = diagnostics("bridge", "task", """
                resourceRequirements: [{type: InferenceAccelerator, value: "1"}]
                dockerSecurityOptions: ["credentialspec:file://gmsa.json", "seccomp:unconfined"]
                systemControls: [{namespace: kernel.hostname, value: x}]
                startTimeout: 1
                restartPolicy: {enabled: true, restartAttemptPeriod: 59}
                linuxParameters: {devices: [{hostPath: /dev/fuse, permissions: [execute]}]}
                """);
        assertEquals(7, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("10:39 error: type: AWS-only, refused: Elastic Inference"), found::toString);
        assertTrue(found.get(1).startsWith("11:33 error: dockerSecurityOptions item: AWS-only, refused: credentialspec"),
                found::toString);
        assertTrue(found.get(2).startsWith("11:68 error: dockerSecurityOptions item: \"seccomp:unconfined\" is not valid"),
                found::toString);
        assertTrue(found.get(3).startsWith("12:38 error: namespace: \"kernel.hostname\" is not valid: A kernel parameter "
                + "Docker namespaces per container"), found::toString);
        assertEquals("13:23 error: startTimeout: must be at least 2, found 1", found.get(4));
        assertEquals("14:62 error: restartAttemptPeriod: must be at least 60, found 59", found.get(5));
        assertEquals("15:73 error: permissions item: \"execute\" is not allowed; use one of: read, write, mknod",
                found.get(6));
    }

    @Test
    void kernelParametersOfANamespaceTheTaskSharesWithTheHostAreRefused() throws IOException {
        assertEquals(List.of("11:25 error: systemControls net.ipv4.ip_forward would set the host's own kernel parameter: "
                        + "with networkMode host the task shares the host's namespace, and ECS refuses this too. Set it on "
                        + "the host, or drop networkMode host",
                "12:25 error: systemControls kernel.shmmax would set the host's own kernel parameter: with ipcMode host "
                        + "the task shares the host's namespace, and ECS refuses this too. Set it on the host, or drop "
                        + "ipcMode host",
                "13:25 error: systemControls kernel.shmmax would set the host's own kernel parameter: with ipcMode host "
                        + "the task shares the host's namespace, and ECS refuses this too. Set it on the host, or drop "
                        + "ipcMode host",
                "13:25 error: systemControls sets kernel.shmmax twice in container \"app\" (first at line 12)"),
                diagnostics("host", "host", """
                        systemControls:
                          - {namespace: net.ipv4.ip_forward, value: "1"}
                          - {namespace: kernel.shmmax, value: "1"}
                          - {namespace: kernel.shmmax, value: "2"}
                        """));
    }

    @Test
    void linksNameAnotherContainerOfTheTaskAndOnlyInBridgeMode() throws IOException {
        assertEquals(List.of("10:17 error: container \"app\" names itself in links; it must name another container of "
                        + "the same task",
                "10:22 error: container \"app\" references container \"db\", which is not declared in task definition "
                        + "\"web\"; declared containers in task definition \"web\": app"),
                diagnostics("bridge", "task", "links: [app, \"db:database\"]"));
        assertEquals(List.of("10:17 error: container \"app\" has links, which ECS and berth run only in networkMode "
                        + "bridge; in networkMode awsvpc the task's containers reach each other on localhost: drop links"),
                diagnostics("awsvpc", "task", "links: [app]"));
    }

    @Test
    void maxSwapNeedsAMemoryLimitAndSwappinessCountsOnlyWithMaxSwap() throws IOException {
        assertEquals(List.of("10:36 error: container \"app\" has maxSwap but no memory limit to add it to; set its "
                        + "memory (or the task's memory, when it is the task's only container)"),
                diagnostics("bridge", "task", "linuxParameters: {maxSwap: 32, swappiness: 10}"));
        assertEquals(List.of("11:39 warning: swappiness is ignored without maxSwap, as on ECS; set maxSwap for it to count"),
                diagnostics("bridge", "task", "memory: 64\nlinuxParameters: {swappiness: 10}"));
        assertEquals(List.of(), diagnostics("bridge", "task", "memory: 64\nlinuxParameters: {maxSwap: 0, swappiness: 0}"));
    }

    @Test
    void aContainerWithoutNetworkingPublishesNoPortsAndIsRefusedInAwsvpc() throws IOException {
        assertEquals(List.of("10:28 error: container \"app\" disables networking but has portMappings, which then have "
                        + "no network to be published on; remove one of them"),
                diagnostics("bridge", "task", "disableNetworking: true\nportMappings: [{containerPort: 80}]"));
        assertEquals(List.of("10:28 error: container \"app\" disables networking, which ECS refuses in networkMode awsvpc, "
                        + "where the task's containers share one network namespace; drop disableNetworking"),
                diagnostics("awsvpc", "task", "disableNetworking: true"));
        assertEquals(List.of(), diagnostics("host", "task", "disableNetworking: true"));
    }

    @Test
    void aRestartPolicyWarnsAtEachValueDockerCannotHonour() throws IOException {
        assertEquals(List.of("10:62 warning: ignoredExitCodes 3: Docker restarts the container after any exit code but 0, "
                        + "so after 3 it is restarted all the same; only 0 can be ignored on a Docker host",
                "10:88 warning: restartAttemptPeriod 300: Docker restarts an exited container at once and then backs off "
                        + "(from 100 ms, doubling, at most 1 min) however briefly it ran, so a container that keeps exiting "
                        + "is restarted in place rather than left stopped for its task to be replaced"),
                diagnostics("bridge", "task", "restartPolicy: {enabled: true, ignoredExitCodes: [0, 3], restartAttemptPeriod: 300}"));
        assertEquals(List.of(), diagnostics("bridge", "task", "restartPolicy: {enabled: false, ignoredExitCodes: [3]}"));
    }

    @Test
    void spelledOutDefaultsAreTheCanonicalFormOfLeavingThemOut() throws IOException {
        TaskDefinition spelledOut = load("bridge", "task", """
                interactive: false
                pseudoTerminal: false
                restartPolicy: {enabled: false}
                linuxParameters: {devices: [{hostPath: /dev/fuse, containerPath: /dev/fuse, permissions: [mknod, write, read]}]}
                """).canonical().taskDefinitions().get("web");
        TaskDefinition leftOut = load("bridge", "task", "linuxParameters: {devices: [{hostPath: /dev/fuse}]}")
                .canonical().taskDefinitions().get("web");

        assertEquals(leftOut, spelledOut);
        assertEquals(ContentHash.of(leftOut), ContentHash.of(spelledOut));
    }
}
