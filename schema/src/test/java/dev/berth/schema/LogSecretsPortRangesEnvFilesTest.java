package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The last ECS container fields berth ran as "not yet": logConfiguration.secretOptions,
 * portMappings[].containerPortRange and environmentFiles. Their bounds, positioned refusals and
 * canonical form; the engine side is in the cli module's tests.
 */
class LogSecretsPortRangesEnvFilesTest {
    @TempDir
    Path dir;

    /** The stack's one container {@code app} with these lines added (indented as its fields); line 9 is the first. */
    private LoadedStack load(String networkMode, String containerFields) throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), """
                version: 1
                stack: shop
                taskDefinitions:
                  web:
                    networkMode: %s
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                %s""".formatted(networkMode, containerFields.strip().indent(8)));
        return StackLoader.load(stack, VariableInputs.none());
    }

    private List<String> diagnostics(String networkMode, String containerFields) throws IOException {
        return load(networkMode, containerFields).diagnostics().stream()
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
}
