package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ScaledCount;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The counts auto scaling set, kept on the hosts as the apply record is: a volume
 * {@code berth.<stack>.scaled.<millis>} on every engine that answers, the counts in its labels,
 * replacing the older ones. The plan reads them, so {@code apply} keeps what the scaler set
 * instead of resetting it to the stack's desiredCount. {@code destroy} removes them.
 */
public final class ScaleRecords {
    public static final String KIND_SCALED = "scaled";
    static final String COUNTS = "berth.scaled";

    private ScaleRecords() {
    }

    /** The newest record on these engines; empty when none has one. */
    public static List<ScaledCount> read(String stack, DockerClients clients, Collection<DockerEndpoint> engines) {
        long newest = -1;
        String record = null;
        for (DockerEndpoint engine : engines) {
            try {
                for (InspectVolumeResponse volume : records(clients.client(engine), stack)) {
                    long at = writtenAt(volume);
                    if (at > newest && volume.getLabels().get(COUNTS) != null) {
                        newest = at;
                        record = volume.getLabels().get(COUNTS);
                    }
                }
            } catch (RuntimeException unreadable) {
                // Another engine's record serves as well.
            }
        }
        return record == null ? List.of() : parse(record);
    }

    /**
     * Records {@code count} for the service beside the other services' counts of {@code current},
     * on every engine that answers.
     *
     * @return one line per engine that could not be written
     */
    public static List<String> write(String stack, List<ScaledCount> current, ScaledCount count,
                                     DockerClients clients, Collection<DockerEndpoint> engines, Clock clock) {
        Map<String, ScaledCount> counts = new TreeMap<>();
        current.forEach(c -> counts.put(c.service(), c));
        counts.put(count.service(), count);
        long now = clock.millis();
        Map<String, String> labels = Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, KIND_SCALED,
                ApplyRecords.WRITTEN_AT, Long.toString(now), COUNTS, format(counts.values()));
        List<String> failures = new ArrayList<>();
        for (DockerEndpoint engine : engines) {
            try {
                DockerClient client = clients.client(engine);
                List<InspectVolumeResponse> existing = records(client, stack);
                client.createVolumeCmd().withName("berth." + stack + ".scaled." + now).withLabels(labels).exec();
                for (InspectVolumeResponse old : existing) {
                    if (writtenAt(old) < now) {
                        client.removeVolumeCmd(old.getName()).exec();
                    }
                }
            } catch (RuntimeException failure) {
                failures.add(engine + ": " + EngineFailures.describe(failure));
            }
        }
        return failures;
    }

    /** After destroy the stack's next apply starts from its own desiredCount again. */
    public static void remove(String stack, DockerClient client) {
        records(client, stack).forEach(v -> client.removeVolumeCmd(v.getName()).exec());
    }

    private static List<InspectVolumeResponse> records(DockerClient client, String stack) {
        List<InspectVolumeResponse> volumes = client.listVolumesCmd()
                .withFilter("label", List.of(BerthLabels.STACK + "=" + stack, BerthLabels.KIND + "=" + KIND_SCALED))
                .exec().getVolumes();
        return volumes == null ? List.of() : volumes.stream().filter(v -> v.getLabels() != null).toList();
    }

    private static long writtenAt(InspectVolumeResponse volume) {
        try {
            return Long.parseLong(volume.getLabels().getOrDefault(ApplyRecords.WRITTEN_AT, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One service per line: name, count, when (ISO-8601), out or in, the scheduled min and max ("-": the stack's). */
    static String format(Collection<ScaledCount> counts) {
        return counts.stream().map(c -> String.join(" ", c.service(), Integer.toString(c.count()), c.at().toString(),
                c.scaledOut() ? "out" : "in", bound(c.minCapacity()), bound(c.maxCapacity())))
                .collect(Collectors.joining("\n"));
    }

    private static String bound(Integer bound) {
        return bound == null ? "-" : bound.toString();
    }

    private static Integer bound(String text) {
        return text.equals("-") ? null : Integer.valueOf(text);
    }

    static List<ScaledCount> parse(String record) {
        List<ScaledCount> counts = new ArrayList<>();
        for (String line : record.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length != 6) {
                continue;
            }
            try {
                counts.add(new ScaledCount(f[0], Integer.parseInt(f[1]), Instant.parse(f[2]), "out".equals(f[3]),
                        bound(f[4]), bound(f[5])));
            } catch (NumberFormatException | DateTimeParseException unreadable) {
                // A line berth did not write counts as no record for that service.
            }
        }
        return counts;
    }
}
