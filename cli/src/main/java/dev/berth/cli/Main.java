package dev.berth.cli;

import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this in-process. */
    public static int run(String... args) {
        return BerthCommand.commandLine(args).execute(args);
    }
}
