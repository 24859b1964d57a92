package dev.berth.cli;

import picocli.CommandLine.Option;

/** {@code --no-color}, for commands that print for people. */
public final class OutputOptions {
    @Option(names = "--no-color", description = "Never use colors (NO_COLOR=1 does the same).")
    boolean noColor;

    boolean colors() {
        return Terminal.colors(noColor);
    }
}
