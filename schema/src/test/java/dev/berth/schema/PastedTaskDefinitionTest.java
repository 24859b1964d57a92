package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What berth makes of the parts of an ECS task definition a user pastes as it is. */
class PastedTaskDefinitionTest {
    @TempDir
    Path dir;

    private List<String> diagnostics(String taskDefinition) throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"),
                "version: 1\nstack: shop\ntaskDefinitions:\n  web: " + taskDefinition + "\n");
        return StackLoader.load(stack, VariableInputs.none()).diagnostics().stream()
                .map(d -> d.position().line() + ":" + d.position().column() + " " + d.severity() + ": " + d.message())
                .toList();
    }

    @Test
    void aFamilyEqualToItsKeyIsAcceptedSilently() throws IOException {
        assertEquals(List.of(),
                diagnostics("{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\"}]}"));
    }

    @Test
    void aFamilyOtherThanItsKeyIsAnErrorNamingBoth() throws IOException {
        assertEquals(List.of("4:19 error: family \"shop-web\" differs from the key \"web\" it is declared under; the key "
                        + "names the family in berth: rename the key to \"shop-web\" or drop family"),
                diagnostics("{\"family\": \"shop-web\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\"}]}"));
    }

    @Test
    void describeTaskDefinitionOutputIsUnwrappedAndItsFieldsIgnoredWithAWarningEach() throws IOException {
        List<String> found = diagnostics("{\"taskDefinition\": {\"revision\": 7, \"taskRoleArn\": \"arn:aws:iam::1:role/x\","
                + " \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\"}]}}");
        assertEquals(2, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("4:28 warning: revision: AWS-only, ignored: "), found::toString);
        assertTrue(found.get(1).startsWith("4:43 warning: taskRoleArn: AWS-only, ignored: "), found::toString);
    }

    @Test
    void jsonNullInAFieldMeansTheFieldIsAbsent() throws IOException {
        assertEquals(List.of(), diagnostics("{\"cpu\": null, \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\","
                + " \"ulimits\": null, \"mountPoints\": [], \"healthCheck\": null}]}"));
    }

    @Test
    void aNullRequiredFieldIsMissing() throws IOException {
        assertEquals(List.of("4:34 error: missing required field \"image\""),
                diagnostics("{\"containerDefinitions\": [{\"name\": \"a\", \"image\": null}]}"));
    }

    @Test
    void containerNamesFollowEcsRules() throws IOException {
        assertEquals(List.of(), diagnostics("{\"containerDefinitions\": [{\"name\": \"log_router\", \"image\": \"x\"},"
                + " {\"name\": \"BE-Container\", \"image\": \"x\", \"dependsOn\": [{\"containerName\": \"log_router\","
                + " \"condition\": \"START\"}]}]}"));
        assertEquals(List.of("4:43 error: name: \"a.b\" is not valid: Container name (ECS rule): letters, digits, '_' "
                        + "and '-', 1-255 characters."),
                diagnostics("{\"containerDefinitions\": [{\"name\": \"a.b\", \"image\": \"x\"}]}"));
    }

    @Test
    void anAwsOnlyFieldIsRefusedAtItsKeyWithWhatToUseInstead() throws IOException {
        List<String> found = diagnostics("{\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\","
                + " \"firelensConfiguration\": {\"type\": \"fluentbit\"}}]}");
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.getFirst().startsWith("4:62 error: firelensConfiguration: AWS-only, refused: "), found::toString);
        assertTrue(found.getFirst().contains("logDriver fluentd"), found::toString);
    }

    @Test
    void anUnsupportedListThatIsEmptyAsksForNothingAndIsAccepted() throws IOException {
        assertEquals(List.of(), diagnostics("{\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\","
                + " \"environmentFiles\": [], \"systemControls\": [], \"interactive\": false}]}"));
    }

    @Test
    void awsfirelensIsRefusedAndAwslogsWarnsThatHostsNeedCredentials() throws IOException {
        List<String> firelens = diagnostics("{\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\","
                + " \"logConfiguration\": {\"logDriver\": \"awsfirelens\"}}]}");
        assertEquals(1, firelens.size(), firelens::toString);
        assertTrue(firelens.getFirst().startsWith("4:96 error: logDriver: AWS-only, refused: awsfirelens"), firelens::toString);
        List<String> awslogs = diagnostics("{\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"x\","
                + " \"logConfiguration\": {\"logDriver\": \"awslogs\"}}]}");
        assertEquals(1, awslogs.size(), awslogs::toString);
        assertTrue(awslogs.getFirst().startsWith("4:96 warning: logDriver awslogs"), awslogs::toString);
    }
}
