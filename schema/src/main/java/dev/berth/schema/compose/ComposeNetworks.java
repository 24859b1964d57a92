package dev.berth.schema.compose;

import static dev.berth.schema.compose.ComposeValues.dnsName;
import static dev.berth.schema.compose.ComposeValues.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.schema.source.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compose networks as namespaces. */
final class ComposeNetworks {
    private final JsonNode compose;
    private final ComposeNotes notes;

    ComposeNetworks(JsonNode compose, ComposeNotes notes) {
        this.compose = compose;
        this.notes = notes;
    }

    /**
     * A berth service joins one namespace, a compose service any number of networks: networks a
     * service shares become one namespace, so every two services that could talk still can (the
     * isolation between those networks is lost, and said so). Services with network_mode join none.
     */
    Map<String, String> namespaces() {
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
                        notes.note(SourceMap.pointer("services", entry.getKey(), "networks", n.getKey()),
                                SourceMap.pointer("services", dnsName(entry.getKey())), "not imported networks." + n.getKey()
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
                notes.note(compose.has("networks") ? "/networks" : "/services", SourceMap.pointer("namespaces", dnsName(root)),
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
                notes.note(SourceMap.pointer("networks", name, key), SourceMap.pointer("namespaces", dnsName(name)),
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
}
