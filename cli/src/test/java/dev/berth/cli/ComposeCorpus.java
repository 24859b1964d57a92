package dev.berth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real compose files of src/test/resources/compose-corpus, each copied into a directory of its
 * own (with its .env), since an import resolves bind mounts and env files beside the compose file.
 */
final class ComposeCorpus {
    static final Path DIR = Path.of("src/test/resources/compose-corpus");

    private ComposeCorpus() {
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compose file {@code name} copied into a new directory under {@code dir}. */
    static Path copy(String name, Path dir) throws IOException {
        Path into = Files.createDirectories(dir.resolve(name.replace(".yml", "")));
        Path env = DIR.resolve(name.replace(".yml", ".env"));
        if (Files.exists(env)) {
            Files.copy(env, into.resolve(".env"));
        }
        return Files.copy(DIR.resolve(name), into.resolve("compose.yml"));
    }

    /** {@code berth import compose FILE -o STACK} with further arguments. */
    static CommandRun importCompose(Path compose, Path stack, String... more) {
        List<String> args = new ArrayList<>(List.of("import", "compose", compose.toString(), "-o", stack.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }
}
