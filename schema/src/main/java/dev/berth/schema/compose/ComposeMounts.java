package dev.berth.schema.compose;

import static dev.berth.schema.compose.ComposeValues.NODES;
import static dev.berth.schema.compose.ComposeValues.containerName;
import static dev.berth.schema.compose.ComposeValues.keyValues;
import static dev.berth.schema.compose.ComposeValues.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourceMap;
import java.nio.file.Path;
import java.util.Set;

/** A compose service's volumes, secrets and configs as task volumes and the container's mount points. */
final class ComposeMounts {
    private final Path file;
    private final JsonNode compose;
    private final String stackName;
    private final ComposeNotes notes;

    ComposeMounts(Path file, JsonNode compose, String stackName, ComposeNotes notes) {
        this.file = file;
        this.compose = compose;
        this.stackName = stackName;
        this.notes = notes;
    }

    void volumes(String name, JsonNode mounts, ObjectNode container, ArrayNode volumes, String at) {
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
                String[] parts = mount.asText().split(":", -1);
                source = parts.length > 1 ? parts[0] : "";
                target = parts.length > 1 ? parts[1] : parts[0];
                Set<String> modes = parts.length > 2 && !parts[2].isEmpty() ? Set.of(parts[2].split(",")) : Set.of();
                readOnly = modes.contains("ro");
                type = source.isEmpty() ? "volume" : source.startsWith("/") || source.startsWith(".")
                        || source.startsWith("~") ? "bind" : "volume";
                if (modes.stream().anyMatch(mode -> !Set.of("ro", "rw").contains(mode))) {
                    notes.note(pointer, at, "changed volumes[" + i + "]: mount options other than ro and rw are not imported");
                }
            }
            if (target.isEmpty()) {
                notes.note(pointer, at, "not imported volumes[" + i + "]: it has no target path");
                continue;
            }
            if (type.equals("tmpfs")) {
                linux(container).withArray("tmpfs").add(NODES.objectNode().put("containerPath", target)
                        .put("size", mount.path("tmpfs").path("size").isMissingNode() ? 64
                                : notes.mebibytes(mount.path("tmpfs").path("size"), pointer, at).orElse(64)));
                continue;
            }
            ObjectNode volume = NODES.objectNode();
            if (type.equals("bind")) {
                if (source.startsWith("~")) {
                    notes.note(pointer, at, "not imported volumes[" + i + "]: a path under ~ depends on who applies; "
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
                notes.note(pointer, at, "not imported volumes[" + i + "] of type " + type + ": berth mounts binds, "
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
            notes.note(pointer, at, "changed volume " + source + ": it is not declared under volumes; "
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
    void files(String name, String kind, JsonNode refs, ObjectNode container, ArrayNode volumes, String at) {
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
                notes.note(pointer, at, "not imported " + kind + " " + Echo.cut(source) + ": only "
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
}
