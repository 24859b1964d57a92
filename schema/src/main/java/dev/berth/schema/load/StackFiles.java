package dev.berth.schema.load;

import dev.berth.schema.source.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a stack: one YAML file, or every {@code *.yaml} / {@code *.yml} file directly in a
 * directory, in name order. Subdirectories are not read, so a stack can keep its variable files
 * (per environment) beside it without merging them.
 */
public final class StackFiles {
    private StackFiles() {
    }

    public static List<Path> resolve(Path path, Diagnostics out) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            out.error(null, path + (Files.exists(path) ? ": not a regular file or a directory"
                    : Files.isSymbolicLink(path) ? ": a symbolic link to nothing" : ": no such file or directory"));
            return List.of();
        }
        try (Stream<Path> entries = Files.list(path)) {
            // A *.yaml entry that is not a file (a dangling link, a FIFO) is part of the stack that
            // cannot be read: it is kept, and reading it reports why, rather than skipped unseen.
            List<Path> files = entries
                    .filter(StackFiles::isYaml)
                    .filter(p -> !Files.isDirectory(p))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                out.error(null, path + ": directory has no *.yaml files; a stack is one YAML file "
                        + "or a directory of them");
            }
            return files;
        } catch (IOException e) {
            out.error(null, path + ": cannot list directory: " + e.getMessage());
            return List.of();
        }
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
