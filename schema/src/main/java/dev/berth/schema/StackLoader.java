package dev.berth.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.binding.StackBinder;
import dev.berth.schema.canonical.Canonicalizer;
import dev.berth.schema.load.StackAssembler;
import dev.berth.schema.load.StackFiles;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.validation.JsonSchemaCheck;
import dev.berth.schema.validation.PastedTaskDefinitions;
import dev.berth.schema.validation.SchemaPasses;
import dev.berth.schema.validation.SemanticValidator;
import dev.berth.schema.variables.VariableInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a stack the one way every command does: files, YAML, variables, JSON Schema, binding,
 * semantic checks, canonical form. Each stage reports everything it finds; a later stage runs only
 * when the earlier ones found no error, so a user is never shown consequences of a typo.
 */
public final class StackLoader {
    private StackLoader() {
    }

    public static LoadedStack load(Path path, VariableInputs inputs) {
        return load(path, inputs, SchemaPasses.NONE);
    }

    /** @param passes documents known to pass the JSON Schema check, which is skipped for them */
    public static LoadedStack load(Path path, VariableInputs inputs, SchemaPasses passes) {
        Diagnostics out = new Diagnostics();
        SourceMap positions = new SourceMap();
        List<Path> files = StackFiles.resolve(path, out);
        if (out.hasErrors()) {
            return new LoadedStack(files, null, null, positions, out.sorted());
        }
        Optional<ObjectNode> document = StackAssembler.assemble(files, inputs, positions, out);
        if (document.isEmpty() || out.hasErrors()) {
            return new LoadedStack(files, null, null, positions, out.sorted());
        }
        PastedTaskDefinitions.normalize(document.get(), positions, out);
        JsonSchemaCheck.check(document.get(), positions, out, passes);
        if (out.hasErrors()) {
            return new LoadedStack(files, null, null, positions, out.sorted());
        }
        Optional<Stack> source = StackBinder.bind(document.get(), positions, out);
        if (source.isEmpty()) {
            return new LoadedStack(files, null, null, positions, out.sorted());
        }
        SemanticValidator.validate(source.get(), positions, out);
        if (out.hasErrors()) {
            return new LoadedStack(files, source.get(), null, positions, out.sorted());
        }
        return new LoadedStack(files, source.get(), Canonicalizer.canonicalize(source.get()), positions, out.sorted());
    }
}
