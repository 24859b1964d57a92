package dev.berth.schema.compose;

import static dev.berth.schema.compose.ComposeValues.NODES;
import static dev.berth.schema.compose.ComposeValues.containerName;
import static dev.berth.schema.compose.ComposeValues.dnsName;
import static dev.berth.schema.compose.ComposeValues.fields;
import static dev.berth.schema.compose.ComposeValues.indexOf;
import static dev.berth.schema.compose.ComposeValues.keyValues;
import static dev.berth.schema.compose.ComposeValues.linux;
import static dev.berth.schema.compose.ComposeValues.words;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.yaml.NodeConverter;
import dev.berth.schema.yaml.YamlFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a compose file into a stack: each compose service a task definition and a service of
 * that name, on cluster {@code main} (the engine the docker CLI uses). What compose means is kept
 * where berth can run it; everything else is a note at the place it concerns, never dropped unsaid.
 * The file is read as stack files are, with the same bounds on hostile input.
 */
public final class ComposeImport {
    static final String CLUSTER = "main";
    /** A port, a range, or a variable (compose interpolates ports too). */
    private static final String PORT_NUMBER = "(?:[0-9]+(?:-[0-9]+)?|\\$\\{[A-Za-z_][A-Za-z0-9_]*})";
    private static final Pattern PORT = Pattern.compile(
            "(?:(?<ip>\\[[0-9a-fA-F:.]+]|[0-9.]+|[0-9a-fA-F:]+::?[0-9a-fA-F]*):)??(?:(?<published>" + PORT_NUMBER
                    + ")?:)?(?<target>" + PORT_NUMBER + ")(?:/(?<protocol>tcp|udp|sctp))?");
    /** Fields that say how compose builds, names or pulls, which a stack of images has no use for. */
    private static final Set<String> ONLY_FOR_COMPOSE = Set.of("container_name", "pull_policy", "platform");

    /** A note on what did not carry over: where in the compose file, and where in the stack it would have gone. */
    public record Note(SourcePosition at, String stackPointer, String text) {
    }

    /** The stack document, the notes, and the problems that stop the import (positioned in the compose file). */
    public record Result(ObjectNode stack, List<Note> notes, Diagnostics errors) {
    }

    private final Path file;
    private final Path stackDirectory;
    private final Map<String, String> images;
    private final Diagnostics errors = new Diagnostics();
    private final SourceMap positions = new SourceMap();
    private final ComposeNotes notes = new ComposeNotes(positions);
    private ComposeMounts mounts;
    private ComposeInterpolation interpolation;
    private String stackName;
    private JsonNode compose;

    private ComposeImport(Path file, Path stackDirectory, Map<String, String> images) {
        this.file = file;
        this.stackDirectory = stackDirectory;
        this.images = images;
    }

    /**
     * @param stackName the stack's name; null for the compose file's {@code name}, else {@code imported}
     * @param stackDirectory where the stack will be written, which its environmentFiles' paths are relative to
     * @param images    replacement images by compose service name or by image as written
     */
    public static Result convert(Path file, Path stackDirectory, String stackName, Map<String, String> images)
            throws IOException {
        return new ComposeImport(file, stackDirectory, images).run(stackName);
    }

    private Result run(String requestedName) throws IOException {
        Path dotEnvFile = file.toAbsolutePath().getParent().resolve(".env");
        interpolation = new ComposeInterpolation(EnvFile.read(dotEnvFile).orElse(Map.of()));
        Optional<org.yaml.snakeyaml.nodes.Node> root = YamlFileReader.read(file, errors);
        if (root.isEmpty()) {
            return new Result(NODES.objectNode(), notes.list(), errors);
        }
        compose = new NodeConverter(file, errors).convert(root.get(), "", interpolation, positions);
        if (errors.hasErrors()) {
            return new Result(NODES.objectNode(), notes.list(), errors);
        }
        if (!(compose instanceof ObjectNode) || !compose.path("services").isObject()) {
            errors.error(new SourcePosition(file, 1, 1), "not a compose file: it has no services mapping");
            return new Result(NODES.objectNode(), notes.list(), errors);
        }
        checkShapes();
        if (errors.hasErrors()) {
            return new Result(NODES.objectNode(), notes.list(), errors);
        }
        stackName = requestedName != null ? requestedName
                : compose.path("name").isTextual() ? dnsName(compose.get("name").asText()) : "imported";
        ObjectNode stack = NODES.objectNode().put("version", 1).put("stack", stackName);
        mounts = new ComposeMounts(file, compose, stackName, notes);
        topLevelNotes();
        Map<String, String> namespaces = new ComposeNetworks(compose, notes).namespaces();
        Set<String> oneShots = oneShots();
        ObjectNode taskDefinitions = NODES.objectNode();
        ObjectNode services = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : fields(compose.get("services"))) {
            String name = entry.getKey();
            if (oneShots.contains(name)) {
                continue;
            }
            if (services.has(dnsName(name)) || taskDefinitions.has(containerName(name))) {
                errors.error(positions.key(SourceMap.pointer("services", name)), "service " + Echo.quoted(name)
                        + " would have the berth name " + dnsName(name) + " of another service; rename one of them");
                continue;
            }
            String family = containerName(name);
            String base = SourceMap.pointer("taskDefinitions", family);
            ObjectNode task = taskDefinitions.putObject(family);
            ArrayNode containers = NODES.arrayNode();
            ArrayNode volumes = NODES.arrayNode();
            containers.add(container(name, task, volumes, base + "/containerDefinitions/0", oneShots));
            for (String init : initContainers(name, oneShots)) {
                String at = base + "/containerDefinitions/" + containers.size();
                ObjectNode container = container(init, task, volumes, at, oneShots);
                container.put("essential", false);
                containers.add(container);
            }
            if (!volumes.isEmpty()) {
                task.set("volumes", volumes);
            }
            task.set("containerDefinitions", containers);
            services.set(dnsName(name), service(name, family, namespaces.get(name), oneShots));
        }
        if (errors.hasErrors()) {
            return new Result(NODES.objectNode(), notes.list(), errors);
        }
        declareVariables(stack);
        if (!interpolation.fromDotEnv().isEmpty()) {
            notes.add(new Note(new SourcePosition(dotEnvFile, 1, 1), "", "changed .env: the defaults of variables "
                    + String.join(", ", interpolation.fromDotEnv()) + " come from it; keep the stack as private as "
                    + "that file"));
        }
        stack.putObject("clusters").putObject(CLUSTER);
        if (!namespaces.isEmpty()) {
            ObjectNode declared = stack.putObject("namespaces");
            new LinkedHashSet<>(namespaces.values()).forEach(ns -> declared.putObject(ns).put("cluster", CLUSTER));
        }
        stack.set("taskDefinitions", taskDefinitions);
        stack.set("services", services);
        return new Result(stack, notes.list(), errors);
    }

    /**
     * The compose spec's shape of what the import reads (a list, a mapping, or either), so a
     * misshapen file is a positioned error rather than a value read as something it is not.
     */
    private void checkShapes() {
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            expect(compose.path(section), SourceMap.pointer(section), "a mapping", JsonNode::isObject);
        }
        for (Map.Entry<String, JsonNode> service : fields(compose.get("services"))) {
            String at = SourceMap.pointer("services", service.getKey());
            if (expect(service.getValue(), at, "a mapping", JsonNode::isObject)) {
                for (String list : List.of("ports", "volumes", "secrets", "configs", "cap_add", "cap_drop", "expose",
                        "profiles")) {
                    expect(service.getValue().path(list), at + "/" + list, "a list", JsonNode::isArray);
                }
                for (String either : List.of("environment", "depends_on", "labels", "networks", "extra_hosts")) {
                    expect(service.getValue().path(either), at + "/" + either, "a list or a mapping",
                            v -> v.isArray() || v.isObject());
                }
                for (String names : List.of("environment", "networks", "depends_on")) {
                    JsonNode listed = service.getValue().path(names);
                    for (int i = 0; listed.isArray() && i < listed.size(); i++) {
                        expect(listed.get(i), at + "/" + names + "/" + i, names.equals("environment")
                                ? "NAME=VALUE or NAME" : "a name", JsonNode::isValueNode);
                    }
                }
                for (String mapping : List.of("healthcheck", "deploy", "ulimits", "logging")) {
                    expect(service.getValue().path(mapping), at + "/" + mapping, "a mapping", JsonNode::isObject);
                }
                for (String command : List.of("command", "entrypoint", "env_file", "dns", "tmpfs")) {
                    expect(service.getValue().path(command), at + "/" + command, "text or a list",
                            v -> v.isArray() || v.isValueNode());
                }
            }
        }
    }

    /** True when {@code value} is absent, null or of the shape; otherwise an error at it. */
    private boolean expect(JsonNode value, String pointer, String shape, java.util.function.Predicate<JsonNode> is) {
        if (value.isMissingNode() || value.isNull() || is.test(value)) {
            return true;
        }
        errors.error(positions.value(pointer), pointer.substring(1).replace('/', '.') + " must be " + shape
                + " in a compose file");
        return false;
    }

    private void topLevelNotes() {
        for (Map.Entry<String, JsonNode> entry : fields(compose)) {
            String key = entry.getKey();
            switch (key) {
                case "services", "networks", "volumes", "secrets", "configs", "name" -> { }
                case "version" -> { } // obsolete in compose itself, which ignores it
                default -> {
                    if (!key.startsWith("x-")) {
                        notes.note(SourceMap.pointer(key), "", "not imported " + key + ": berth has no equivalent");
                    }
                }
            }
        }
    }

    private void declareVariables(ObjectNode stack) {
        if (interpolation.variables().isEmpty()) {
            return;
        }
        ObjectNode declared = stack.putObject("variables");
        interpolation.variables().forEach((name, defaultValue) -> {
            ObjectNode v = declared.putObject(name);
            if (defaultValue == null) {
                v.put("required", true);
            } else {
                v.put("default", defaultValue);
            }
        });
        interpolation.conflicts().forEach((name, at) -> notes.add(new Note(at, SourceMap.pointer("variables", name),
                "changed ${" + name + "}: it has other defaults elsewhere in the file; the stack keeps the first")));
    }

    // ---------------------------------------------------------------- depends_on

    /** Services others wait for with service_completed_successfully: run-once jobs, which become init containers. */
    private Set<String> oneShots() {
        Set<String> oneShots = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : fields(compose.get("services"))) {
            dependencies(entry.getValue()).forEach((name, condition) -> {
                if (condition.equals("service_completed_successfully") && compose.get("services").has(name)) {
                    oneShots.add(name);
                }
            });
        }
        return oneShots;
    }

    private List<String> initContainers(String service, Set<String> oneShots) {
        List<String> inits = new ArrayList<>();
        dependencies(compose.get("services").get(service)).forEach((name, condition) -> {
            if (condition.equals("service_completed_successfully") && oneShots.contains(name)) {
                inits.add(name);
            }
        });
        return inits;
    }

    /** depends_on in either form: the services depended on and their conditions. */
    private static Map<String, String> dependencies(JsonNode service) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isArray()) {
            dependsOn.forEach(d -> dependencies.put(d.asText(), "service_started"));
        } else {
            for (Map.Entry<String, JsonNode> d : fields(dependsOn)) {
                dependencies.put(d.getKey(), d.getValue().path("condition").asText("service_started"));
            }
        }
        return dependencies;
    }

    private void dependsOn(String name, JsonNode service, ObjectNode container, String at, Set<String> oneShots) {
        ArrayNode dependsOn = NODES.arrayNode();
        JsonNode listed = service.path("depends_on");
        dependencies(service).forEach((target, condition) -> {
            String pointer = SourceMap.pointer("services", name, "depends_on", listed.isArray()
                    ? indexOf(listed, target) : target);
            if (oneShots.contains(target) && condition.equals("service_completed_successfully")) {
                dependsOn.add(NODES.objectNode().put("containerName", containerName(target)).put("condition", "SUCCESS"));
            } else if (!oneShots.contains(name) && ordersServices(target, condition, oneShots)) {
                if (condition.equals("service_started")) {
                    notes.note(pointer, at, "changed depends_on " + target + " (service_started): berth starts "
                            + name + " once " + target + "'s deployment completed (tasks running, healthy where "
                            + "checked), later than compose would");
                }
            } else {
                notes.note(pointer, at, "not imported depends_on " + target + " (" + condition + "): berth deploys the "
                        + "services of a stack at the same time, so " + name + " must wait for " + target + " itself");
            }
        });
        if (!dependsOn.isEmpty()) {
            container.set("dependsOn", dependsOn);
        }
    }

    /** A wait between long-running services, which becomes the service's dependsOn. */
    private boolean ordersServices(String target, String condition, Set<String> oneShots) {
        return (condition.equals("service_started") || condition.equals("service_healthy"))
                && compose.get("services").has(target) && !oneShots.contains(target);
    }

    // ---------------------------------------------------------------- services

    private ObjectNode service(String name, String family, String namespace, Set<String> oneShots) {
        JsonNode service = compose.get("services").get(name);
        String at = servicePointer(name);
        ObjectNode out = NODES.objectNode().put("cluster", CLUSTER).put("taskDefinition", family);
        JsonNode deploy = service.path("deploy");
        int replicas = deploy.path("replicas").canConvertToInt() ? deploy.get("replicas").asInt()
                : service.path("scale").canConvertToInt() ? service.get("scale").asInt() : 1;
        if (service.has("profiles")) {
            notes.note(SourceMap.pointer("services", name, "profiles"), at, "changed profiles: compose starts " + name
                    + " only when one of its profiles is asked for, so its desiredCount is 0; raise it to run it");
            replicas = 0;
        }
        JsonNode replicasText = deploy.path("replicas");
        if (replicasText.isTextual() && replicasText.asText().startsWith("${") && !service.has("profiles")) {
            out.put("desiredCount", replicasText.asText());
        } else {
            out.put("desiredCount", replicas);
        }
        if (namespace != null) {
            out.put("namespace", namespace);
        }
        ArrayNode dependsOn = NODES.arrayNode();
        dependencies(service).forEach((target, condition) -> {
            if (ordersServices(target, condition, oneShots)) {
                dependsOn.add(dnsName(target));
            }
        });
        if (!dependsOn.isEmpty()) {
            out.set("dependsOn", dependsOn);
        }
        if (!dnsName(name).equals(name)) {
            notes.note(SourceMap.pointer("services", name), at, "changed the service's name to " + dnsName(name)
                    + " (berth's names are DNS names): on the namespace it answers to that name, not " + name);
        }
        deployment(name, deploy, replicas, out, at);
        for (Map.Entry<String, JsonNode> field : fields(deploy)) {
            switch (field.getKey()) {
                case "replicas", "update_config", "resources" -> { }
                case "restart_policy" -> restartNote(name, field.getValue().path("condition").asText("any"),
                        SourceMap.pointer("services", name, "deploy", "restart_policy"), at);
                default -> notes.note(SourceMap.pointer("services", name, "deploy", field.getKey()), at,
                        "not imported deploy." + field.getKey() + ": " + switch (field.getKey()) {
                            case "placement" -> "swarm placement; use placementConstraints and placementStrategy";
                            case "mode" -> "berth runs desiredCount tasks; no global mode";
                            default -> "berth has no equivalent";
                        });
            }
        }
        return out;
    }

    /**
     * update_config as swarm runs it: {@code parallelism} tasks at a time (default 1), stopped
     * before their replacements start unless {@code order: start-first}; failure_action rollback or
     * pause is the circuit breaker.
     */
    private void deployment(String name, JsonNode deploy, int replicas, ObjectNode out, String at) {
        JsonNode update = deploy.path("update_config");
        if (!update.isObject() && fixedHostPort(compose.get("services").get(name))) {
            // Compose stops a container before it starts its replacement, which a fixed host port needs.
            update = NODES.objectNode().put("failure_action", "continue");
        } else if (!update.isObject()) {
            return;
        }
        ObjectNode config = out.putObject("deploymentConfiguration");
        int count = Math.max(replicas, 1);
        int parallelism = update.path("parallelism").asInt(1);
        int step = parallelism <= 0 ? 100 : (int) Math.min(100, Math.ceil(100.0 * parallelism / count));
        if (update.path("order").asText("stop-first").equals("start-first")) {
            config.put("minimumHealthyPercent", 100).put("maximumPercent", 100 + step);
        } else {
            config.put("minimumHealthyPercent", 100 - step).put("maximumPercent", 100);
        }
        String action = update.path("failure_action").asText("pause");
        if (!action.equals("continue")) {
            config.putObject("deploymentCircuitBreaker").put("enable", true).put("rollback", action.equals("rollback"));
        }
        for (Map.Entry<String, JsonNode> field : fields(update)) {
            if (!Set.of("parallelism", "order", "failure_action").contains(field.getKey())) {
                notes.note(SourceMap.pointer("services", name, "deploy", "update_config", field.getKey()), at,
                        "not imported deploy.update_config." + field.getKey() + ": berth's rolling deployment "
                                + "replaces tasks as soon as the new ones are healthy");
            }
        }
    }

    private static boolean fixedHostPort(JsonNode service) {
        for (JsonNode port : service.path("ports")) {
            Matcher m = PORT.matcher(port.asText());
            String published = port.isObject() ? port.path("published").asText("")
                    : m.matches() ? Objects.toString(m.group("published"), "") : "";
            if (!published.isEmpty() && !published.equals("0")) {
                return true;
            }
        }
        return false;
    }

    private void restartNote(String name, String policy, String pointer, String at) {
        if (!Set.of("always", "unless-stopped", "any").contains(policy)) {
            notes.note(pointer, at, "changed restart " + policy + ": berth replaces a task whenever its essential "
                    + "container stops, as restart: always does");
        }
    }

    // ---------------------------------------------------------------- containers

    private ObjectNode container(String name, ObjectNode task, ArrayNode volumes, String at, Set<String> oneShots) {
        JsonNode service = compose.get("services").get(name);
        ObjectNode container = NODES.objectNode().put("name", containerName(name));
        image(name, service, container, at);
        for (Map.Entry<String, JsonNode> entry : fields(service)) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String pointer = SourceMap.pointer("services", name, key);
            switch (key) {
                case "image", "build", "networks", "deploy", "scale", "profiles", "environment", "env_file" -> { }
                case "command" -> container.set("command", words(value));
                case "entrypoint" -> container.set("entryPoint", words(value));
                case "ports" -> ports(name, value, container, at);
                case "expose" -> notes.note(pointer, at, "not imported expose: on a namespace every port of a task "
                        + "is reachable by the services there");
                case "healthcheck" -> healthCheck(name, value, container, at);
                case "depends_on" -> dependsOn(name, service, container, at, oneShots);
                case "volumes" -> mounts.volumes(name, value, container, volumes, at);
                case "secrets", "configs" -> mounts.files(name, key, value, container, volumes, at);
                case "working_dir" -> container.put("workingDirectory", value.asText());
                case "user" -> container.put("user", value.asText());
                case "hostname" -> container.put("hostname", value.asText());
                case "stop_grace_period" -> notes.seconds(value, pointer, at, 0, 120)
                        .ifPresent(s -> container.put("stopTimeout", s));
                case "labels" -> container.set("dockerLabels", keyValues(value, "="));
                case "extra_hosts" -> extraHosts(value, container);
                case "dns" -> container.set("dnsServers", value.isArray() ? value : NODES.arrayNode().add(value));
                case "read_only" -> container.put("readonlyRootFilesystem", value.asBoolean());
                case "privileged" -> container.put("privileged", value.asBoolean());
                case "init" -> linux(container).put("initProcessEnabled", value.asBoolean());
                case "cap_add", "cap_drop" -> {
                    ArrayNode capabilities = NODES.arrayNode();
                    value.forEach(c -> capabilities.add(c.asText().replaceFirst("^CAP_", "")));
                    ObjectNode caps = linux(container).has("capabilities")
                            ? (ObjectNode) linux(container).get("capabilities") : linux(container).putObject("capabilities");
                    caps.set(key.equals("cap_add") ? "add" : "drop", capabilities);
                }
                case "shm_size" -> notes.mebibytes(value, pointer, at).ifPresent(m -> linux(container).put("sharedMemorySize", m));
                case "tmpfs" -> {
                    ArrayNode tmpfs = linux(container).withArray("tmpfs");
                    (value.isArray() ? value : NODES.arrayNode().add(value)).forEach(t -> tmpfs.add(NODES.objectNode()
                            .put("containerPath", t.asText().split(":")[0]).put("size", 64)));
                    notes.note(pointer, at, "changed tmpfs: berth needs a size; each is 64 MiB");
                }
                case "ulimits" -> ulimits(value, container);
                case "mem_limit" -> notes.mebibytes(value, pointer, at).ifPresent(m -> container.put("memory", m));
                case "mem_reservation" -> notes.mebibytes(value, pointer, at)
                        .ifPresent(m -> container.put("memoryReservation", m));
                case "cpu_shares" -> container.put("cpu", value.asInt());
                case "logging" -> logging(value, container);
                case "network_mode" -> networkMode(name, value.asText(), task, at);
                case "pid" -> taskMode(task, "pidMode", value.asText(), pointer, at);
                case "ipc" -> taskMode(task, "ipcMode", value.asText(), pointer, at);
                case "restart" -> restartNote(name, value.asText(), pointer, at);
                default -> {
                    if (!key.startsWith("x-")) {
                        notes.note(pointer, at, "not imported " + key + ": " + (ONLY_FOR_COMPOSE.contains(key)
                                ? "berth names, pulls and places the containers itself" : "berth has no equivalent"));
                    }
                }
            }
        }
        environment(name, service, container, at);
        resources(name, service.path("deploy").path("resources"), container, at);
        return container;
    }

    private void image(String name, JsonNode service, ObjectNode container, String at) {
        String image;
        if (service.path("image").isTextual()) {
            image = service.get("image").asText();
        } else {
            // What compose tags the image it builds; build it so (docker compose build) before applying.
            image = stackName + "-" + name;
        }
        if (service.has("build")) {
            notes.note(SourceMap.pointer("services", name, "build"), at, "not imported build: berth runs images, it does "
                    + "not build them; build and push " + image + " first");
        }
        String replacement = images.getOrDefault(name, images.get(image));
        container.put("image", replacement != null ? replacement : image);
    }

    /** One env_file of a service that exists: where, and what compose reads from it. */
    private record ComposeEnvFile(String path, String pointer, Path file, Map<String, String> variables) {
    }

    /**
     * env_file becomes environmentFiles of type file, which keeps the values out of the stack and
     * replaces the tasks when a file changes, as compose's {@code up} recreates the container. It
     * stays copied into environment when a file of the service reads differently as an ECS
     * environment file (compose strips quotes, {@code export} and trailing comments; ECS takes the
     * value as written), since that would change the values.
     */
    private void environment(String name, JsonNode service, ObjectNode container, String at) {
        ObjectNode environment = NODES.objectNode();
        JsonNode envFiles = service.path("env_file");
        List<JsonNode> listed = new ArrayList<>();
        (envFiles.isArray() ? envFiles : envFiles.isMissingNode() ? NODES.arrayNode() : NODES.arrayNode().add(envFiles))
                .forEach(listed::add);
        List<ComposeEnvFile> found = new ArrayList<>();
        boolean asWritten = true;
        for (int i = 0; i < listed.size(); i++) {
            JsonNode entry = listed.get(i);
            String path = entry.isObject() ? entry.path("path").asText() : entry.asText();
            boolean required = !entry.isObject() || entry.path("required").asBoolean(true);
            String pointer = envFiles.isArray() ? SourceMap.pointer("services", name, "env_file", i)
                    : SourceMap.pointer("services", name, "env_file");
            Path envFile = file.toAbsolutePath().getParent().resolve(path).normalize();
            try {
                Optional<Map<String, String>> read = EnvFile.read(envFile);
                if (read.isPresent()) {
                    found.add(new ComposeEnvFile(path, pointer, envFile, read.get()));
                    asWritten &= readsAsWritten(envFile, read.get());
                } else if (required) {
                    notes.note(pointer, at, "not imported env_file " + Echo.cut(path) + ": no such file; add its "
                            + "variables to environment");
                }
            } catch (IOException e) {
                notes.note(pointer, at, "not imported env_file " + Echo.cut(path) + ": " + e.getMessage());
            }
        }
        if (asWritten && !found.isEmpty()) {
            ArrayNode files = container.putArray("environmentFiles");
            // In compose a later file wins, on ECS an earlier one.
            for (ComposeEnvFile envFile : found.reversed()) {
                String relative = stackDirectory.toAbsolutePath().normalize().relativize(envFile.file()).toString()
                        .replace('\\', '/');
                files.addObject().put("value", relative).put("type", "file");
                notes.note(envFile.pointer(), at, "changed env_file " + Echo.cut(envFile.path()) + ": it is "
                        + "environmentFiles " + Echo.cut(relative) + " (type file), read when berth applies");
            }
        } else {
            for (ComposeEnvFile envFile : found) {
                envFile.variables().forEach(environment::put);
                notes.note(envFile.pointer(), at, "changed env_file " + Echo.cut(envFile.path()) + ": its variables "
                        + "are in environment now, since " + (found.size() > 1 ? "a file" : "it") + " reads "
                        + "differently as an ECS environment file (quotes, export or comments after a value); keep "
                        + "the stack as private as that file");
            }
        }
        JsonNode declared = service.path("environment");
        if (declared.isArray()) {
            for (int i = 0; i < declared.size(); i++) {
                String item = declared.get(i).asText();
                int equals = item.indexOf('=');
                if (equals < 0) {
                    environment.put(item, interpolation.passThrough(item,
                            positions.value(SourceMap.pointer("services", name, "environment", i))));
                } else {
                    environment.put(item.substring(0, equals), item.substring(equals + 1));
                }
            }
        } else {
            for (Map.Entry<String, JsonNode> e : fields(declared)) {
                environment.put(e.getKey(), e.getValue().isNull() ? interpolation.passThrough(e.getKey(),
                        positions.value(SourceMap.pointer("services", name, "environment", e.getKey())))
                        : e.getValue().asText());
            }
        }
        if (!environment.isEmpty()) {
            container.set("environment", environment);
        }
    }

    /** Whether ECS's reading of the file (the value as written) gives what compose's does. */
    private static boolean readsAsWritten(Path envFile, Map<String, String> composeVariables) {
        try {
            List<Integer> badLines = new ArrayList<>();
            return EnvironmentFiles.parse(Files.readAllLines(envFile), badLines).equals(composeVariables)
                    && badLines.isEmpty();
        } catch (IOException notText) {
            return false;
        }
    }

    private void resources(String name, JsonNode resources, ObjectNode container, String at) {
        String base = SourceMap.pointer("services", name, "deploy", "resources");
        JsonNode limits = resources.path("limits");
        if (limits.has("memory")) {
            notes.mebibytes(limits.get("memory"), base + "/limits/memory", at).ifPresent(m -> container.put("memory", m));
        }
        if (resources.path("reservations").has("memory")) {
            notes.mebibytes(resources.get("reservations").get("memory"), base + "/reservations/memory", at)
                    .ifPresent(m -> container.put("memoryReservation", m));
        }
        if (container.has("memory") && container.has("memoryReservation")
                && container.get("memoryReservation").asInt() >= container.get("memory").asInt()) {
            container.remove("memoryReservation");
        }
        for (String kind : List.of("limits", "reservations")) {
            for (Map.Entry<String, JsonNode> field : fields(resources.path(kind))) {
                if (!field.getKey().equals("memory")) {
                    notes.note(base + "/" + kind + "/" + field.getKey(), at, "not imported deploy.resources." + kind + "."
                            + field.getKey() + ": " + (field.getKey().equals("cpus")
                            ? "berth reserves CPU units (cpu) as relative shares, not as a limit" : "berth has no equivalent"));
                }
            }
        }
    }

    private void ports(String name, JsonNode ports, ObjectNode container, String at) {
        ArrayNode mappings = NODES.arrayNode();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String pointer = SourceMap.pointer("services", name, "ports", i);
            String ip;
            String published;
            String target;
            String protocol;
            if (port.isObject()) {
                ip = port.path("host_ip").asText("");
                published = port.path("published").asText("");
                target = port.path("target").asText("");
                protocol = port.path("protocol").asText("tcp");
                if (port.has("mode") && !port.get("mode").asText().equals("host")) {
                    notes.note(pointer, at, "changed ports[" + i + "] mode " + port.get("mode").asText()
                            + ": berth publishes on the host running the task (mode host)");
                }
            } else {
                Matcher m = PORT.matcher(port.asText());
                if (!m.matches()) {
                    notes.note(pointer, at, "not imported ports[" + i + "] " + Echo.quoted(port.asText())
                            + ": not a port berth can read");
                    continue;
                }
                ip = m.group("ip") == null ? "" : m.group("ip");
                published = m.group("published") == null ? "" : m.group("published");
                target = m.group("target");
                protocol = m.group("protocol") == null ? "tcp" : m.group("protocol");
            }
            if (!ip.isEmpty() && !ip.equals("0.0.0.0") && !ip.equals("::") && !ip.equals("[::]")) {
                notes.note(pointer, at, "not imported ports[" + i + "] " + Echo.quoted(port.isObject() ? target : port.asText())
                        + ": berth publishes ports on every address of the host, and this one is bound to " + ip
                        + " only; add it back if that is what you want");
                continue;
            }
            if (target.isEmpty()) {
                notes.note(pointer, at, "not imported ports[" + i + "]: it has no target port");
                continue;
            }
            if (!target.matches(PORT_NUMBER) || !published.isEmpty() && !published.matches(PORT_NUMBER)) {
                notes.note(pointer, at, "not imported ports[" + i + "]: not a port berth can read");
                continue;
            }
            if (published.contains("-") || target.contains("-") && !published.isEmpty()) {
                notes.note(pointer, at, "not imported ports[" + i + "]: a range published on given host ports has no "
                        + "ECS form; berth publishes a containerPortRange on dynamic host ports (give the target range "
                        + "alone), or list the ports one by one");
                continue;
            }
            if (protocol.equals("sctp")) {
                notes.note(pointer, at, "not imported ports[" + i + "]: berth maps tcp and udp only");
                continue;
            }
            ObjectNode mapping = mappings.addObject();
            if (target.contains("-")) {
                mapping.put("containerPortRange", target);
            } else {
                mapping.set("containerPort", portNumber(target));
                mapping.set("hostPort", published.isEmpty() ? NODES.numberNode(0) : portNumber(published));
            }
            if (!protocol.equals("tcp")) {
                mapping.put("protocol", protocol);
            }
            if (port.path("name").isTextual()) {
                mapping.put("name", port.get("name").asText());
            }
        }
        if (!mappings.isEmpty()) {
            container.set("portMappings", mappings);
        }
    }

    /** A number, or the text of a variable, which berth turns into a number when it applies. */
    private static JsonNode portNumber(String port) {
        return port.startsWith("${") ? NODES.textNode(port) : NODES.numberNode(Integer.parseInt(port));
    }

    private void healthCheck(String name, JsonNode health, ObjectNode container, String at) {
        String base = SourceMap.pointer("services", name, "healthcheck");
        ObjectNode check = NODES.objectNode();
        JsonNode test = health.path("test");
        ArrayNode command = NODES.arrayNode();
        if (health.path("disable").asBoolean(false)) {
            command.add("NONE");
        } else if (test.isTextual()) {
            command.add("CMD-SHELL").add(test.asText());
        } else if (test.isArray() && !test.isEmpty()) {
            test.forEach(t -> command.add(t.asText()));
        } else {
            // Only timings: compose keeps the image's test, which berth cannot read from here.
            notes.note(base, at, "not imported healthcheck: it has no test (the image's own is used)");
            return;
        }
        check.set("command", command);
        notes.seconds(health.path("interval"), base + "/interval", at, 5, 300).ifPresent(s -> check.put("interval", s));
        notes.seconds(health.path("timeout"), base + "/timeout", at, 2, 120).ifPresent(s -> check.put("timeout", s));
        notes.seconds(health.path("start_period"), base + "/start_period", at, 0, 300)
                .ifPresent(s -> check.put("startPeriod", s));
        if (health.has("retries")) {
            int retries = health.get("retries").asInt(3);
            int bounded = Math.clamp(retries, 1, 10);
            if (bounded != retries) {
                notes.note(base + "/retries", at, "changed healthcheck.retries " + retries + " to " + bounded
                        + ": berth takes 1-10, as ECS does");
            }
            check.put("retries", bounded);
        }
        if (health.has("start_interval")) {
            notes.note(base + "/start_interval", at, "not imported healthcheck.start_interval: berth checks at interval "
                    + "during the start period too");
        }
        container.set("healthCheck", check);
    }

    private void networkMode(String name, String mode, ObjectNode task, String at) {
        if (mode.equals("host") || mode.equals("none") || mode.equals("bridge")) {
            task.put("networkMode", mode);
        } else {
            notes.note(SourceMap.pointer("services", name, "network_mode"), at, "not imported network_mode "
                    + Echo.cut(mode) + ": containers of different services do not share a network stack in berth; "
                    + "containers of one task do with networkMode awsvpc");
        }
    }

    private void taskMode(ObjectNode task, String field, String mode, String pointer, String at) {
        if (mode.equals("host")) {
            task.put(field, "host");
        } else {
            notes.note(pointer, at, "not imported " + Echo.cut(mode) + ": berth shares a namespace with the host or "
                    + "within a task");
        }
    }

    /** {@code host=ip} or {@code host:ip} (an IPv6 address has colons of its own), or a mapping. */
    private static void extraHosts(JsonNode value, ObjectNode container) {
        ArrayNode hosts = container.putArray("extraHosts");
        if (value.isObject()) {
            keyValues(value, "=").fields().forEachRemaining(e -> hosts.addObject().put("hostname", e.getKey())
                    .put("ipAddress", e.getValue().asText()));
            return;
        }
        for (JsonNode entry : value) {
            String text = entry.asText();
            int at = text.contains("=") ? text.indexOf('=') : text.indexOf(':');
            hosts.addObject().put("hostname", at < 0 ? text : text.substring(0, at))
                    .put("ipAddress", at < 0 ? "" : text.substring(at + 1));
        }
    }

    private static void ulimits(JsonNode value, ObjectNode container) {
        ArrayNode ulimits = container.putArray("ulimits");
        for (Map.Entry<String, JsonNode> limit : fields(value)) {
            JsonNode l = limit.getValue();
            int soft = l.isObject() ? l.path("soft").asInt() : l.asInt();
            int hard = l.isObject() ? l.path("hard").asInt() : l.asInt();
            ulimits.addObject().put("name", limit.getKey()).put("softLimit", soft).put("hardLimit", hard);
        }
    }

    private static void logging(JsonNode value, ObjectNode container) {
        ObjectNode log = container.putObject("logConfiguration").put("logDriver", value.path("driver").asText("json-file"));
        if (value.path("options").isObject()) {
            log.set("options", keyValues(value.get("options"), "="));
        }
    }

    private String servicePointer(String name) {
        return SourceMap.pointer("services", dnsName(name));
    }
}
