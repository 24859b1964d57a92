package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.observed.ServiceThrottle;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The services the agent holds back for failing, kept on the hosts ({@code berth.<stack>.restarts.<millis>})
 * so that {@code berth status}, on any machine, says how many replacements in a row there were and
 * when the next may go.
 */
public final class RestartRecords {
    private static final RecordVolumes VOLUMES = new RecordVolumes("restarts", "berth.restarts");

    private RestartRecords() {
    }

    static List<ServiceThrottle> read(RecordListings listings) {
        return VOLUMES.read(listings).map(RestartRecords::parse).orElse(List.of());
    }

    /** The services held back now (none: the record says so, and status shows nothing). */
    public static List<String> write(String stack, List<ServiceThrottle> throttles, DockerClients clients,
                                     Collection<DockerEndpoint> engines, Clock clock) {
        return VOLUMES.write(stack, throttles.stream().map(t -> t.service() + " " + t.restarts() + " " + t.nextAttempt())
                .collect(Collectors.joining("\n")), clients, engines, clock);
    }

    public static void remove(String stack, DockerClient client) {
        VOLUMES.remove(stack, client);
    }

    static List<ServiceThrottle> parse(String record) {
        List<ServiceThrottle> throttles = new ArrayList<>();
        for (String line : record.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length != 3) {
                continue;
            }
            try {
                throttles.add(new ServiceThrottle(f[0], Integer.parseInt(f[1]), Instant.parse(f[2])));
            } catch (NumberFormatException | DateTimeParseException unreadable) {
                // Not a line berth wrote: no throttle shown for it.
            }
        }
        return throttles;
    }
}
