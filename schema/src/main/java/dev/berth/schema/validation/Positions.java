package dev.berth.schema.validation;

import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;

/** Positions inside a scalar, for errors in embedded expressions. */
final class Positions {
    private Positions() {
    }

    /** The position {@code offset} characters into the content of the scalar at {@code pointer}. */
    static SourcePosition inside(SourceMap positions, String pointer, int offset) {
        SourcePosition start = positions.scalarContent(pointer);
        return new SourcePosition(start.file(), start.line(), start.column() + offset);
    }
}
