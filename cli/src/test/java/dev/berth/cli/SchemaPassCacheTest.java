package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stack loads of berth processes sharing a cache directory of the test's own. */
class SchemaPassCacheTest {
    private static final String STACK = ValidationCacheTest.STACK;

    @TempDir
    Path dir;

    @Test
    void aSecondLoadOfTheSameStackNeitherCompilesNorRunsTheSchemaAndReportsTheSame() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        // Two spellings validate stores apart, so that the second one loads the stack again.
        CommandRun first = run(List.of(), "validate", stack.toString());
        Path classes = dir.resolve("classes.log");
        CommandRun second = run(List.of("-Xlog:class+load:file=" + classes), "validate", "--format", "json",
                stack.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(CommandRun.of("validate", "--format", "json", stack.toString()), second);
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("org.yaml.snakeyaml"), "the stack was read again");
        assertFalse(loaded.contains("com.networknt.schema.JsonSchemaFactory"), "the schema was compiled");
        assertEquals(1, entries().size());
    }

    @Test
    void anEditedStackIsCheckedAgainAndItsErrorsReported() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        run(List.of(), "validate", stack.toString());
        Files.writeString(stack, STACK.replace("taskDefinition: web}", "taskDefinition: web, desiredCount: -1}"));
        CommandRun edited = run(List.of(), "validate", "--format", "json", stack.toString());
        assertEquals(1, edited.exitCode());
        assertTrue(edited.out().contains("desiredCount"), edited.out());
        assertEquals(1, entries().size(), "a refused document is not remembered");
    }

    @Test
    void variablesGivenOutsideFilesAreNeverRemembered() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        run(List.of(), "validate", stack.toString(), "--var", "image=registry.example/secret-tag");
        CommandRun.process(Map.of("XDG_CACHE_HOME", cache().toString(), "BERTH_VAR_image", "registry.example/secret"),
                "validate", stack.toString());
        assertEquals(List.of(), entries());
    }

    private CommandRun run(List<String> jvmOptions, String... args) {
        return CommandRun.process(jvmOptions, Map.of("XDG_CACHE_HOME", cache().toString()), args);
    }

    private Path cache() {
        return dir.resolve("cache");
    }

    private List<Path> entries() throws IOException {
        Path entries = cache().resolve("berth/schema");
        if (!Files.isDirectory(entries)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(entries)) {
            return files.toList();
        }
    }
}
