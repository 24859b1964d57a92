package dev.berth.schema.canonical;

import dev.berth.schema.model.TaskDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a canonical task definition: equal hashes mean equal definitions, so a new
 * revision is needed exactly when the hash changes.
 */
public final class ContentHash {

    private static final String PREFIX = "sha256:";
    private static final int SHORT_LENGTH = 12;

    private ContentHash() {
    }

    /** {@code sha256:} and the lowercase hex SHA-256 of the canonical JSON. Pass a canonical definition. */
    public static String of(TaskDefinition canonical) {
        byte[] json = CanonicalJson.write(canonical).getBytes(StandardCharsets.UTF_8);
        return PREFIX + HexFormat.of().formatHex(sha256().digest(json));
    }

    /** The first 12 hex digits of a hash, with or without its {@code sha256:} prefix, for display. */
    public static String shortForm(String hash) {
        String hex = hash.startsWith(PREFIX) ? hash.substring(PREFIX.length()) : hash;
        if (hex.length() < SHORT_LENGTH) {
            throw new IllegalArgumentException("not a content hash: " + hash);
        }
        return hex.substring(0, SHORT_LENGTH);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
