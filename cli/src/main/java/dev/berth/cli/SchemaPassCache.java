package dev.berth.cli;

import com.networknt.schema.JsonSchema;
import dev.berth.schema.validation.JsonSchemaCheck;
import dev.berth.schema.validation.SchemaPasses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The stack documents that passed the JSON Schema check, as empty files under
 * {@code $XDG_CACHE_HOME/berth/schema} (or {@code ~/.cache/berth/schema}) named by a SHA-256 of the
 * build and the document: a plan or apply of unchanged stack files neither compiles the schema nor
 * checks against it (the check 133 -> 66 ms of a no-op apply on a quiet machine). Only the newest
 * {@value #MAX_ENTRIES} are kept; nothing of a document is stored but its digest; anything that
 * cannot be read or written means a check, never a skipped one for other bytes.
 */
final class SchemaPassCache implements SchemaPasses {
    static final int MAX_ENTRIES = 64;

    private final Path directory;
    private final byte[] build;

    private SchemaPassCache(Path directory, String build) {
        this.directory = directory;
        this.build = build.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The cache for this run; none when variables come from outside files (as for
     * {@link ValidationCache}: a digest of a value given only on this run is not kept) or there is
     * no cache directory.
     */
    static SchemaPasses forRun(StackOptions stack, Map<String, String> environment) {
        Optional<Path> directory = CacheDirectory.of(environment, "schema");
        if (stack.varsOutsideFiles(environment) || directory.isEmpty()) {
            return SchemaPasses.NONE;
        }
        try {
            // By time: a miss costs one check, less than reading the jar for its content.
            return new SchemaPassCache(directory.get(), BuildIdentity.of(false, JsonSchemaCheck.class, JsonSchema.class));
        } catch (IOException e) {
            return SchemaPasses.NONE;
        }
    }

    @Override
    public boolean passed(byte[] document) {
        Path entry = entry(document);
        try {
            // Used again, so kept when older entries go.
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
            return true;
        } catch (IOException missing) {
            return false;
        }
    }

    @Override
    public void remember(byte[] document) {
        try {
            CacheDirectory.create(directory);
            Files.createFile(entry(document));
            CacheDirectory.keepNewest(directory, MAX_ENTRIES);
        } catch (FileAlreadyExistsException e) {
            // Another run remembered it first.
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the next run checks again.
        }
    }

    private Path entry(byte[] document) {
        MessageDigest digest = ValidationCache.sha256();
        digest.update(build);
        digest.update((byte) 0);
        digest.update(document);
        return directory.resolve(HexFormat.of().formatHex(digest.digest()));
    }
}
