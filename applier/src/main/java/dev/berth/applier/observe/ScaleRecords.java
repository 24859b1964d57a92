package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
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
    private static final RecordVolumes VOLUMES = new RecordVolumes(KIND_SCALED, "berth.scaled");

    private ScaleRecords() {
    }

    /** The newest record of these listings; empty when none has one. */
    static List<ScaledCount> read(RecordListings listings) {
        return VOLUMES.read(listings).map(ScaleRecords::parse).orElse(List.of());
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
        return VOLUMES.write(stack, format(counts.values()), clients, engines, clock);
    }

    /** After destroy the stack's next apply starts from its own desiredCount again. */
    public static void remove(String stack, DockerClient client) {
        VOLUMES.remove(stack, client);
    }

    /**
     * One service per line: name, count, when (ISO-8601), out or in, the scheduled min and max ("-":
     * the stack's), the count before ("-": not known). Records without the last field are read too.
     */
    static String format(Collection<ScaledCount> counts) {
        return counts.stream().map(c -> String.join(" ", c.service(), Integer.toString(c.count()), c.at().toString(),
                c.scaledOut() ? "out" : "in", bound(c.minCapacity()), bound(c.maxCapacity()), bound(c.from())))
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
            if (f.length != 6 && f.length != 7) {
                continue;
            }
            try {
                counts.add(new ScaledCount(f[0], Integer.parseInt(f[1]), Instant.parse(f[2]), "out".equals(f[3]),
                        bound(f[4]), bound(f[5]), f.length == 7 ? bound(f[6]) : null));
            } catch (NumberFormatException | DateTimeParseException unreadable) {
                // A line berth did not write counts as no record for that service.
            }
        }
        return counts;
    }
}
