package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth validate run twice, as processes, with a cache directory of the test's own. */
class ValidationCacheTest {
    /** Valid, with a variable its file gives a default. */
    static final String STACK = """
            version: 1
            stack: cached
            variables:
              image: {default: "berth/busybox:1"}
            clusters: {main: {}}
            taskDefinitions:
              web:
                containerDefinitions:
                  - {name: app, image: "${image}"}
            services:
              web: {cluster: main, taskDefinition: web}
            """;

    @TempDir
    Path dir;

    @Test
    void aRepeatRunOfUnchangedFilesPrintsTheSameBytesWithoutReadingYamlOrTheSchema() throws IOException {
        Path valid = Files.writeString(dir.resolve("valid.yaml"), STACK);
        Path broken = Files.writeString(dir.resolve("broken.yaml"), ValidateCommandTest.BROKEN);
        Path vars = Files.writeString(dir.resolve("vars.yaml"), "image: berth/busybox:1\nimgae: typo\n");
        List<String[]> plain = List.of(new String[] {"validate", valid.toString()},
                new String[] {"validate", broken.toString()},
                new String[] {"validate", "--format", "json", broken.toString()},
                new String[] {"validate", "--format=github", broken.toString()},
                new String[] {"validate", valid.toString(), "--var-file", vars.toString()});
        // Spellings only picocli reads: the stored result still answers, after picocli parsed them.
        List<String[]> parsed = List.of(new String[] {"validate", "--format", "JSON", broken.toString()},
                new String[] {"validate", "--var-file=" + vars, "--", valid.toString()});
        for (List<String[]> kind : List.of(plain, parsed)) {
            for (String[] args : kind) {
                CommandRun first = validate(List.of(), args);
                Path classes = dir.resolve("classes.log");
                CommandRun second = validate(List.of("-Xlog:class+load:file=" + classes), args);
                assertEquals(first, second, String.join(" ", args));
                assertEquals(CommandRun.of(args), second, String.join(" ", args));
                String loaded = Files.readString(classes);
                assertFalse(loaded.contains("org.yaml.snakeyaml") || loaded.contains("com.networknt.schema"),
                        "the second run read the stack again: " + String.join(" ", args));
                assertEquals(kind == parsed, loaded.contains("picocli.CommandLine source:"), String.join(" ", args));
            }
        }
        assertTrue(validate(List.of(), "validate", broken.toString()).err()
                .contains(broken + ":9:18: error: service \"web\" references cluster \"mian\""));
    }

    @Test
    void aChangedVarFileIsValidatedAgain() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        Path vars = Files.writeString(dir.resolve("vars.yaml"), "image: berth/busybox:1\n");
        CommandRun before = validate(List.of(), "validate", stack.toString(), "--var-file", vars.toString());
        Files.writeString(vars, "image: berth/busybox:1\nimgae: typo\n");
        CommandRun after = validate(List.of(), "validate", stack.toString(), "--var-file", vars.toString());
        assertNotEquals(before, after);
        assertTrue(after.err().contains(vars + ":2:1: warning: the stack declares no variable"), after.err());
        assertEquals(uncached("validate", stack.toString(), "--var-file", vars.toString()), after);
    }

    @Test
    void aCorruptOrUnreadableEntryIsIgnoredAndReplaced() throws IOException {
        Path stack = Files.writeString(dir.resolve("broken.yaml"), ValidateCommandTest.BROKEN);
        CommandRun first = validate(List.of(), "validate", stack.toString());
        for (byte[] damage : List.of(new byte[0], "berth-validate-1\n\0\0\0\0garbage".getBytes())) {
            for (Path entry : entries()) {
                byte[] bytes = Files.readAllBytes(entry);
                bytes[bytes.length / 2] ^= 1;
                Files.write(entry, damage.length == 0 ? bytes : damage);
            }
            assertEquals(first, validate(List.of(), "validate", stack.toString()));
        }
        assertEquals(1, entries().size());
    }

    @Test
    void resourcesCopiedAgainWithTheSameBytesKeepTheStoredResult() throws Exception {
        // What a build beside the tests (the launcher's maven package run) does to the code berth runs.
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        validate(List.of(), "validate", stack.toString());
        Path schemaClasses = Path.of(dev.berth.schema.StackLoader.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        // A classes directory (mvn test) or the module's jar (mvn verify).
        Path touched;
        try (Stream<Path> files = Files.walk(schemaClasses)) {
            touched = files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".json")
                    || f.toString().endsWith(".jar"))).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(touched, FileTime.fromMillis(System.currentTimeMillis()));
        Path classes = dir.resolve("classes.log");
        validate(List.of("-Xlog:class+load:file=" + classes), "validate", stack.toString());
        assertFalse(Files.readString(classes).contains("org.yaml.snakeyaml"), "the stored result answered");
    }

    @Test
    void variablesGivenOutsideFilesAreNeverStored() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        validate(List.of(), "validate", stack.toString(), "--var", "image=registry.example/secret-tag");
        CommandRun.process(Map.of("XDG_CACHE_HOME", cache().toString(), "BERTH_VAR_image", "registry.example/secret"),
                "validate", stack.toString());
        assertEquals(List.of(), entries());
    }

    @Test
    void onlyTheNewestEntriesAreKept() throws IOException {
        Path entries = Files.createDirectories(cache().resolve("berth/validate"));
        for (int i = 0; i < ValidationCache.MAX_ENTRIES + 5; i++) {
            Path old = Files.writeString(entries.resolve("old-" + i), "x");
            Files.setLastModifiedTime(old, FileTime.fromMillis(i * 1000L));
        }
        Path stack = Files.writeString(dir.resolve("stack.yaml"), STACK);
        validate(List.of(), "validate", stack.toString());
        List<Path> kept = entries();
        assertEquals(ValidationCache.MAX_ENTRIES, kept.size());
        assertTrue(kept.stream().anyMatch(entry -> !entry.getFileName().toString().startsWith("old-")));
        assertFalse(kept.contains(entries.resolve("old-0")));
    }

    private CommandRun validate(List<String> jvmOptions, String... args) {
        return CommandRun.process(jvmOptions, Map.of("XDG_CACHE_HOME", cache().toString()), args);
    }

    private CommandRun uncached(String... args) {
        return CommandRun.process(Map.of("XDG_CACHE_HOME", dir.resolve("other-cache").toString()), args);
    }

    private Path cache() {
        return dir.resolve("cache");
    }

    private List<Path> entries() throws IOException {
        Path entries = cache().resolve("berth/validate");
        if (!Files.isDirectory(entries)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(entries)) {
            return files.toList();
        }
    }
}
