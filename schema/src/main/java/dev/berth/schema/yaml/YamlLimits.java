package dev.berth.schema.yaml;

/**
 * Bounds that keep hostile input (alias bombs, deep nesting, huge files) to a clear error in
 * bounded time and memory. A real stack is far below every one of them.
 */
public final class YamlLimits {
    /** Largest stack file read, in bytes. */
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** YAML nodes (scalars, mappings, sequences, aliases) in one file; a large stack has a few thousand. */
    public static final int MAX_NODES = 100_000;
    /** Deepest nesting of mappings and sequences. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Aliases to mappings or sequences per file; SnakeYAML counts them while composing. */
    public static final int MAX_COLLECTION_ALIASES = 100;
    /** Nodes that aliases may add to one file when followed; anchors for shared blocks use a few. */
    public static final int MAX_ALIAS_EXPANSION = 20_000;
    /** Characters of scalars that aliases may repeat in one file: a big scalar aliased often costs heap. */
    public static final long MAX_ALIAS_EXPANSION_CHARS = 4L * 1024 * 1024;

    private YamlLimits() {
    }
}
