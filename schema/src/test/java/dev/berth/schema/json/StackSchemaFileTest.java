package dev.berth.schema.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerDependency;
import dev.berth.schema.model.ContainerRestartPolicy;
import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.EnvironmentFile;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.HostEntry;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.LogConfiguration;
import dev.berth.schema.model.MountPoint;
import dev.berth.schema.model.Namespace;
import dev.berth.schema.model.PlacementConstraint;
import dev.berth.schema.model.PlacementStrategy;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.ResourceRequirement;
import dev.berth.schema.model.Resources;
import dev.berth.schema.model.RuntimePlatform;
import dev.berth.schema.model.RepositoryCredentials;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.ServiceConnectConfiguration;
import dev.berth.schema.model.ServiceLoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.SystemControl;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Ulimit;
import dev.berth.schema.model.Variable;
import dev.berth.schema.model.Volume;
import dev.berth.schema.model.VolumeFrom;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the shipped JSON Schema of the stack language ({@code schema/json/stack-v1.schema.json}):
 * it is a valid 2020-12 schema, it accepts a fixture using every field, it rejects typical
 * mistakes with a message naming the path, and its properties match the model records.
 */
class StackSchemaFileTest {

    static final String SCHEMA_RESOURCE = "/dev/berth/schema/json/stack-v1.schema.json";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode schemaJson;
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = StackSchemaFileTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertNotNull(in, "schema missing from the classpath at " + SCHEMA_RESOURCE);
            schemaJson = JSON.readTree(in);
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = StackSchemaFileTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            schema = factory.getSchema(in);
        }
    }

    static JsonNode fixture(String name) {
        String resource = "/schema-fixtures/" + name;
        try (InputStream in = StackSchemaFileTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "fixture missing: " + resource);
            Object yaml = new Yaml(new LoaderOptions()).load(in);
            return JSON.valueToTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    @Test
    void schemaIsValidAgainstTheDraft202012MetaSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // The meta-schema ships inside json-schema-validator; no network access.
        JsonSchema meta = factory.getSchema(SchemaLocation.of(JsonMetaSchema.getV202012().getIri()));
        Set<ValidationMessage> messages = meta.validate(schemaJson);
        assertTrue(messages.isEmpty(), "schema is not a valid 2020-12 schema:" + describe(messages));
        assertEquals("https://json-schema.org/draft/2020-12/schema", schemaJson.path("$schema").asText());
        assertEquals("https://berth.dev/schema/stack-v1.schema.json", schemaJson.path("$id").asText());
    }

    @Test
    void fullFixtureIsValid() {
        Set<ValidationMessage> messages = schema.validate(fixture("full.yaml"));
        assertTrue(messages.isEmpty(), "full.yaml should be valid:" + describe(messages));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-container-field.yaml       | $.taskDefinitions.web.containerDefinitions[0] | imagee
            network-mode-vpc.yaml              | $.taskDefinitions.web.networkMode             | enum
            negative-desired-count.yaml        | $.services.web.desiredCount                   | minimum
            secret-value-from-vault.yaml       | $.taskDefinitions.web.containerDefinitions[0].secrets[0].valueFrom | pattern
            repository-credentials-from-secrets-manager.yaml | $.taskDefinitions.web.containerDefinitions[0].repositoryCredentials.credentialsParameter | not
            missing-container-definitions.yaml | $.taskDefinitions.web                         | containerDefinitions
            service-name-not-dns-safe.yaml     | $.services                                    | Web_App
            task-memory-garbage.yaml           | $.taskDefinitions.web.memory                  | pattern
            health-check-shell-split.yaml      | $.taskDefinitions.web.containerDefinitions[0].healthCheck.command | ''
            task-distinct-instance.yaml        | $.taskDefinitions.web.placementConstraints[0]  | ''
            volume-host-and-docker.yaml        | $.taskDefinitions.web.volumes[0].dockerVolumeConfiguration | ''
            binpack-by-instance.yaml           | $.services.web.placementStrategy[0].field     | ''
            random-with-field.yaml             | $.services.web.placement                      | ''
            schedule-garbage.yaml              | $.services.web.autoScaling.scheduled[0].schedule | pattern
            ssh-endpoint-with-path.yaml        | $.clusters.main.hosts[0].endpoint             | pattern
            """)
    void invalidFixtureIsRejectedAtItsPath(String name, String path, String hint) {
        Set<ValidationMessage> messages = schema.validate(fixture("invalid/" + name));
        assertFalse(messages.isEmpty(), name + " should be rejected");
        for (ValidationMessage message : messages) {
            // Every message points into the broken part only; the rest of the fixture is valid.
            assertTrue(message.getInstanceLocation().toString().startsWith(path),
                    name + ": unexpected message " + message.getMessage());
        }
        assertTrue(messages.stream().anyMatch(m -> m.getMessage().startsWith(path) && m.getMessage().contains(hint)),
                name + ": no message naming " + path + " and '" + hint + "':" + describe(messages));
    }

    /** Every property the schema declares for berth to execute appears somewhere in full.yaml. */
    @Test
    void fullFixtureUsesEveryProperty() {
        Set<String> declared = new TreeSet<>();
        walk(schemaJson, node -> {
            JsonNode properties = node.get("properties");
            if (properties != null && node.has("additionalProperties")) {
                properties.fields().forEachRemaining(p -> {
                    if (!unbound(p.getKey(), p.getValue())) {
                        declared.add(p.getKey());
                    }
                });
            }
        });
        Set<String> used = new TreeSet<>();
        walk(fixture("full.yaml"), node -> node.fieldNames().forEachRemaining(used::add));
        declared.removeAll(used);
        assertEquals(Set.of(), declared, "properties never used in full.yaml");
    }

    /** Every object rejects unknown fields, and every property has hover documentation. */
    @Test
    void everyObjectIsClosedAndEveryPropertyDocumented() {
        List<String> problems = new ArrayList<>();
        walk(schemaJson, node -> {
            if (node.path("type").asText().equals("object") && !node.has("additionalProperties")) {
                problems.add("object without additionalProperties: " + node.path("properties").fieldNames().next());
            }
            if (node.path("additionalProperties").isBoolean() && node.get("additionalProperties").asBoolean()) {
                problems.add("additionalProperties: true");
            }
            if (node.has("properties") && node.has("additionalProperties")) {
                node.get("properties").fields().forEachRemaining(p -> {
                    JsonNode property = p.getValue();
                    if (!property.has("description") && !resolve(property).has("description")) {
                        problems.add("property without description: " + p.getKey());
                    }
                });
            }
        });
        assertEquals(List.of(), problems);
    }

    /** The schema's object for each model record. Keep in step with the records. */
    static final Map<Class<?>, String> RECORDS = new LinkedHashMap<>();

    static {
        String container = "/$defs/containerDefinition/properties/";
        RECORDS.put(Stack.class, "");
        RECORDS.put(Variable.class, "/$defs/variable");
        RECORDS.put(Cluster.class, "/$defs/cluster");
        RECORDS.put(Host.class, "/$defs/host");
        RECORDS.put(Resources.class, "/$defs/host/properties/reserved");
        RECORDS.put(Namespace.class, "/$defs/namespace");
        RECORDS.put(TaskDefinition.class, "/$defs/taskDefinition");
        RECORDS.put(RuntimePlatform.class, "/$defs/taskDefinition/properties/runtimePlatform");
        RECORDS.put(ContainerDefinition.class, "/$defs/containerDefinition");
        RECORDS.put(KeyValuePair.class, "/$defs/environmentEntry");
        RECORDS.put(Secret.class, container + "secrets/items");
        RECORDS.put(RepositoryCredentials.class, container + "repositoryCredentials");
        RECORDS.put(EnvironmentFile.class, container + "environmentFiles/items");
        RECORDS.put(PortMapping.class, "/$defs/portMapping");
        RECORDS.put(HealthCheck.class, "/$defs/containerHealthCheck");
        RECORDS.put(MountPoint.class, container + "mountPoints/items");
        RECORDS.put(VolumeFrom.class, container + "volumesFrom/items");
        RECORDS.put(ContainerDependency.class, container + "dependsOn/items");
        RECORDS.put(LogConfiguration.class, container + "logConfiguration");
        RECORDS.put(Ulimit.class, container + "ulimits/items");
        RECORDS.put(HostEntry.class, container + "extraHosts/items");
        RECORDS.put(LinuxParameters.class, "/$defs/linuxParameters");
        RECORDS.put(LinuxParameters.Capabilities.class, "/$defs/linuxParameters/properties/capabilities");
        RECORDS.put(LinuxParameters.Tmpfs.class, "/$defs/linuxParameters/properties/tmpfs/items");
        RECORDS.put(LinuxParameters.Device.class, "/$defs/linuxParameters/properties/devices/items");
        RECORDS.put(SystemControl.class, container + "systemControls/items");
        RECORDS.put(ResourceRequirement.class, container + "resourceRequirements/items");
        RECORDS.put(ContainerRestartPolicy.class, container + "restartPolicy");
        RECORDS.put(Volume.class, "/$defs/volume");
        RECORDS.put(Volume.HostVolume.class, "/$defs/volume/properties/host");
        RECORDS.put(Volume.DockerVolumeConfiguration.class, "/$defs/volume/properties/dockerVolumeConfiguration");
        RECORDS.put(Service.class, "/$defs/service");
        RECORDS.put(ServiceConnectConfiguration.class, "/$defs/serviceConnectConfiguration");
        RECORDS.put(ServiceConnectConfiguration.ServiceConnectService.class,
                "/$defs/serviceConnectConfiguration/properties/services/items");
        RECORDS.put(ServiceConnectConfiguration.ClientAlias.class,
                "/$defs/serviceConnectConfiguration/properties/services/items/properties/clientAliases/items");
        RECORDS.put(DeploymentConfiguration.class, "/$defs/service/properties/deploymentConfiguration");
        RECORDS.put(DeploymentConfiguration.DeploymentCircuitBreaker.class,
                "/$defs/service/properties/deploymentConfiguration/properties/deploymentCircuitBreaker");
        RECORDS.put(PlacementStrategy.class, "/$defs/placementStrategy");
        RECORDS.put(PlacementConstraint.class, "/$defs/placementConstraint");
        RECORDS.put(ServiceLoadBalancer.class, "/$defs/service/properties/loadBalancers/items");
        RECORDS.put(AutoScaling.class, "/$defs/autoScaling");
        RECORDS.put(AutoScaling.TargetTracking.class, "/$defs/autoScaling/properties/targetTracking/items");
        RECORDS.put(AutoScaling.StepScaling.class, "/$defs/autoScaling/properties/stepScaling/items");
        RECORDS.put(AutoScaling.StepScaling.StepAdjustment.class,
                "/$defs/autoScaling/properties/stepScaling/items/properties/stepAdjustments/items");
        RECORDS.put(AutoScaling.ScheduledAction.class, "/$defs/autoScaling/properties/scheduled/items");
        RECORDS.put(LoadBalancer.class, "/$defs/loadBalancer");
        RECORDS.put(LoadBalancer.Listener.class, "/$defs/loadBalancer/properties/listeners/items");
        RECORDS.put(LoadBalancer.TargetHealthCheck.class, "/$defs/loadBalancer/properties/healthCheck");
        String listener = "/$defs/loadBalancer/properties/listeners/items/properties/";
        RECORDS.put(LoadBalancer.Action.class, "/$defs/listenerAction");
        RECORDS.put(LoadBalancer.Rule.class, listener + "rules/items");
        RECORDS.put(LoadBalancer.Condition.class, listener + "rules/items/properties/conditions/items");
    }

    /** Record components whose YAML name differs (the component name is a Java keyword). */
    static final Map<String, String> RENAMED = Map.of("Variable.defaultValue", "default");

    /** How a constant is written in a stack: its {@code @JsonProperty} name where it has one (fixed-response). */
    private static String wireName(Enum<?> constant) {
        try {
            JsonProperty renamed = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return renamed == null ? constant.name() : renamed.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyModelRecordIsMapped() throws IOException, URISyntaxException {
        URL dir = Stack.class.getResource("");
        assertNotNull(dir);
        Set<String> records = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String simple = file.getFileName().toString();
                if (!simple.endsWith(".class") || simple.equals("package-info.class")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(Stack.class.getPackageName() + "."
                            + simple.substring(0, simple.length() - ".class".length()));
                    if (type.isRecord()) {
                        records.add(type.getName());
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        Set<String> mapped = RECORDS.keySet().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        records.removeAll(mapped);
        assertEquals(Set.of(), records, "model records without a schema object (add them to RECORDS and the schema)");
    }

    @Test
    void schemaPropertiesMatchModelRecords() {
        List<String> problems = new ArrayList<>();
        RECORDS.forEach((type, pointer) -> {
            JsonNode object = resolve(schemaJson.at(pointer));
            String where = type.getSimpleName() + " (" + (pointer.isEmpty() ? "root" : pointer) + ")";
            if (object.isMissingNode() || !object.has("properties")) {
                problems.add(where + ": no schema object");
                return;
            }
            Set<String> expected = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                String name = RENAMED.getOrDefault(type.getSimpleName() + "." + component.getName(), component.getName());
                expected.add(name);
                JsonNode property = object.get("properties").get(name);
                if (property != null && component.getType().isEnum()) {
                    Set<String> constants = Arrays.stream(component.getType().getEnumConstants())
                            .map(constant -> wireName((Enum<?>) constant)).collect(Collectors.toCollection(TreeSet::new));
                    Set<String> allowed = enumValues(resolve(property));
                    if (!allowed.equals(constants)) {
                        problems.add(where + "." + name + ": enum " + allowed + " but record has " + constants);
                    }
                }
            }
            Set<String> actual = new TreeSet<>();
            object.get("properties").fields().forEachRemaining(p -> {
                if (!unbound(p.getKey(), p.getValue())) {
                    actual.add(p.getKey());
                }
            });
            if (!actual.equals(expected)) {
                problems.add(where + ": schema has " + actual + ", record has " + expected);
            }
        });
        assertEquals(List.of(), problems);
    }

    /**
     * ECS fields the schema knows so that a pasted task definition loads, but that no record holds:
     * ignored ones (taken out with a warning), refused ones (accepted at most empty or false), and
     * family (checked against its key). Their descriptions say which, for editors and messages alike.
     */
    static boolean unbound(String name, JsonNode property) {
        String description = resolve(property).path("description").asText();
        return name.equals("family") || description.startsWith("AWS-only, ignored: ")
                || description.startsWith("AWS-only, refused") || description.startsWith("Not supported by berth yet: ");
    }

    @Test
    void everyIgnoredFieldIsMarkedDeprecatedAndOnlyThose() {
        List<String> problems = new ArrayList<>();
        walk(schemaJson, node -> node.path("properties").fields().forEachRemaining(p -> {
            JsonNode property = resolve(p.getValue());
            boolean ignored = property.path("description").asText().startsWith("AWS-only, ignored: ");
            if (ignored != property.path("deprecated").asBoolean(false)) {
                problems.add(p.getKey());
            }
        }));
        assertEquals(List.of(), problems);
    }

    static Set<String> enumValues(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node.has("const")) {
            values.add(node.get("const").asText());
        }
        node.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Follows a local {@code $ref} ({@code #/$defs/...}). */
    static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(schemaJson.at(ref.asText().substring(1)));
    }

    interface Visitor {
        void visit(JsonNode objectNode);
    }

    static void walk(JsonNode node, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                walk(it.next(), visitor);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, visitor));
        }
    }
}
