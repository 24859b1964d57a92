package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints one of the JSON Schemas berth ships, for editors and other tools. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print a JSON Schema (draft 2020-12) that berth ships, exactly as the file in schema/json.",
                "Editors use stack and part for completion and checks; write both beside each other, as "
                        + "part refers to stack by its file name:",
                "  berth schema stack > stack-v1.schema.json; berth schema part > stack-part-v1.schema.json"})
public final class SchemaCommand implements Runnable {

    /** The schemas by what they describe; each file name carries the version a tool must check. */
    enum Name {
        stack("stack-v1.schema.json"),
        part("stack-part-v1.schema.json"),
        plan("plan-v2.schema.json"),
        drift("drift-v1.schema.json"),
        status("status-v1.schema.json"),
        cluster("cluster-v1.schema.json");

        final String file;

        Name(String file) {
            this.file = file;
        }
    }

    @Parameters(index = "0", arity = "0..1", defaultValue = "stack", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}): stack is a whole stack file, "
                    + "part a file of a stack directory without version and stack, the others the --format json "
                    + "documents of plan, drift, status and cluster.")
    Name name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(text(name));
        spec.commandLine().getOut().flush();
    }

    static String text(Name name) {
        String resource = "/dev/berth/schema/json/" + name.file;
        try (InputStream in = SchemaCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
