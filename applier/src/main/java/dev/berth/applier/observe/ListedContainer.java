package dev.berth.applier.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.applier.docker.EngineJson;
import dev.berth.planner.observed.ObservedContainer.PublishedPort;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container as the engine's list shows it: what an observation reads without an inspect.
 *
 * @param name  its name without the leading slash; its id when the engine lists none
 * @param state the engine's word: created, running, exited, ...
 * @param ports its published ports, once per mapping
 */
record ListedContainer(String id, String name, String image, String state, Map<String, String> labels,
                       List<PublishedPort> ports) {
    ListedContainer {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    /** One entry of {@code GET /containers/json}. */
    static ListedContainer of(JsonNode listed) {
        String id = listed.path("Id").asText();
        JsonNode names = listed.path("Names");
        String name = names.path(0).isTextual() ? names.get(0).textValue() : id;
        return new ListedContainer(id, name.startsWith("/") ? name.substring(1) : name, listed.path("Image").asText(),
                listed.path("State").asText(), EngineJson.stringMap(listed.path("Labels")), ports(listed.path("Ports")));
    }

    String label(String key) {
        return labels.get(key);
    }

    /** The engine lists a port once per address family; berth cares about the mapping only. */
    private static List<PublishedPort> ports(JsonNode ports) {
        Set<PublishedPort> published = new LinkedHashSet<>();
        for (JsonNode port : ports) {
            if (port.path("PublicPort").isIntegralNumber() && port.path("PrivatePort").isIntegralNumber()) {
                published.add(new PublishedPort(port.get("PrivatePort").intValue(), port.get("PublicPort").intValue(),
                        port.path("Type").asText(null)));
            }
        }
        return List.copyOf(published);
    }
}
