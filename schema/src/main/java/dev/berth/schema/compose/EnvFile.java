package dev.berth.schema.compose;

import dev.berth.schema.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A compose env file ({@code .env}, {@code env_file:}): {@code NAME=value} lines, {@code #}
 * comments, an optional {@code export}, values in single quotes taken as written and in double
 * quotes with their quotes removed. Read with the bounds of a stack file.
 */
final class EnvFile {
    private EnvFile() {
    }

    /** The entries, or empty when the file is missing or not a regular file. */
    static Optional<Map<String, String>> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) YamlLimits.MAX_FILE_BYTES + 1);
        }
        if (bytes.length > YamlLimits.MAX_FILE_BYTES) {
            throw new IOException("over " + YamlLimits.MAX_FILE_BYTES / 1048576 + " MiB");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int equals = line.indexOf('=');
            String name = (equals < 0 ? line : line.substring(0, equals)).strip();
            String value = equals < 0 ? "" : unquote(line.substring(equals + 1).strip());
            if (!name.isEmpty()) {
                entries.put(name, value);
            }
        }
        return Optional.of(entries);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).strip();
    }
}
