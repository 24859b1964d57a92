package dev.berth.schema.variables;

import dev.berth.schema.source.SourcePosition;

/** A variable as the stack declares it, with where its name stands. */
record Declaration(String name, SourcePosition position, String defaultValue, boolean required) {
}
