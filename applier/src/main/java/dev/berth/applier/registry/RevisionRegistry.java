package dev.berth.applier.registry;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.observe.RevisionVolumes;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.RevisionDetail;
import dev.berth.schema.canonical.CanonicalJson;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records task definition revisions: writes the record (see {@link RevisionVolumes}) to the hosts
 * the plan names for it, each engine once, so any machine reaching any of those hosts reads the
 * same history. Writing is idempotent; a host that records the number with another hash stops it.
 */
public final class RevisionRegistry {
    private final DockerClients clients;
    private final Clock clock;

    public RevisionRegistry(DockerClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * @param hosts the hosts of the plan's revision detail
     * @throws RevisionConflictException a host records this revision with another spec hash; hosts
     *                                   written before it was found keep the new record
     */
    public Registration register(String stack, RevisionDetail revision, List<ClusterHost> hosts) {
        RevisionRecord record = new RevisionRecord(revision.family(), revision.revision(), revision.specHash(),
                CanonicalJson.write(revision.definition()), clock.instant());
        String volume = RevisionVolumes.volumeName(stack, revision.family(), revision.revision());
        Map<String, String> labels = RevisionVolumes.labels(stack, record);
        List<String> written = new ArrayList<>();
        List<String> present = new ArrayList<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        ClusterHosts.byEngine(hosts).forEach((endpoint, sharers) -> {
            String names = ClusterHosts.names(sharers);
            EngineJson engine = EngineJson.of(clients.client(endpoint));
            try {
                boolean existed = existingHash(engine, volume) != null;
                if (!existed) {
                    engine.createVolume(volume, labels);
                }
                // Read back: a concurrent registration may have created the volume with its own labels first.
                String recorded = existingHash(engine, volume);
                if (!revision.specHash().equals(recorded)) {
                    throw new RevisionConflictException("revision " + revision.label() + " is already registered on "
                            + names + " with spec hash " + recorded + ", not " + revision.specHash()
                            + "; revision numbers are never reused (volume " + volume + ")");
                }
                (existed ? present : written).add(names);
            } catch (RevisionConflictException conflict) {
                throw conflict;
            } catch (RuntimeException failure) {
                unreachable.put(names, EngineFailures.describe(failure));
            }
        });
        return new Registration(revision.label(), written, present, unreachable);
    }

    /** The spec hash the host records under the volume name, "" for a record without one, null when absent. */
    private static String existingHash(EngineJson engine, String volume) {
        return engine.inspectVolume(volume).map(existing -> existing.labels().getOrDefault(BerthLabels.SPEC_HASH, ""))
                .orElse(null);
    }
}
