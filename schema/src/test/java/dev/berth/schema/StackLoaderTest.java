package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostic;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderTest {
    @TempDir
    Path dir;

    private static final String STACK = """
            version: 1
            stack: shop
            variables:
              tag: {default: "1"}
              count: {default: 2}
              greeting: {required: true}
            clusters: {main: {}}
            taskDefinitions:
              web:
                cpu: "0.25 vCPU"
                memory: "0.5 GB"
                containerDefinitions:
                  - name: app
                    image: berth/busybox:${tag}
                    environment: {GREETING: "${greeting}", LITERAL: "$${HOME}", PORT: 8080, COUNTRY: no}
            services:
              web:
                cluster: main
                taskDefinition: web
                desiredCount: ${count}
            """;

    @Test
    void variablesComeFromCommandLineThenFilesThenEnvironmentThenDefault() throws IOException {
        Path stack = write("stack.yaml", STACK);
        Path varFile = write("vars.yaml", "tag: \"from-file\"\ncount: 5\ngreeting: file\n");
        Map<String, String> environment = Map.of("BERTH_VAR_tag", "from-env", "BERTH_VAR_greeting", "env");

        Stack fromEnvironment = load(stack, new VariableInputs(Map.of(), List.of(), environment));
        assertEquals("berth/busybox:from-env", app(fromEnvironment).image());
        assertEquals(2, fromEnvironment.services().get("web").desiredCount(), "the default, re-typed as a number");

        Stack fromFile = load(stack, new VariableInputs(Map.of(), List.of(varFile), environment));
        assertEquals("berth/busybox:from-file", app(fromFile).image());
        assertEquals(5, fromFile.services().get("web").desiredCount());

        Stack fromCommandLine = load(stack, new VariableInputs(Map.of("tag", "cli"), List.of(varFile), environment));
        assertEquals("berth/busybox:cli", app(fromCommandLine).image());
    }

    @Test
    void aVariableKeepsItsTextWhereTheSchemaWantsTextAndBecomesANumberWhereItWantsANumber() throws IOException {
        Path varFile = write("vars.yaml", "tag: \"1.10\"\ncount: \"3\"\ngreeting: hi\n");
        Stack stack = load(write("stack.yaml", STACK.replace("desiredCount: ${count}", "desiredCount: \"${count}\"")),
                new VariableInputs(Map.of(), List.of(varFile), Map.of()));
        assertEquals("berth/busybox:1.10", app(stack).image());
        assertEquals(3, stack.services().get("web").desiredCount());
    }

    @Test
    void aVariableThatIsNotANumberWhereOneIsWantedIsAnErrorAtItsUse() throws IOException {
        LoadedStack loaded = StackLoader.load(write("stack.yaml", STACK),
                new VariableInputs(Map.of("greeting", "hi", "count", "many"), List.of(), Map.of()));
        assertEquals(List.of("stack.yaml:20:19: error: desiredCount: expected an integer, found \"many\""),
                loaded.errors().stream().map(d -> d.position().file().getFileName() + ":" + d.position().line() + ":"
                        + d.position().column() + ": error: " + d.message()).toList());
    }

    @Test
    void shorthandIsExpandedAndScalarsFollowYaml12() throws IOException {
        Stack stack = load(write("stack.yaml", STACK), new VariableInputs(Map.of("greeting", "hi"), List.of(), Map.of()));
        assertEquals(List.of(new KeyValuePair("GREETING", "hi"), new KeyValuePair("LITERAL", "${HOME}"),
                new KeyValuePair("PORT", "8080"), new KeyValuePair("COUNTRY", "no")), app(stack).environment(),
                "map form in file order; $${ escapes; numbers as text; 'no' is a string in YAML 1.2");
        assertEquals(256, stack.taskDefinitions().get("web").cpu());
        assertEquals(512, stack.taskDefinitions().get("web").memory());
    }

    @Test
    void expandedEnvironmentEntriesKeepTheirPositions() throws IOException {
        LoadedStack loaded = StackLoader.load(write("stack.yaml", STACK),
                new VariableInputs(Map.of("greeting", "hi"), List.of(), Map.of()));
        String pointer = SourceMap.pointer("taskDefinitions", "web", "containerDefinitions", 0, "environment", 2, "name");
        assertEquals(15, loaded.positions().value(pointer).line());
        assertEquals(69, loaded.positions().value(pointer).column(), "the PORT key");
    }

    @Test
    void aDirectoryIsMergedAndItsSubdirectoriesAreNot() throws IOException {
        write("a.yaml", "version: 1\nstack: shop\nclusters: {main: {}}\n");
        write("b.yml", """
                taskDefinitions:
                  web:
                    containerDefinitions: [{name: app, image: "berth/busybox:1"}]
                services:
                  web: {cluster: main, taskDefinition: web}
                """);
        Files.createDirectories(dir.resolve("vars"));
        write("vars/production.yaml", "this: [is, not, a, stack, file]\n");
        LoadedStack loaded = StackLoader.load(dir, VariableInputs.none());
        assertTrue(loaded.valid(), () -> loaded.diagnostics().toString());
        assertEquals(2, loaded.files().size());
        assertEquals(Path.of("b.yml"), loaded.positions().key("/services/web").file().getFileName());
    }

    @Test
    void mergeKeysAndExplicitStringTagsWork() throws IOException {
        Stack stack = load(write("stack.yaml", """
                version: 1
                stack: shop
                clusters: {main: {}}
                taskDefinitions:
                  web:
                    containerDefinitions:
                      - &base {name: app, image: "berth/busybox:1", stopTimeout: 5}
                      - <<: *base
                        name: sidecar
                        environment: {VERSION: !!str 1.10}
                """), VariableInputs.none());
        ContainerDefinition sidecar = stack.taskDefinitions().get("web").containerDefinitions().get(1);
        assertEquals("sidecar", sidecar.name());
        assertEquals(5, sidecar.stopTimeout());
        assertEquals("1.10", sidecar.environment().get(0).value(), "!!str keeps the text as written");
    }

    @Test
    void anUndeclaredCommandLineVariableIsAnErrorWithoutAFile() throws IOException {
        LoadedStack loaded = StackLoader.load(write("stack.yaml", STACK),
                new VariableInputs(Map.of("greting", "x", "greeting", "y"), List.of(), Map.of()));
        Diagnostic error = loaded.errors().getFirst();
        assertNull(error.position());
        assertTrue(error.message().contains("did you mean \"greeting\""), error.message());
    }

    @Test
    void aVariablesFileWithAnUnknownNameWarnsAtItsLine() throws IOException {
        Path varFile = write("vars.yaml", "greeting: hi\nimagetag: 2\n");
        LoadedStack loaded = StackLoader.load(write("stack.yaml", STACK),
                new VariableInputs(Map.of(), List.of(varFile), Map.of()));
        assertTrue(loaded.valid());
        Diagnostic warning = loaded.diagnostics().getFirst();
        assertEquals(Diagnostic.Severity.warning, warning.severity());
        assertEquals(varFile + ":2:1", warning.position().toString());
    }

    private static Stack load(Path path, VariableInputs inputs) {
        LoadedStack loaded = StackLoader.load(path, inputs);
        assertTrue(loaded.valid(), () -> loaded.diagnostics().toString());
        return loaded.source();
    }

    private static ContainerDefinition app(Stack stack) {
        return stack.taskDefinitions().get("web").containerDefinitions().getFirst();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
