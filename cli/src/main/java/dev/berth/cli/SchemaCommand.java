package dev.berth.cli;

import dev.berth.schema.validation.JsonSchemaCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the JSON Schema of the stack language, for editors and other tools. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema (draft 2020-12) of the stack language.",
                "Editors use it for completion and checks: berth schema > stack.schema.json"})
public final class SchemaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(JsonSchemaCheck.stackSchema().toPrettyString());
        spec.commandLine().getOut().flush();
    }
}
