package dev.berth.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * What identifies the code a cached result came from: the jar (or, in tests, every file of the
 * classes directories) the given classes run from, plus the runtime, whose libraries they use.
 */
final class BuildIdentity {
    private BuildIdentity() {
    }

    /**
     * @param byContent the files' bytes count, not their times: a build that packages or copies the
     *                  same code again (the launcher's, beside a running berth) gives it new times,
     *                  not new code. Reading a 25 MB jar costs 30-45 ms, worth it where a miss costs
     *                  more than that.
     */
    static String of(boolean byContent, Class<?>... code) throws IOException {
        StringBuilder id = new StringBuilder(Runtime.version().toString());
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> type : code) {
            try {
                sources.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | RuntimeException e) {
                throw new IOException("no code source for " + type, e);
            }
        }
        for (Path source : sources) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.sorted().toList()) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    id.append('\n').append(file).append(' ').append(attributes.size());
                    if (!attributes.isRegularFile()) {
                        continue;
                    }
                    if (byContent) {
                        CRC32 crc = new CRC32();
                        crc.update(Files.readAllBytes(file));
                        id.append(' ').append(Long.toHexString(crc.getValue()));
                    } else {
                        id.append(' ').append(attributes.lastModifiedTime().toMillis());
                    }
                }
            }
        }
        return id.toString();
    }
}
