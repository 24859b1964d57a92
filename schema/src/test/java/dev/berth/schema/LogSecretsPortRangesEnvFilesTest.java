package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.variables.VariableInputs;
import dev.berth.schema.source.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last ECS container fields berth ran as "not yet": logConfiguration.secretOptions,
 * portMappings[].containerPortRange and environmentFiles. Their bounds, positioned refusals and
 * canonical form; the engine side is in the cli module's tests.
 */
class LogSecretsPortRangesEnvFilesTest {
    @TempDir
    Path dir;

    /** The stack's one container {@code app} with these lines added (indented as its fields); line 9 is the first. */
    private LoadedStack load(String networkMode, String containerFields) throws IOException {
        return load(networkMode, containerFields, "");
    }

    /** @param moreContainers further items of containerDefinitions, as written */
    private LoadedStack load(String networkMode, String containerFields, String moreContainers) throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), """
                version: 1
                stack: shop
                taskDefinitions:
                  web:
                    networkMode: %s
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                %s""".formatted(networkMode, containerFields.strip().indent(8)) + moreContainers);
        return StackLoader.load(stack, VariableInputs.none());
    }

    private List<String> diagnostics(String networkMode, String containerFields) throws IOException {
        return diagnostics(networkMode, containerFields, "");
    }

    private List<String> diagnostics(String networkMode, String containerFields, String moreContainers)
            throws IOException {
        return load(networkMode, containerFields, moreContainers).diagnostics().stream()
                .map(d -> d.position().line() + ":" + d.position().column() + " " + d.severity() + ": " + d.message())
                .toList();
    }

    private String hash(String containerFields) throws IOException {
        LoadedStack loaded = load("bridge", containerFields);
        assertTrue(loaded.valid(), loaded.diagnostics()::toString);
        TaskDefinition web = loaded.canonical().taskDefinitions().get("web");
        return ContentHash.of(web);
    }

    @Test
    void secretLogOptionsFromEnvAndFilesLoadWithoutADiagnostic() throws IOException {
        assertEquals(List.of(), diagnostics("bridge", """
                logConfiguration:
                  logDriver: splunk
                  options: {splunk-url: "https://splunk.example:8088"}
                  secretOptions:
                    - {name: splunk-token, valueFrom: "env:SPLUNK_TOKEN"}
                    - {name: splunk-caname, valueFrom: "file:/run/secrets/caname"}
                """));
    }

    @Test
    void aSecretLogOptionFromSecretsManagerOrSsmIsRefusedAsAwsOnlyAtItsValue() throws IOException {
        List<String> found = diagnostics("bridge", """
                logConfiguration:
                  logDriver: splunk
                  secretOptions:
                    - {name: splunk-token, valueFrom: "arn:aws:secretsmanager:eu-west-1:1:secret:t-AbCdEf"}
                    - {name: splunk-url, valueFrom: "arn:aws:ssm:eu-west-1:1:parameter/url"}
                """);
        assertEquals(2, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("12:47 error: valueFrom: AWS-only, refused: Secrets Manager"), found::toString);
        assertTrue(found.get(1).startsWith("13:45 error: valueFrom: AWS-only, refused: Secrets Manager"), found::toString);
    }

    @Test
    void aSecretLogOptionAlsoInOptionsOrTwiceIsAnErrorAtItsName() throws IOException {
        List<String> found = diagnostics("bridge", """
                logConfiguration:
                  logDriver: json-file
                  options: {tag: web}
                  secretOptions:
                    - {name: tag, valueFrom: "env:TAG"}
                    - {name: labels, valueFrom: "env:A"}
                    - {name: labels, valueFrom: "env:B"}
                """);
        assertEquals(List.of(
                "13:22 error: log option \"tag\" of container \"app\" is in both options (line 11) and secretOptions; "
                        + "the driver takes one value, so keep only one",
                "15:22 error: log option \"labels\" is in secretOptions twice in container \"app\" (first at line 14); "
                        + "remove one"), found);
    }

    @Test
    void theRevisionHashCoversWhereASecretLogOptionComesFromAndNotItsOrder() throws IOException {
        String one = hash("""
                logConfiguration:
                  logDriver: json-file
                  secretOptions: [{name: tag, valueFrom: "env:TAG"}, {name: labels, valueFrom: "env:L"}]
                """);
        String reordered = hash("""
                logConfiguration:
                  logDriver: json-file
                  secretOptions: [{name: labels, valueFrom: "env:L"}, {name: tag, valueFrom: "env:TAG"}]
                """);
        String otherSource = hash("""
                logConfiguration:
                  logDriver: json-file
                  secretOptions: [{name: labels, valueFrom: "env:L"}, {name: tag, valueFrom: "env:OTHER"}]
                """);
        String none = hash("""
                logConfiguration:
                  logDriver: json-file
                """);
        String empty = hash("""
                logConfiguration:
                  logDriver: json-file
                  secretOptions: []
                """);
        assertEquals(one, reordered);
        assertNotEquals(one, otherSource);
        assertEquals(none, empty, "an empty list keeps the hash of revisions deployed before secretOptions");
    }

    @Test
    void portRangesInBridgeAndAwsvpcModeLoadWithoutADiagnostic() throws IOException {
        String ranges = """
                portMappings:
                  - {containerPortRange: "8000-8010"}
                  - {containerPortRange: "8000-8010", protocol: udp}
                  - {containerPort: 9000}
                """;
        assertEquals(List.of(), diagnostics("bridge", ranges));
        assertEquals(List.of(), diagnostics("awsvpc", ranges));
    }

    @Test
    void aRangeThatIsNotTwoNumbersIsRefusedAtItsValue() throws IOException {
        List<String> found = diagnostics("bridge", """
                portMappings: [{containerPortRange: "8000:8010"}]
                """);
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.getFirst().startsWith("9:45 error: containerPortRange: \"8000:8010\" is not valid"), found::toString);
    }

    @Test
    void eachRuleOfEcsOnRangesIsAnErrorAtTheFieldThatBreaksIt() throws IOException {
        List<String> found = diagnostics("bridge", """
                portMappings:
                  - {containerPortRange: "90-80"}
                  - {containerPortRange: "8000-8010", containerPort: 8000}
                  - {containerPortRange: "7000-7010", hostPort: 7000}
                  - {containerPort: 7005}
                  - {containerPortRange: "7008-7020"}
                  - {containerPortRange: "7100-8099"}
                  - {protocol: udp}
                """);
        assertEquals(List.of(
                "10:34 error: containerPortRange \"90-80\" must be \"first-last\" with 1 <= first < last <= 65535",
                "11:34 error: containerPortRange replaces containerPort (ECS rule); remove containerPort 8000 or the range",
                "12:57 error: with containerPortRange the host ports are not given (ECS rule): in bridge mode each port of "
                        + "the range gets a dynamic one; remove hostPort",
                "13:29 error: ports 7005/tcp overlap the portMapping at line 12 (7000-7010/tcp); a port can be in one "
                        + "portMapping only (ECS rule)",
                "14:34 error: ports 7008-7020/tcp overlap the portMapping at line 12 (7000-7010/tcp); a port can be in one "
                        + "portMapping only (ECS rule)",
                "15:34 error: the containerPortRanges of container \"app\" reach 1024 ports with this one; berth publishes "
                        + "at most 1000 (each is a host port and a docker-proxy process)",
                "16:13 error: a portMapping of container \"app\" needs containerPort or containerPortRange"), found);
    }

    @Test
    void aRangeIsRefusedInHostModeAndOverlapsAcrossContainersInAwsvpcMode() throws IOException {
        assertEquals(List.of("10:34 error: containerPortRange is for networkMode bridge or awsvpc (ECS rule); in host "
                + "mode list the ports one by one"), diagnostics("host", """
                portMappings:
                  - {containerPortRange: "7000-7010"}
                """));
        List<String> found = diagnostics("awsvpc", """
                portMappings: [{containerPortRange: "7000-7010"}]
                """, "      - {name: sidecar, image: berth/busybox:1, portMappings: [{containerPort: 7003}]}\n");
        assertEquals(List.of("10:80 error: ports 7003/tcp overlap the portMapping at line 9 (7000-7010/tcp); a port can "
                + "be in one portMapping only (ECS rule)"), found);
    }

    @Test
    void theRevisionHashFollowsTheRangeAndAMappingWithoutOneKeepsItsHash() throws IOException {
        String one = hash("portMappings: [{containerPortRange: \"7000-7010\"}]");
        String other = hash("portMappings: [{containerPortRange: \"7000-7011\"}]");
        assertNotEquals(one, other);
        LoadedStack single = load("bridge", "portMappings: [{containerPort: 80}]");
        assertEquals("{\"containerPort\":80,\"hostPort\":0,\"protocol\":\"tcp\"}", dev.berth.schema.canonical.CanonicalJson.write(
                single.canonical().taskDefinitions().get("web").containerDefinitions().getFirst().portMappings().getFirst()));
    }

    @Test
    void environmentFilesAreBoundedAndS3IsRefusedAsAwsOnlyAtItsType() throws IOException {
        StringBuilder eleven = new StringBuilder("environmentFiles:\n");
        for (int i = 0; i < 11; i++) {
            eleven.append("  - {value: f").append(i).append(".env, type: file}\n");
        }
        List<String> tooMany = diagnostics("bridge", eleven.toString());
        assertEquals(List.of("10:11 error: environmentFiles: takes at most 10 items, found 11"), tooMany);
        List<String> s3 = diagnostics("bridge", """
                environmentFiles: [{value: "arn:aws:s3:::bucket/app.env", type: s3}]
                """);
        assertEquals(List.of("9:73 error: type: AWS-only, refused: the ECS agent downloads environment files from S3. "
                + "Use type file with the file on the machine running berth, or environment with ${variables}."), s3);
    }

    @Test
    void theFilesAreReadRelativeToTheStackFileWithEnvironmentAndTheEarlierFileWinning() throws IOException {
        Files.writeString(dir.resolve("a.env"), "# comment\n\nA=from-a\nB=from-a\nC=from-a =x\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.env"), "B=from-b\nD=from-b\n");
        LoadedStack loaded = load("bridge", """
                environment: {A: from-stack}
                environmentFiles: [{value: a.env, type: file}, {value: sub/b.env, type: file}]
                """);
        EnvironmentFiles.Read read = EnvironmentFiles.read(loaded);

        assertEquals(List.of(), read.errors());
        assertEquals(java.util.Map.of("B", "from-a", "C", "from-a =x", "D", "from-b"), read.files().of("web", "app"));
        assertEquals("sub/b.env", read.files().fileOf("web", "app", "D"));
        assertEquals("[{\"type\":\"file\",\"value\":\"a.env\"},{\"type\":\"file\",\"value\":\"sub/b.env\"}]",
                dev.berth.schema.canonical.CanonicalJson.write(loaded.canonical().taskDefinitions().get("web")
                        .containerDefinitions().getFirst().environmentFiles()),
                "the revision hash covers the paths as written, not where the stack is checked out");
    }

    @Test
    void aMissingFileOrALineWithoutANameIsAnErrorAtTheEntryThatNamesNoValue() throws IOException {
        Files.writeString(dir.resolve("bad.env"), "A=1\nsecret-without-a-name\n=x\n");
        List<String> errors = EnvironmentFiles.read(load("bridge", """
                environmentFiles: [{value: bad.env, type: file}, {value: none.env, type: file}]
                """)).errors().stream().map(d -> d.position().line() + ":" + d.position().column() + " " + d.message())
                .toList();

        assertEquals(List.of(
                "9:36 environment file bad.env of container app: line 2 of " + dir.resolve("bad.env")
                        + " is not VARIABLE=VALUE",
                "9:36 environment file bad.env of container app: line 3 of " + dir.resolve("bad.env")
                        + " is not VARIABLE=VALUE",
                "9:66 environment file none.env of container app does not exist (" + dir.resolve("none.env") + ")"),
                errors);
    }

    @Test
    void aFifoOrADeviceIsRefusedAsNotARegularFileInsteadOfBeingReadForever() throws Exception {
        Path fifo = dir.resolve("fifo.env");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        List<String> errors = EnvironmentFiles.read(load("bridge", """
                environmentFiles: [{value: fifo.env, type: file}, {value: /dev/zero, type: file}]
                """)).errors().stream().map(Diagnostic::message).toList();

        assertEquals(List.of("environment file fifo.env of container app is not a regular file (" + fifo + ")",
                "environment file /dev/zero of container app is not a regular file (/dev/zero)"), errors);
    }
}
