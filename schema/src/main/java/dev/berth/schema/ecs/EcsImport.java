package dev.berth.schema.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Echo;
import dev.berth.schema.validation.JsonSchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns ECS task definitions (task-definition.json, describe-task-definition output, or a
 * Terraform container_definitions array) into a stack that validates. The schema decides what
 * goes: fields it marks ignored are left out, fields it refuses (AWS-only, or not run by berth yet)
 * are left out, and a refused value takes the object that requires it along (logConfiguration
 * with logDriver awsfirelens). Secrets read from Secrets Manager or SSM come from berth's own
 * environment instead. Every such change is a note, so nothing is dropped unsaid.
 */
public final class EcsImport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern BERTH_SECRET = Pattern.compile("(env|file):.+");

    /** One file to import: its name (the family of a container_definitions array) and its JSON. */
    public record Source(String name, JsonNode json) {
    }

    /** The stack document, the notes on what changed, and the ${variables} it declares. */
    public record Result(ObjectNode stack, List<String> notes, Set<String> variables) {
    }

    private final List<String> notes = new ArrayList<>();

    private EcsImport() {
    }

    public static Result convert(String stackName, List<Source> sources) {
        return new EcsImport().run(stackName, sources);
    }

    private Result run(String stackName, List<Source> sources) {
        ObjectNode stack = NODES.objectNode().put("version", 1).put("stack", stackName);
        ObjectNode definitions = NODES.objectNode();
        Set<String> variables = new TreeSet<>();
        for (Source source : sources) {
            JsonNode json = source.json().has("taskDefinition") ? source.json().get("taskDefinition") : source.json();
            ObjectNode definition = json.isArray() ? NODES.objectNode().set("containerDefinitions", json.deepCopy())
                    : ((ObjectNode) json).deepCopy();
            String family = family(definition.path("family").asText(source.name()));
            definition.remove("family");
            String path = "taskDefinitions." + family;
            walk(definition, JsonSchemaCheck.definition("taskDefinition"), path);
            secretsFromEnvironment(definition, path);
            Matcher placeholders = PLACEHOLDER.matcher(definition.toString());
            while (placeholders.find()) {
                variables.add(placeholders.group(1));
            }
            definitions.set(family, definition);
        }
        if (!variables.isEmpty()) {
            ObjectNode declared = stack.putObject("variables");
            variables.forEach(name -> declared.putObject(name).put("required", true));
        }
        stack.set("taskDefinitions", definitions);
        return new Result(stack, List.copyOf(notes), variables);
    }

    /** The family rule of berth's keys; a file name may need its other characters replaced. */
    private static String family(String name) {
        return name.replaceFirst("\\.json$", "").replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** @return false when the node must go, because a field it requires was refused */
    private boolean walk(JsonNode node, JsonNode nodeSchema, String path) {
        JsonNode rule = JsonSchemaCheck.resolve(nodeSchema);
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                String child = path + "." + name;
                JsonNode fieldSchema = rule.path("properties").path(name);
                JsonNode resolved = JsonSchemaCheck.resolve(fieldSchema);
                if (value.isNull()) {
                    object.remove(name);
                } else if (resolved.path("deprecated").asBoolean(false)) {
                    object.remove(name);
                    notes.add("ignored " + child + ": " + resolved.path("description").asText());
                } else if (refused(resolved, value)) {
                    object.remove(name);
                    notes.add("not imported " + child + ": " + reason(resolved));
                    if (contains(rule.path("required"), name)) {
                        return false;
                    }
                } else if (fieldSchema.isObject() && !walk(value, fieldSchema, child)) {
                    object.remove(name);
                    notes.add("not imported " + child + ": it cannot stand without the field refused above");
                    if (contains(rule.path("required"), name)) {
                        return false;
                    }
                }
            }
        } else if (node instanceof ArrayNode array && rule.path("items").isObject()) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (!walk(array.get(i), rule.get("items"), path + "[" + i + "]")) {
                    array.remove(i);
                }
            }
        }
        return true;
    }

    private static boolean refused(JsonNode rule, JsonNode value) {
        JsonNode not = rule.get("not");
        boolean refusedValue = not != null && (not.isEmpty() || not.has("const") && not.get("const").equals(value));
        boolean mustBeEmpty = rule.path("maxItems").asInt(-1) == 0 && value.isArray() && !value.isEmpty();
        return refusedValue || mustBeEmpty;
    }

    private static String reason(JsonNode rule) {
        String own = rule.path("not").path("description").asText("");
        return own.isEmpty() ? rule.path("description").asText() : own;
    }

    /**
     * Secrets ECS reads from Secrets Manager or SSM come from the environment of berth, by the secret's name.
     * Registry credentials in Secrets Manager have no name to go by: the image is pulled with the docker CLI's
     * logins instead.
     */
    private void secretsFromEnvironment(ObjectNode definition, String path) {
        JsonNode containers = definition.path("containerDefinitions");
        for (int c = 0; c < containers.size(); c++) {
            if (containers.get(c) instanceof ObjectNode container && container.path("repositoryCredentials")
                    .path("credentialsParameter") instanceof JsonNode parameter && !parameter.isMissingNode()
                    && !BERTH_SECRET.matcher(parameter.asText()).matches()) {
                container.remove("repositoryCredentials");
                notes.add("not imported " + path + ".containerDefinitions[" + c + "].repositoryCredentials: "
                        + "credentialsParameter " + Echo.quoted(parameter.asText()) + " is read by the ECS agent "
                        + "(AWS-only); berth pulls with the docker CLI's logins of the machine running it, or with "
                        + "credentialsParameter file:/path, a file holding {\"username\": ..., \"password\": ...}");
            }
            String at = path + ".containerDefinitions[" + c + "]";
            fromEnvironment(containers.get(c).path("secrets"), at + ".secrets", name -> name);
            // A log option's name (splunk-token) is no variable name; SPLUNK_TOKEN is.
            fromEnvironment(containers.get(c).path("logConfiguration").path("secretOptions"),
                    at + ".logConfiguration.secretOptions", name -> name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"));
        }
    }

    private void fromEnvironment(JsonNode secrets, String path, UnaryOperator<String> variable) {
        for (int s = 0; s < secrets.size(); s++) {
            if (secrets.get(s) instanceof ObjectNode secret && secret.path("name").isTextual()
                    && !BERTH_SECRET.matcher(secret.path("valueFrom").asText()).matches()) {
                String name = variable.apply(secret.get("name").asText());
                notes.add("changed " + path + "[" + s + "]: valueFrom " + secret.path("valueFrom").asText()
                        + " is read by the ECS agent (AWS-only); it is now env:" + name
                        + ", read from berth's environment when it applies the stack");
                secret.put("valueFrom", "env:" + name);
            }
        }
    }

    private static boolean contains(JsonNode names, String name) {
        for (JsonNode n : names) {
            if (n.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
