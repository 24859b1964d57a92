package dev.berth.schema.source;

import java.nio.file.Path;

/** Where a node of a stack file starts: 1-based line and column. */
public record SourcePosition(Path file, int line, int column) {

    /** {@code FILE:LINE:COL}, as compilers print it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
