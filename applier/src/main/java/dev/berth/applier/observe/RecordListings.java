package dev.berth.applier.observe;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.EngineJson.Volume;
import dev.berth.planner.observed.BerthLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stack's record volumes as each engine that answered listed them: an observation lists them
 * once per engine with everything else, and every record is read from that listing.
 */
record RecordListings(List<List<Volume>> engines) {
    RecordListings {
        engines = List.copyOf(engines);
    }

    /** Lists them anew, for a read outside an observation; an engine that does not answer is left out. */
    static RecordListings of(String stack, DockerClients clients, Collection<DockerEndpoint> endpoints) {
        List<List<Volume>> listed = new ArrayList<>();
        for (DockerEndpoint endpoint : endpoints) {
            try {
                listed.add(EngineJson.of(clients.client(endpoint)).listVolumes(List.of(BerthLabels.STACK + "=" + stack)));
            } catch (RuntimeException unreadable) {
                // Another engine's record serves as well.
            }
        }
        return new RecordListings(listed);
    }
}
