package dev.berth.schema.validation;

import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

/** Placeholder until the semantic checks land: runs no check. */
public final class SemanticValidator {
    private SemanticValidator() {
    }

    public static void validate(Stack stack, SourceMap positions, Diagnostics out) {
    }
}
