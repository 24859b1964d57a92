package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
