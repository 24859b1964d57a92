package dev.berth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Entry point of the {@code berth} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this in-process. */
    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli prints for it, without picocli: building its model of the command from
            // the annotations would be most of so short a run.
            try {
                for (String line : new BerthCommand.Version().getVersion()) {
                    System.out.println(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ExitCodes.OK;
        }
        return ValidationCache.replay(args, System.out, System.err)
                .orElseGet(() -> BerthCommand.commandLine(args).execute(args));
    }
}
