package dev.berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where berth keeps what makes a repeat run faster ({@code $XDG_CACHE_HOME/berth/NAME}, else
 * {@code ~/.cache/berth/NAME}): readable by its owner only, and bounded to the newest entries.
 */
final class CacheDirectory {
    private CacheDirectory() {
    }

    /** Empty when neither variable gives an absolute place. */
    static Optional<Path> of(Map<String, String> environment, String name) {
        // XDG: a relative XDG_CACHE_HOME is to be ignored.
        String xdg = environment.getOrDefault("XDG_CACHE_HOME", "");
        if (!xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "berth", name));
        }
        String home = environment.getOrDefault("HOME", "");
        return home.isEmpty() ? Optional.empty() : Optional.of(Path.of(home, ".cache", "berth", name));
    }

    static void create(Path directory) throws IOException {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
    }

    /** Keeps the newest {@code max} files; also removes what a killed run left. */
    static void keepNewest(Path directory, int max) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(entries::add);
        }
        if (entries.size() <= max) {
            return;
        }
        entries.sort(Comparator.comparing(CacheDirectory::modified).reversed());
        for (Path old : entries.subList(max, entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
