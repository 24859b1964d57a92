package dev.berth.schema.validation;

import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

/**
 * One family of checks beyond the JSON Schema. It receives the source-order model (defaults not
 * filled, lists as written) so that list indices are valid JSON Pointer segments into the file.
 */
public interface SemanticCheck {
    void check(Stack stack, SourceMap positions, Diagnostics out);
}
