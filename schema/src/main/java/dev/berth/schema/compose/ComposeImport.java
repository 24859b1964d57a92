package dev.berth.schema.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.yaml.NodeConverter;
import dev.berth.schema.yaml.YamlFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String CLUSTER = "main";
    private static final Pattern DNS_UNSAFE = Pattern.compile("[^a-z0-9-]");
    /** A port, a range, or a variable (compose interpolates ports too). */
    private static final String PORT_NUMBER = "(?:[0-9]+(?:-[0-9]+)?|\\$\\{[A-Za-z_][A-Za-z0-9_]*})";
    private static final Pattern PORT = Pattern.compile(
            "(?:(?<ip>\\[[0-9a-fA-F:.]+]|[0-9.]+|[0-9a-fA-F:]+::?[0-9a-fA-F]*):)??(?:(?<published>" + PORT_NUMBER
                    + ")?:)?(?<target>" + PORT_NUMBER + ")(?:/(?<protocol>tcp|udp|sctp))?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|ms|us|ns|m|s)");
    private static final Pattern BYTES = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)b?", Pattern.CASE_INSENSITIVE);
    /** Fields that say how compose builds, names or pulls, which a stack of images has no use for. */
    private static final Set<String> ONLY_FOR_COMPOSE = Set.of("container_name", "pull_policy", "platform");

    /** A note on what did not carry over: where in the compose file, and where in the stack it would have gone. */
    public record Note(SourcePosition at, String stackPointer, String text) {
    }

    /** The stack document, the notes, and the problems that stop the import (positioned in the compose file). */
    public record Result(ObjectNode stack, List<Note> notes, Diagnostics errors) {
    }

    private final Path file;
    private final Map<String, String> images;
    private final Diagnostics errors = new Diagnostics();
    private final List<Note> notes = new ArrayList<>();
    private final SourceMap positions = new SourceMap();
    private ComposeInterpolation interpolation;
    private String stackName;
    private JsonNode compose;

    private ComposeImport(Path file, Map<String, String> images) {
        this.file = file;
        this.images = images;
    }

    /**
     * @param stackName the stack's name; null for the compose file's {@code name}, else {@code imported}
     * @param images    replacement images by compose service name or by image as written
     */
    public static Result convert(Path file, String stackName, Map<String, String> images) throws IOException {
        return new ComposeImport(file, images).run(stackName);
    }

    private Result run(String requestedName) throws IOException {
        Path dotEnvFile = file.toAbsolutePath().getParent().resolve(".env");
        interpolation = new ComposeInterpolation(EnvFile.read(dotEnvFile).orElse(Map.of()));
        Optional<org.yaml.snakeyaml.nodes.Node> root = YamlFileReader.read(file, errors);
        if (root.isEmpty()) {
            return new Result(NODES.objectNode(), notes, errors);
        }
        compose = new NodeConverter(file, errors).convert(root.get(), "", interpolation, positions);
        if (errors.hasErrors()) {
            return new Result(NODES.objectNode(), notes, errors);
        }
        if (!(compose instanceof ObjectNode) || !compose.path("services").isObject()) {
            errors.error(new SourcePosition(file, 1, 1), "not a compose file: it has no services mapping");
            return new Result(NODES.objectNode(), notes, errors);
        }
        checkShapes();
        if (errors.hasErrors()) {
            return new Result(NODES.objectNode(), notes, errors);
        }
        stackName = requestedName != null ? requestedName
                : compose.path("name").isTextual() ? dnsName(compose.get("name").asText()) : "imported";
        ObjectNode stack = NODES.objectNode().put("version", 1).put("stack", stackName);
        topLevelNotes();
        Map<String, String> namespaces = namespaces();
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
            services.set(dnsName(name), service(name, family, namespaces.get(name)));
        }
        if (errors.hasErrors()) {
            return new Result(NODES.objectNode(), notes, errors);
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
        return new Result(stack, notes, errors);
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
                        note(SourceMap.pointer(key), "", "not imported " + key + ": berth has no equivalent");
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

    // ---------------------------------------------------------------- networks

    /**
     * A berth service joins one namespace, a compose service any number of networks: networks a
     * service shares become one namespace, so every two services that could talk still can (the
     * isolation between those networks is lost, and said so). Services with network_mode join none.
     */
    private Map<String, String> namespaces() {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        Map<String, String> parent = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> network : fields(compose.path("networks"))) {
            parent.put(network.getKey(), network.getKey());
            networkNotes(network.getKey(), network.getValue());
        }
        for (Map.Entry<String, JsonNode> entry : fields(compose.get("services"))) {
            JsonNode service = entry.getValue();
            if (service.has("network_mode")) {
                continue;
            }
            List<String> networks = new ArrayList<>();
            JsonNode declared = service.path("networks");
            if (declared.isArray()) {
                declared.forEach(n -> networks.add(n.asText()));
            } else if (declared.isObject()) {
                declared.fieldNames().forEachRemaining(networks::add);
                for (Map.Entry<String, JsonNode> n : fields(declared)) {
                    if (n.getValue().isObject() && !n.getValue().isEmpty()) {
                        note(SourceMap.pointer("services", entry.getKey(), "networks", n.getKey()),
                                servicePointer(entry.getKey()), "not imported networks." + n.getKey()
                                        + " settings (aliases, addresses): a berth service answers to its name");
                    }
                }
            }
            if (networks.isEmpty()) {
                networks.add("default");
            }
            networks.forEach(n -> parent.putIfAbsent(n, n));
            for (String n : networks.subList(1, networks.size())) {
                parent.put(root(parent, n), root(parent, networks.get(0)));
            }
            byService.put(entry.getKey(), networks);
        }
        Map<String, String> namespaceOf = new LinkedHashMap<>();
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        byService.forEach((service, networks) -> {
            String root = root(parent, networks.get(0));
            namespaceOf.put(service, dnsName(root));
            networks.forEach(n -> merged.computeIfAbsent(root, r -> new LinkedHashSet<>()).add(n));
        });
        merged.forEach((root, networks) -> {
            if (networks.size() > 1) {
                note(compose.has("networks") ? "/networks" : "/services", SourceMap.pointer("namespaces", dnsName(root)),
                        "changed networks " + String.join(", ", networks) + ": they are one namespace, "
                                + dnsName(root) + ", since a service is on more than one of them and a berth service "
                                + "joins one namespace; services on one of them now reach those on the others");
            }
        });
        return namespaceOf;
    }

    private void networkNotes(String name, JsonNode network) {
        for (Map.Entry<String, JsonNode> field : fields(network)) {
            String key = field.getKey();
            if (!key.startsWith("x-") && !(key.equals("driver") && field.getValue().asText().equals("bridge"))) {
                note(SourceMap.pointer("networks", name, key), SourceMap.pointer("namespaces", dnsName(name)),
                        "not imported networks." + name + "." + key + ": berth makes each namespace a bridge "
                                + "network of its own" + (key.equals("internal")
                                ? " (with outside access: internal networks are not supported)" : ""));
            }
        }
    }

    private static String root(Map<String, String> parent, String network) {
        String at = network;
        while (!parent.get(at).equals(at)) {
            at = parent.get(at);
        }
        return at;
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
            } else {
                note(pointer, at, "not imported depends_on " + target + " (" + condition + "): berth deploys the "
                        + "services of a stack at the same time, so " + name + " must wait for " + target + " itself");
            }
        });
        if (!dependsOn.isEmpty()) {
            container.set("dependsOn", dependsOn);
        }
    }

    // ---------------------------------------------------------------- services

    private ObjectNode service(String name, String family, String namespace) {
        JsonNode service = compose.get("services").get(name);
        String at = servicePointer(name);
        ObjectNode out = NODES.objectNode().put("cluster", CLUSTER).put("taskDefinition", family);
        JsonNode deploy = service.path("deploy");
        int replicas = deploy.path("replicas").canConvertToInt() ? deploy.get("replicas").asInt()
                : service.path("scale").canConvertToInt() ? service.get("scale").asInt() : 1;
        if (service.has("profiles")) {
            note(SourceMap.pointer("services", name, "profiles"), at, "changed profiles: compose starts " + name
                    + " only when one of its profiles is asked for, so its desiredCount is 0; raise it to run it");
            replicas = 0;
        }
        JsonNode replicasText = deploy.path("replicas");
        if (replicasText.isTextual() && replicasText.asText().startsWith("${")) {
            out.put("desiredCount", replicasText.asText());
        } else {
            out.put("desiredCount", replicas);
        }
        if (namespace != null) {
            out.put("namespace", namespace);
        }
        if (!dnsName(name).equals(name)) {
            note(SourceMap.pointer("services", name), at, "changed the service's name to " + dnsName(name)
                    + " (berth's names are DNS names): on the namespace it answers to that name, not " + name);
        }
        deployment(name, deploy, replicas, out, at);
        for (Map.Entry<String, JsonNode> field : fields(deploy)) {
            switch (field.getKey()) {
                case "replicas", "update_config", "resources" -> { }
                case "restart_policy" -> restartNote(name, field.getValue().path("condition").asText("any"),
                        SourceMap.pointer("services", name, "deploy", "restart_policy"), at);
                default -> note(SourceMap.pointer("services", name, "deploy", field.getKey()), at,
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
                note(SourceMap.pointer("services", name, "deploy", "update_config", field.getKey()), at,
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
            note(pointer, at, "changed restart " + policy + ": berth replaces a task whenever its essential "
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
                case "expose" -> note(pointer, at, "not imported expose: on a namespace every port of a task "
                        + "is reachable by the services there");
                case "healthcheck" -> healthCheck(name, value, container, at);
                case "depends_on" -> dependsOn(name, service, container, at, oneShots);
                case "volumes" -> volumes(name, value, container, volumes, at);
                case "secrets", "configs" -> files(name, key, value, container, volumes, at);
                case "working_dir" -> container.put("workingDirectory", value.asText());
                case "user" -> container.put("user", value.asText());
                case "hostname" -> container.put("hostname", value.asText());
                case "stop_grace_period" -> seconds(value, pointer, at, 0, 120)
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
                case "shm_size" -> mebibytes(value, pointer, at).ifPresent(m -> linux(container).put("sharedMemorySize", m));
                case "tmpfs" -> {
                    ArrayNode tmpfs = linux(container).withArray("tmpfs");
                    (value.isArray() ? value : NODES.arrayNode().add(value)).forEach(t -> tmpfs.add(NODES.objectNode()
                            .put("containerPath", t.asText().split(":")[0]).put("size", 64)));
                    note(pointer, at, "changed tmpfs: berth needs a size; each is 64 MiB");
                }
                case "ulimits" -> ulimits(value, container);
                case "mem_limit" -> mebibytes(value, pointer, at).ifPresent(m -> container.put("memory", m));
                case "mem_reservation" -> mebibytes(value, pointer, at)
                        .ifPresent(m -> container.put("memoryReservation", m));
                case "cpu_shares" -> container.put("cpu", value.asInt());
                case "logging" -> logging(value, container);
                case "network_mode" -> networkMode(name, value.asText(), task, at);
                case "pid" -> taskMode(task, "pidMode", value.asText(), pointer, at);
                case "ipc" -> taskMode(task, "ipcMode", value.asText(), pointer, at);
                case "restart" -> restartNote(name, value.asText(), pointer, at);
                default -> {
                    if (!key.startsWith("x-")) {
                        note(pointer, at, "not imported " + key + ": " + (ONLY_FOR_COMPOSE.contains(key)
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
            note(SourceMap.pointer("services", name, "build"), at, "not imported build: berth runs images, it does "
                    + "not build them; build and push " + image + " first");
        }
        String replacement = images.getOrDefault(name, images.get(image));
        container.put("image", replacement != null ? replacement : image);
    }

    private void environment(String name, JsonNode service, ObjectNode container, String at) {
        ObjectNode environment = NODES.objectNode();
        JsonNode envFiles = service.path("env_file");
        List<JsonNode> listed = new ArrayList<>();
        (envFiles.isArray() ? envFiles : envFiles.isMissingNode() ? NODES.arrayNode() : NODES.arrayNode().add(envFiles))
                .forEach(listed::add);
        for (int i = 0; i < listed.size(); i++) {
            JsonNode entry = listed.get(i);
            String path = entry.isObject() ? entry.path("path").asText() : entry.asText();
            boolean required = !entry.isObject() || entry.path("required").asBoolean(true);
            String pointer = envFiles.isArray() ? SourceMap.pointer("services", name, "env_file", i)
                    : SourceMap.pointer("services", name, "env_file");
            Path envFile = file.toAbsolutePath().getParent().resolve(path);
            try {
                Optional<Map<String, String>> read = EnvFile.read(envFile);
                if (read.isPresent()) {
                    read.get().forEach(environment::put);
                    note(pointer, at, "changed env_file " + Echo.cut(path) + ": its variables are in environment "
                            + "now; keep the stack as private as that file");
                } else if (required) {
                    note(pointer, at, "not imported env_file " + Echo.cut(path) + ": no such file; add its "
                            + "variables to environment");
                }
            } catch (IOException e) {
                note(pointer, at, "not imported env_file " + Echo.cut(path) + ": " + e.getMessage());
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

    private void resources(String name, JsonNode resources, ObjectNode container, String at) {
        String base = SourceMap.pointer("services", name, "deploy", "resources");
        JsonNode limits = resources.path("limits");
        if (limits.has("memory")) {
            mebibytes(limits.get("memory"), base + "/limits/memory", at).ifPresent(m -> container.put("memory", m));
        }
        if (resources.path("reservations").has("memory")) {
            mebibytes(resources.get("reservations").get("memory"), base + "/reservations/memory", at)
                    .ifPresent(m -> container.put("memoryReservation", m));
        }
        if (container.has("memory") && container.has("memoryReservation")
                && container.get("memoryReservation").asInt() >= container.get("memory").asInt()) {
            container.remove("memoryReservation");
        }
        for (String kind : List.of("limits", "reservations")) {
            for (Map.Entry<String, JsonNode> field : fields(resources.path(kind))) {
                if (!field.getKey().equals("memory")) {
                    note(base + "/" + kind + "/" + field.getKey(), at, "not imported deploy.resources." + kind + "."
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
                    note(pointer, at, "changed ports[" + i + "] mode " + port.get("mode").asText()
                            + ": berth publishes on the host running the task (mode host)");
                }
            } else {
                Matcher m = PORT.matcher(port.asText());
                if (!m.matches()) {
                    note(pointer, at, "not imported ports[" + i + "] " + Echo.quoted(port.asText())
                            + ": not a port berth can read");
                    continue;
                }
                ip = m.group("ip") == null ? "" : m.group("ip");
                published = m.group("published") == null ? "" : m.group("published");
                target = m.group("target");
                protocol = m.group("protocol") == null ? "tcp" : m.group("protocol");
            }
            if (!ip.isEmpty() && !ip.equals("0.0.0.0") && !ip.equals("::") && !ip.equals("[::]")) {
                note(pointer, at, "not imported ports[" + i + "] " + Echo.quoted(port.isObject() ? target : port.asText())
                        + ": berth publishes ports on every address of the host, and this one is bound to " + ip
                        + " only; add it back if that is what you want");
                continue;
            }
            if (target.isEmpty()) {
                note(pointer, at, "not imported ports[" + i + "]: it has no target port");
                continue;
            }
            if (target.contains("-") || published.contains("-") || !target.matches(PORT_NUMBER)) {
                note(pointer, at, "not imported ports[" + i + "]: port ranges are not supported; list the ports one by one");
                continue;
            }
            if (protocol.equals("sctp")) {
                note(pointer, at, "not imported ports[" + i + "]: berth maps tcp and udp only");
                continue;
            }
            ObjectNode mapping = mappings.addObject();
            mapping.set("containerPort", portNumber(target));
            mapping.set("hostPort", published.isEmpty() ? NODES.numberNode(0) : portNumber(published));
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
            note(base, at, "not imported healthcheck: it has no test (the image's own is used)");
            return;
        }
        check.set("command", command);
        seconds(health.path("interval"), base + "/interval", at, 5, 300).ifPresent(s -> check.put("interval", s));
        seconds(health.path("timeout"), base + "/timeout", at, 2, 120).ifPresent(s -> check.put("timeout", s));
        seconds(health.path("start_period"), base + "/start_period", at, 0, 300)
                .ifPresent(s -> check.put("startPeriod", s));
        if (health.has("retries")) {
            int retries = health.get("retries").asInt(3);
            int bounded = Math.clamp(retries, 1, 10);
            if (bounded != retries) {
                note(base + "/retries", at, "changed healthcheck.retries " + retries + " to " + bounded
                        + ": berth takes 1-10, as ECS does");
            }
            check.put("retries", bounded);
        }
        if (health.has("start_interval")) {
            note(base + "/start_interval", at, "not imported healthcheck.start_interval: berth checks at interval "
                    + "during the start period too");
        }
        container.set("healthCheck", check);
    }

    private void volumes(String name, JsonNode mounts, ObjectNode container, ArrayNode volumes, String at) {
        ArrayNode mountPoints = NODES.arrayNode();
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode mount = mounts.get(i);
            String pointer = SourceMap.pointer("services", name, "volumes", i);
            String type;
            String source;
            String target;
            boolean readOnly;
            if (mount.isObject()) {
                type = mount.path("type").asText("volume");
                source = mount.path("source").asText("");
                target = mount.path("target").asText("");
                readOnly = mount.path("read_only").asBoolean(false);
            } else {
                String[] parts = mount.asText().split(":");
                source = parts.length > 1 ? parts[0] : "";
                target = parts.length > 1 ? parts[1] : parts[0];
                Set<String> modes = parts.length > 2 ? Set.of(parts[2].split(",")) : Set.of();
                readOnly = modes.contains("ro");
                type = source.isEmpty() ? "volume" : source.startsWith("/") || source.startsWith(".")
                        || source.startsWith("~") ? "bind" : "volume";
                if (modes.stream().anyMatch(mode -> !Set.of("ro", "rw").contains(mode))) {
                    note(pointer, at, "changed volumes[" + i + "]: mount options other than ro and rw are not imported");
                }
            }
            if (type.equals("tmpfs")) {
                linux(container).withArray("tmpfs").add(NODES.objectNode().put("containerPath", target)
                        .put("size", mount.path("tmpfs").path("size").isMissingNode() ? 64
                                : mebibytes(mount.path("tmpfs").path("size"), pointer, at).orElse(64)));
                continue;
            }
            ObjectNode volume = NODES.objectNode();
            if (type.equals("bind")) {
                if (source.startsWith("~")) {
                    note(pointer, at, "not imported volumes[" + i + "]: a path under ~ depends on who applies; "
                            + "write it as an absolute path");
                    continue;
                }
                Path host = file.toAbsolutePath().getParent().resolve(source).normalize();
                volume.put("name", volumeName("bind-" + host.getFileName(), host.toString(), volumes))
                        .putObject("host").put("sourcePath", host.toString());
            } else if (type.equals("volume") && source.isEmpty()) {
                // Anonymous: compose makes one per container, which is berth's task scope.
                volume.put("name", volumeName("anonymous", target, volumes)).putObject("dockerVolumeConfiguration")
                        .put("scope", "task");
            } else if (type.equals("volume")) {
                namedVolume(source, pointer, at, volume);
            } else {
                note(pointer, at, "not imported volumes[" + i + "] of type " + type + ": berth mounts binds, "
                        + "volumes and tmpfs");
                continue;
            }
            addVolume(volumes, volume);
            ObjectNode mountPoint = mountPoints.addObject().put("sourceVolume", volume.get("name").asText())
                    .put("containerPath", target);
            if (readOnly) {
                mountPoint.put("readOnly", true);
            }
        }
        if (!mountPoints.isEmpty()) {
            container.withArray("mountPoints").addAll(mountPoints);
        }
    }

    /**
     * A top-level volume: one per host, kept across tasks, named as compose names it
     * ({@code PROJECT_VOLUME}) unless it has a name of its own or is external (which must exist).
     */
    private void namedVolume(String source, String pointer, String at, ObjectNode volume) {
        JsonNode declared = compose.path("volumes").path(source);
        if (!compose.path("volumes").has(source)) {
            note(pointer, at, "changed volume " + source + ": it is not declared under volumes; "
                    + "imported as a volume of the stack");
        }
        // A shared volume's name is its Docker name.
        ObjectNode config = NODES.objectNode().put("scope", "shared");
        boolean external = declared.path("external").asBoolean(false);
        config.put("autoprovision", !external);
        if (declared.path("driver").isTextual()) {
            config.put("driver", declared.get("driver").asText());
        }
        if (declared.path("driver_opts").isObject()) {
            config.set("driverOpts", keyValues(declared.get("driver_opts"), "="));
        }
        if (declared.has("labels")) {
            config.set("labels", keyValues(declared.get("labels"), "="));
        }
        String dockerName = declared.path("name").isTextual() ? declared.get("name").asText()
                : external ? source : stackName + "_" + source;
        volume.put("name", containerName(dockerName)).set("dockerVolumeConfiguration", config);
    }

    /** Secrets and configs: compose mounts each file read-only (secrets under /run/secrets). */
    private void files(String name, String kind, JsonNode refs, ObjectNode container, ArrayNode volumes, String at) {
        for (int i = 0; i < refs.size(); i++) {
            JsonNode ref = refs.get(i);
            String source = ref.isObject() ? ref.path("source").asText() : ref.asText();
            String pointer = SourceMap.pointer("services", name, kind, i);
            JsonNode declared = compose.path(kind).path(source);
            String target = ref.path("target").asText(source);
            if (!target.startsWith("/")) {
                target = (kind.equals("secrets") ? "/run/secrets/" : "/") + target;
            }
            if (!declared.path("file").isTextual()) {
                note(pointer, at, "not imported " + kind + " " + Echo.cut(source) + ": only "
                        + kind + " from a file carry over (" + (declared.path("external").asBoolean(false)
                        ? "this one is external, kept by swarm" : "this one has no file") + "); mount the file at "
                        + target + " with a host volume");
                continue;
            }
            Path host = file.toAbsolutePath().getParent().resolve(declared.get("file").asText()).normalize();
            ObjectNode volume = NODES.objectNode().put("name", volumeName(kind.substring(0, kind.length() - 1) + "-"
                    + containerName(source), host.toString(), volumes));
            volume.putObject("host").put("sourcePath", host.toString());
            addVolume(volumes, volume);
            container.withArray("mountPoints").addObject().put("sourceVolume", volume.get("name").asText())
                    .put("containerPath", target).put("readOnly", true);
        }
    }

    private String volumeName(String wanted, String identity, ArrayNode volumes) {
        String base = containerName(wanted);
        for (int n = 1; ; n++) {
            String name = n == 1 ? base : base + "-" + n;
            JsonNode same = null;
            for (JsonNode v : volumes) {
                if (v.get("name").asText().equals(name)) {
                    same = v;
                }
            }
            if (same == null || same.path("host").path("sourcePath").asText("").equals(identity)) {
                return name;
            }
        }
    }

    private static void addVolume(ArrayNode volumes, ObjectNode volume) {
        for (JsonNode v : volumes) {
            if (v.get("name").equals(volume.get("name"))) {
                return;
            }
        }
        volumes.add(volume);
    }

    private void networkMode(String name, String mode, ObjectNode task, String at) {
        if (mode.equals("host") || mode.equals("none") || mode.equals("bridge")) {
            task.put("networkMode", mode);
        } else {
            note(SourceMap.pointer("services", name, "network_mode"), at, "not imported network_mode "
                    + Echo.cut(mode) + ": containers of different services do not share a network stack in berth; "
                    + "containers of one task do with networkMode awsvpc");
        }
    }

    private void taskMode(ObjectNode task, String field, String mode, String pointer, String at) {
        if (mode.equals("host")) {
            task.put(field, "host");
        } else {
            note(pointer, at, "not imported " + Echo.cut(mode) + ": berth shares a namespace with the host or "
                    + "within a task");
        }
    }

    private void extraHosts(JsonNode value, ObjectNode container) {
        ArrayNode hosts = container.putArray("extraHosts");
        keyValues(value, value.isArray() && value.size() > 0 && value.get(0).asText().contains("=") ? "=" : ":")
                .fields().forEachRemaining(e -> hosts.addObject().put("hostname", e.getKey())
                        .put("ipAddress", e.getValue().asText()));
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

    // ---------------------------------------------------------------- values

    /** A command as compose reads it: a list as it is, a string split as a POSIX shell splits words. */
    private static ArrayNode words(JsonNode value) {
        ArrayNode words = NODES.arrayNode();
        if (value.isArray()) {
            value.forEach(v -> words.add(v.asText()));
            return words;
        }
        String text = value.asText();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Lists of {@code KEY=VALUE} (or {@code KEY:VALUE}) and mappings alike, as a mapping of text. */
    private static ObjectNode keyValues(JsonNode value, String separator) {
        ObjectNode map = NODES.objectNode();
        if (value.isArray()) {
            value.forEach(item -> {
                String text = item.asText();
                int at = text.indexOf(separator);
                map.put(at < 0 ? text : text.substring(0, at), at < 0 ? "" : text.substring(at + 1));
            });
        } else {
            fields(value).forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return map;
    }

    /** A compose duration ({@code 1m30s}, {@code 500ms}) in whole seconds (rounded up), within berth's bounds. */
    private Optional<Integer> seconds(JsonNode value, String pointer, String at, int min, int max) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        String text = value.asText().strip();
        double total = 0;
        if (value.isNumber()) {
            total = value.asDouble();
        } else {
            Matcher m = DURATION.matcher(text);
            int end = 0;
            while (m.find() && m.start() == end) {
                double n = Double.parseDouble(m.group(1));
                total += switch (m.group(2)) {
                    case "h" -> n * 3600;
                    case "m" -> n * 60;
                    case "s" -> n;
                    case "ms" -> n / 1e3;
                    case "us" -> n / 1e6;
                    default -> n / 1e9;
                };
                end = m.end();
            }
            if (end != text.length() || text.isEmpty()) {
                note(pointer, at, "not imported " + leaf(pointer) + " " + Echo.quoted(text) + ": not a duration");
                return Optional.empty();
            }
        }
        long whole = (long) Math.ceil(total);
        int bounded = (int) Math.clamp(whole, min, max);
        if (bounded != whole) {
            note(pointer, at, "changed " + leaf(pointer) + " " + Echo.quoted(text) + " to " + bounded
                    + " s: berth takes " + min + "-" + max + " s, as ECS does");
        }
        return Optional.of(bounded);
    }

    /** A compose byte size ({@code 512m}, {@code 1g}, a number of bytes) in MiB, rounded up. */
    private Optional<Integer> mebibytes(JsonNode value, String pointer, String at) {
        Matcher m = BYTES.matcher(value.asText().strip());
        if (!m.matches()) {
            note(pointer, at, "not imported " + leaf(pointer) + " " + Echo.quoted(value.asText()) + ": not a size");
            return Optional.empty();
        }
        double bytes = Double.parseDouble(m.group(1)) * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024.0;
            case "m" -> 1048576.0;
            case "g" -> 1073741824.0;
            case "t" -> 1099511627776.0;
            default -> 1.0;
        };
        return Optional.of((int) Math.max(1, Math.ceil(bytes / 1048576)));
    }

    private static ObjectNode linux(ObjectNode container) {
        return container.has("linuxParameters") ? (ObjectNode) container.get("linuxParameters")
                : container.putObject("linuxParameters");
    }

    private void note(String composePointer, String stackPointer, String text) {
        notes.add(new Note(positions.key(composePointer), stackPointer, text));
    }

    private String servicePointer(String name) {
        return SourceMap.pointer("services", dnsName(name));
    }

    private static int indexOf(JsonNode list, String text) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).asText().equals(text)) {
                return i;
            }
        }
        return 0;
    }

    private static String leaf(String pointer) {
        String[] parts = pointer.split("/");
        return parts.length < 2 ? pointer : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** A berth name (services, namespaces, the stack): lowercase, with '-' for what DNS does not allow. */
    static String dnsName(String name) {
        String dns = DNS_UNSAFE.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        dns = dns.length() > 63 ? dns.substring(0, 63).replaceAll("-+$", "") : dns;
        return dns.isEmpty() ? "x" : dns;
    }

    /** A container, family or volume name: letters, digits, '_' and '-'. */
    private static String containerName(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return () -> node.isObject() ? node.fields() : new ArrayList<Map.Entry<String, JsonNode>>().iterator();
    }
}
