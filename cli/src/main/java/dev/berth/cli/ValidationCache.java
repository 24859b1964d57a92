package dev.berth.cli;

import dev.berth.schema.StackLoader;
import dev.berth.schema.load.StackFiles;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.yaml.YamlLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code berth validate} printed for exactly these inputs, so that a repeat run of unchanged
 * files neither parses YAML nor compiles the JSON Schema. An entry is keyed by a SHA-256 of the
 * berth build, the working directory (paths print relative to it), the command's arguments and the
 * bytes of every file the run reads; a run with {@code --var} or {@code BERTH_VAR_*} values is
 * never cached, so an entry holds nothing that is not already in a file on this machine. Entries
 * live in {@code $XDG_CACHE_HOME/berth/validate} (or {@code ~/.cache/berth/validate}), only the
 * newest {@value #MAX_ENTRIES} are kept, and an entry that cannot be read or fails its checksum is
 * ignored: the cache can only make a run faster, never change what it prints.
 */
final class ValidationCache {
    /** Printed output and exit code of one run. */
    record Result(int exitCode, String out, String err) {
    }

    static final int MAX_ENTRIES = 64;
    private static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final byte[] MAGIC = "berth-validate-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;

    private final Path directory;
    private final String key;

    private ValidationCache(Path directory, String key) {
        this.directory = directory;
        this.key = key;
    }

    /**
     * The cache entry for this run, or empty when the run must not be cached: variables given
     * outside files, an input that is not a readable regular file, or no cache directory.
     */
    static Optional<ValidationCache> forRun(StackOptions stack, DiagnosticFormat format,
                                            Map<String, String> environment) {
        if (stack.varsOutsideFiles(environment)) {
            return Optional.empty();
        }
        Optional<Path> directory = CacheDirectory.of(environment, "validate");
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Diagnostics listing = new Diagnostics();
        List<Path> stackFiles = StackFiles.resolve(stack.path(), listing);
        if (listing.hasErrors()) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = sha256();
            field(digest, BuildIdentity.of(true, ValidationCache.class, StackLoader.class));
            field(digest, Path.of("").toAbsolutePath().toString());
            field(digest, format.name());
            field(digest, stack.path().toString());
            for (Path file : stackFiles) {
                field(digest, file.toString());
                field(digest, contents(file));
            }
            for (Path file : stack.varFiles) {
                field(digest, file.toString());
                field(digest, contents(file));
            }
            return Optional.of(new ValidationCache(directory.get(), HexFormat.of().formatHex(digest.digest())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * For {@link Main}: when {@code args} are a plain {@code validate STACK [--format F]
     * [--var-file FILE]...} and an identical run is stored, prints its output as {@code validate}
     * would and returns its exit code, without picocli, whose parsing costs more than the rest of
     * such a run. Anything else (another spelling, {@code @file}, a miss) is empty, and the run goes
     * through picocli as usual.
     */
    static Optional<Integer> replay(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !args[0].equals("validate")) {
            return Optional.empty();
        }
        StackOptions stack = new StackOptions();
        DiagnosticFormat format = null;
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                int equals = arg.indexOf('=');
                String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
                boolean option = name.equals("--format") || name.equals("--var-file");
                String value = arg;
                if (option) {
                    value = equals > 0 ? arg.substring(equals + 1) : i + 1 < args.length ? args[++i] : "";
                }
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return Optional.empty();
                }
                if (name.equals("--format") && format == null) {
                    format = DiagnosticFormat.valueOf(value);
                } else if (name.equals("--var-file")) {
                    stack.varFiles.add(Path.of(value));
                } else if (!option && stack.stack == null) {
                    stack.stack = Path.of(value);
                } else {
                    return Optional.empty();
                }
            }
        } catch (IllegalArgumentException e) {
            // Not a format's exact name, or not a path: picocli explains it.
            return Optional.empty();
        }
        if (stack.stack == null) {
            return Optional.empty();
        }
        Optional<Result> stored = forRun(stack, format == null ? DiagnosticFormat.text : format, System.getenv())
                .flatMap(ValidationCache::read);
        stored.ifPresent(result -> {
            err.print(result.err());
            err.flush();
            out.print(result.out());
            out.flush();
        });
        return stored.map(Result::exitCode);
    }

    /** The stored result, if there is one intact. */
    Optional<Result> read() {
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(entry())) {
                bytes = in.readNBytes(MAX_OUTPUT_BYTES + 64);
            }
            int body = bytes.length - DIGEST_BYTES;
            if (body < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                    || !MessageDigest.isEqual(Arrays.copyOfRange(bytes, body, bytes.length),
                            sha256Of(bytes, body))) {
                return Optional.empty();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
                    body - MAGIC.length));
            return Optional.of(new Result(in.readInt(), string(in), string(in)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stores the result, replacing the entry in one rename; a cache that cannot be written is skipped. */
    void write(Result result) {
        byte[] out = result.out().getBytes(StandardCharsets.UTF_8);
        byte[] err = result.err().getBytes(StandardCharsets.UTF_8);
        if (out.length + err.length > MAX_OUTPUT_BYTES) {
            return;
        }
        Path temporary = null;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(buffer);
            data.write(MAGIC);
            data.writeInt(result.exitCode());
            data.writeInt(out.length);
            data.write(out);
            data.writeInt(err.length);
            data.write(err);
            byte[] body = buffer.toByteArray();
            buffer.write(sha256Of(body, body.length));
            CacheDirectory.create(directory);
            // createTempFile makes it readable by its owner only.
            temporary = Files.createTempFile(directory, ".entry", ".tmp");
            Files.write(temporary, buffer.toByteArray());
            try {
                Files.move(temporary, entry(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                return;
            }
            temporary = null;
            CacheDirectory.keepNewest(directory, MAX_ENTRIES);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the run's output is already right without the cache.
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // Left for the next prune, which removes what is not an entry.
                }
            }
        }
    }

    private Path entry() {
        return directory.resolve(key);
    }

    /** A file the loader would read; one it refuses (not a regular file, too large) is left to it. */
    private static byte[] contents(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) YamlLimits.MAX_FILE_BYTES + 1);
            if (bytes.length > YamlLimits.MAX_FILE_BYTES) {
                throw new IOException(file + ": over the size limit");
            }
            return bytes;
        }
    }

    private static void field(MessageDigest digest, String value) {
        field(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Length first, so that no two sequences of fields hash the same bytes. */
    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value.length).array());
        digest.update(value);
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private static byte[] sha256Of(byte[] bytes, int length) {
        MessageDigest digest = sha256();
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
