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
            // What picocli prints for it, without loading picocli: its Java 5 classes cannot be in
            // the class cache, and parsing and verifying them is most of a short run's time.
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
