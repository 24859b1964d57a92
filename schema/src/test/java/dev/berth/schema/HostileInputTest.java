package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs made to hurt: each must end in a clear error, never an exception or a hang. The timeout
 * is a safety net against hangs, not a speed target (scripts/bench-validate measures speed).
 */
class HostileInputTest {
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aFileOverTenMebibytesIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (Writer out = Files.newBufferedWriter(big)) {
            out.write("version: 1\nstack: shop\nfiller:\n");
            for (int i = 0; i < 400_000; i++) {
                out.write("  - \"padding padding padding\"\n");
            }
        }
        assertOneError(big, "berth reads stack files of up to 10 MiB");
    }

    @Test
    void anExponentialAliasBombIsStoppedEarly() throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: shop\nl0: &l0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        assertOneError(write("bomb.yaml", yaml.toString()), "berth refuses alias bombs");
    }

    @Test
    void tooManyAliasesAreRefusedWhileParsing() throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: shop\nbase: &b [x]\nmany:\n");
        yaml.append("  - *b\n".repeat(500));
        assertOneError(write("aliases.yaml", yaml.toString()), "too many aliases");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        assertOneError(write("deep.yaml", "version: 1\nstack: shop\nx: " + "[".repeat(10_000) + "]".repeat(10_000)),
                "nesting deeper than 64 levels");
    }

    @Test
    void aDirectoryWithoutYamlSaysSo() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not yaml");
        assertOneError(dir, "directory has no *.yaml files");
    }

    @Test
    void aMissingPathSaysSo() {
        assertOneError(dir.resolve("nope.yaml"), "no such file or directory");
    }

    @Test
    void binaryGarbageIsAnEncodingError() throws IOException {
        Path garbage = dir.resolve("garbage.yaml");
        Files.write(garbage, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertOneError(garbage, "invalid UTF-8");
    }

    private void assertOneError(Path path, String fragment) {
        LoadedStack loaded = assertTimeoutPreemptively(HANG, () -> StackLoader.load(path, VariableInputs.none()));
        assertFalse(loaded.valid());
        assertEquals(1, loaded.errors().size(), () -> loaded.errors().toString());
        assertTrue(loaded.errors().getFirst().message().contains(fragment), () -> loaded.errors().toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
