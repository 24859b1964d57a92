package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.docker.EngineJson.Volume;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.observed.BerthLabels;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A record kept on the hosts in the labels of a volume {@code berth.<stack>.<kind>.<millis>},
 * written to every engine that answers (replacing the older ones there) and read from whichever
 * has the newest: no engine is special, and one that was away catches up with the next write.
 * The agent's records are one text label; the apply record ({@link ApplyRecords}) has several.
 */
final class RecordVolumes {
    private final String kind;
    private final String label;

    RecordVolumes(String kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    /** The newest record's text in these listings. */
    Optional<String> read(RecordListings listings) {
        return newest(listings, label).map(labels -> labels.get(label));
    }

    /** All labels of the newest record in these listings that has {@code having}. */
    Optional<Map<String, String>> newest(RecordListings listings, String having) {
        long newest = -1;
        Map<String, String> found = null;
        for (List<Volume> engine : listings.engines()) {
            for (Volume volume : engine) {
                long at = writtenAt(volume);
                if (kind.equals(volume.labels().get(BerthLabels.KIND)) && at > newest
                        && volume.labels().get(having) != null) {
                    newest = at;
                    found = volume.labels();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return one line per engine that could not be written */
    List<String> write(String stack, String text, DockerClients clients, Collection<DockerEndpoint> engines,
                       Clock clock) {
        long now = clock.millis();
        Map<String, String> labels = Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, kind,
                ApplyRecords.WRITTEN_AT, Long.toString(now), label, text);
        List<String> failures = new ArrayList<>();
        for (DockerEndpoint engine : engines) {
            try {
                DockerClient client = clients.client(engine);
                List<Volume> existing = records(client, stack);
                EngineJson.of(client).createVolume("berth." + stack + "." + kind + "." + now, labels);
                for (Volume old : existing) {
                    if (writtenAt(old) < now) {
                        EngineJson.of(client).removeVolume(old.name());
                    }
                }
            } catch (RuntimeException failure) {
                failures.add(engine + ": " + EngineFailures.describe(failure));
            }
        }
        return failures;
    }

    void remove(String stack, DockerClient client) {
        records(client, stack).forEach(v -> EngineJson.of(client).removeVolume(v.name()));
    }

    List<Volume> records(DockerClient client, String stack) {
        return EngineJson.of(client).listVolumes(List.of(BerthLabels.STACK + "=" + stack, BerthLabels.KIND + "=" + kind));
    }

    static long writtenAt(Volume volume) {
        return writtenAt(volume.labels());
    }

    static long writtenAt(Map<String, String> labels) {
        try {
            return Long.parseLong(labels.getOrDefault(ApplyRecords.WRITTEN_AT, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
