package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDependsOnTest {
    @TempDir
    Path dir;

    private static final String STACK = """
            version: 1
            stack: shop
            clusters: {main: {}}
            taskDefinitions:
              app:
                containerDefinitions:
                  - {name: app, image: "berth/busybox:1", memory: 64}
            services:
              db: {cluster: main, taskDefinition: app}
              api: {cluster: main, taskDefinition: app}
              web: {cluster: main, taskDefinition: app}
            """;

    @Test
    void anUnknownServiceIsAnErrorAtItsEntryWithASuggestion() throws IOException {
        assertEquals(List.of("stack.yaml:12:17: error: service \"web\" references service \"apj\", which is not "
                        + "declared; declared services: db, api, web. Did you mean \"api\"?"),
                errors(STACK.replace("web: {cluster: main, taskDefinition: app}",
                        "web:\n    dependsOn: [apj]\n    cluster: main\n    taskDefinition: app")));
    }

    @Test
    void aServiceThatDependsOnItselfIsAnErrorAtItsEntry() throws IOException {
        assertEquals(List.of("stack.yaml:9:56: error: service \"db\" names itself in dependsOn; it must name another "
                        + "service of the stack"),
                errors(STACK.replace("db: {cluster: main, taskDefinition: app}",
                        "db: {cluster: main, taskDefinition: app, dependsOn: [db]}")));
    }

    @Test
    void aCycleIsOneErrorNamingItAtTheFirstServiceThatLeadsIntoIt() throws IOException {
        String cyclic = STACK
                .replace("db: {cluster: main, taskDefinition: app}",
                        "db: {cluster: main, taskDefinition: app, dependsOn: [web]}")
                .replace("api: {cluster: main, taskDefinition: app}",
                        "api: {cluster: main, taskDefinition: app, dependsOn: [db]}")
                .replace("web: {cluster: main, taskDefinition: app}",
                        "web: {cluster: main, taskDefinition: app, dependsOn: [db, api]}");
        // Both cycles go through db, the first declared service, so both are reported at its entry.
        assertEquals(List.of("stack.yaml:9:56: error: services depend on each other in a cycle: db -> web -> api -> db, "
                        + "so apply could start none of them; remove one of these dependsOn entries",
                        "stack.yaml:9:56: error: services depend on each other in a cycle: db -> web -> db, so apply "
                                + "could start none of them; remove one of these dependsOn entries"),
                errors(cyclic));
    }

    @Test
    void dependsOnChangesNoTaskDefinitionHash() throws IOException {
        Stack without = load(STACK);
        Stack with = load(STACK.replace("web: {cluster: main, taskDefinition: app}",
                "web: {cluster: main, taskDefinition: app, dependsOn: [db, api]}"));
        assertEquals(ContentHash.of(without.taskDefinitions().get("app")),
                ContentHash.of(with.taskDefinitions().get("app")));
        assertEquals(List.of("api", "db"), with.services().get("web").dependsOn(), "canonical: sorted");
        assertEquals(without.services().get("db"), with.services().get("db"));
    }

    private List<String> errors(String text) throws IOException {
        LoadedStack loaded = StackLoader.load(write(text), VariableInputs.none());
        return loaded.errors().stream().map(d -> d.position().file().getFileName() + ":" + d.position().line() + ":"
                + d.position().column() + ": error: " + d.message()).toList();
    }

    private Stack load(String text) throws IOException {
        LoadedStack loaded = StackLoader.load(write(text), VariableInputs.none());
        assertTrue(loaded.valid(), () -> loaded.diagnostics().toString());
        return loaded.canonical();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("stack.yaml"), text);
    }
}
