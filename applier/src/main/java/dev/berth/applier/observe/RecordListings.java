package dev.berth.applier.observe;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.observed.BerthLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stack's record volumes as each engine that answered listed them: an observation lists them
 * once per engine with everything else, and every record is read from that listing.
 */
record RecordListings(List<List<InspectVolumeResponse>> engines) {
    RecordListings {
        engines = List.copyOf(engines);
    }

    /** Lists them anew, for a read outside an observation; an engine that does not answer is left out. */
    static RecordListings of(String stack, DockerClients clients, Collection<DockerEndpoint> endpoints) {
        List<List<InspectVolumeResponse>> listed = new ArrayList<>();
        for (DockerEndpoint endpoint : endpoints) {
            try {
                listed.add(records(clients.client(endpoint).listVolumesCmd()
                        .withFilter("label", List.of(BerthLabels.STACK + "=" + stack)).exec().getVolumes()));
            } catch (RuntimeException unreadable) {
                // Another engine's record serves as well.
            }
        }
        return new RecordListings(listed);
    }

    /** Volumes with labels, of a listing the engine may have answered with null. */
    static List<InspectVolumeResponse> records(List<InspectVolumeResponse> volumes) {
        return volumes == null ? List.of() : volumes.stream().filter(v -> v.getLabels() != null).toList();
    }
}
