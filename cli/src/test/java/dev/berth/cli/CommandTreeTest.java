package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTreeTest {

    @Test
    void aRunThatBuildsOnlyTheCommandItNamesPrintsWhatTheWholeTreePrints() {
        List<String[]> commandLines = List.of(
                new String[] {"--version"},
                new String[] {"-V"},
                new String[] {},
                new String[] {"--help"},
                new String[] {"valdate", "stack.yaml"},
                new String[] {"validate", "--help"},
                new String[] {"validate", "--no-such-option", "stack.yaml"},
                new String[] {"validate", "../examples/multi-host"},
                new String[] {"plan", "--help"},
                new String[] {"import", "compose", "--help"},
                new String[] {"help", "apply"},
                new String[] {"completion"});
        for (String[] args : commandLines) {
            assertEquals(CommandRun.of(args), CommandRun.asMain(args), String.join(" ", args));
        }
    }

    @Test
    void versionPrintsWhatPicocliPrintsWithoutLoadingPicocli(@TempDir Path dir) throws IOException {
        Path classes = dir.resolve("classes.log");
        for (String option : new String[] {"--version", "-V"}) {
            CommandRun run = CommandRun.process(List.of("-Xlog:class+load:file=" + classes), Map.of(), option);
            assertEquals(CommandRun.of(option), run);
            assertFalse(Files.readString(classes).contains("picocli.CommandLine source:"), option);
        }
    }
}
