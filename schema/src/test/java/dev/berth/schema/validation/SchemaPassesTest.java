package dev.berth.schema.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaPassesTest {
    private static final String VALID = """
            version: 1
            stack: shop
            clusters: {main: {}}
            taskDefinitions:
              web:
                containerDefinitions:
                  - {name: app, image: "berth/busybox:1"}
            services:
              web: {cluster: main, taskDefinition: web, desiredCount: 2}
            """;

    @TempDir
    Path dir;

    /** Remembers what it is told, and answers "passed" for what it remembers. */
    private static final class Recorded implements SchemaPasses {
        final List<byte[]> remembered = new ArrayList<>();
        boolean answerPassed;
        int asked;

        @Override
        public boolean passed(byte[] document) {
            asked++;
            return answerPassed || remembered.stream().anyMatch(r -> Arrays.equals(r, document));
        }

        @Override
        public void remember(byte[] document) {
            remembered.add(document);
        }
    }

    @Test
    void aDocumentThatPassedAsItWasIsRememberedAndTheSameBytesAreNotCheckedAgain() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), VALID);
        Recorded passes = new Recorded();
        LoadedStack first = StackLoader.load(stack, VariableInputs.none(), passes);
        assertTrue(first.valid(), first.diagnostics().toString());
        assertEquals(1, passes.remembered.size());

        LoadedStack second = StackLoader.load(stack, VariableInputs.none(), passes);
        assertEquals(first.canonical(), second.canonical());
        assertEquals(1, passes.remembered.size(), "a known document is not remembered twice");
        assertEquals(2, passes.asked);
    }

    @Test
    void aKnownDocumentSkipsTheCheckSoItsViolationsGoUnreported() throws IOException {
        // What a cache hit means, shown with a document the check would refuse: no schema finding.
        Path stack = Files.writeString(dir.resolve("stack.yaml"),
                VALID.replace("image: \"berth/busybox:1\"", "image: \"berth/busybox:1\", memoryReservation: -4"));
        assertTrue(StackLoader.load(stack, VariableInputs.none(), SchemaPasses.NONE).diagnostics().stream()
                .anyMatch(d -> d.message().contains("memoryReservation")), "the check refuses it");
        Recorded passes = new Recorded();
        passes.answerPassed = true;
        assertFalse(StackLoader.load(stack, VariableInputs.none(), passes).diagnostics().stream()
                .anyMatch(d -> d.message().contains("memoryReservation")));
    }

    @Test
    void aDocumentTheCheckWarnedAboutRepairedOrRefusedIsNotRemembered() throws IOException {
        Map<String, String> documents = Map.of(
                "an ignored ECS field", VALID.replace("    containerDefinitions:",
                        "    taskRoleArn: arn:aws:iam::1:role/x\n    containerDefinitions:"),
                "a variable's text made a number", VALID.replace("version: 1\n", "version: 1\nvariables:\n  n: {default: 3}\n")
                        .replace("desiredCount: 2", "desiredCount: \"${n}\""),
                "a violation", VALID.replace("desiredCount: 2", "desiredCount: -2"));
        for (Map.Entry<String, String> document : documents.entrySet()) {
            Path stack = Files.writeString(dir.resolve("stack.yaml"), document.getValue());
            Recorded passes = new Recorded();
            LoadedStack loaded = StackLoader.load(stack, VariableInputs.none(), passes);
            assertEquals(1, passes.asked, document.getKey());
            assertEquals(List.of(), passes.remembered, document.getKey() + ": " + loaded.diagnostics());
        }
    }
}
