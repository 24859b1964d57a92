package dev.berth.cli;

import com.github.dockerjava.api.model.ContainerNetwork;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.loadbalancer.LoadBalancerRuntime;
import dev.berth.applier.testing.TestHosts;
import dev.berth.cli.load.LoadGenerator;
import dev.berth.planner.network.NetworkNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Service Connect proxy adds to a request ({@code scripts/bench-sc}, which runs this in h3's
 * network namespace, where h3's tasks are): {@code examples/multi-host} applied, then ROUNDS
 * (default 5) alternating rounds of 10 s at RATE requests/s (default 200) over 4 connections,
 * straight to web's task on h1 at its published port, and to web through the proxy on h3 (as a
 * task there calling web.internal:8080 reaches it); medians of each side's p50 and p99 and of the
 * rounds' differences.
 */
public final class ServiceConnectBenchmark {
    private static final String STACK = "multi-host";
    private static final Duration ROUND = Duration.ofSeconds(10);

    private ServiceConnectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(System.getenv().getOrDefault("RATE", "200"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
        String example = Path.of("..", "examples", "multi-host").toAbsolutePath().normalize().toString();
        CommandRun apply = CommandRun.of("apply", "--yes", "--no-color", example);
        if (apply.exitCode() != 0) {
            throw new IllegalStateException("apply failed: " + apply.err());
        }
        try (DockerClients clients = new DockerClients()) {
            String h1 = TestHosts.addresses(3).getFirst();
            Map<String, ContainerNetwork> networks = clients.client(DockerEndpoint.parse(TestHosts.sockets(3).get(2),
                    Map.of())).inspectContainerCmd(LoadBalancerRuntime.containerName(STACK, "web.internal")).exec()
                    .getNetworkSettings().getNetworks();
            String proxy = networks.get(NetworkNames.namespace(STACK, "internal")).getIpAddress();
            List<LoadGenerator.Report[]> runs = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                LoadGenerator.Report direct = run(h1, rate);
                LoadGenerator.Report through = run(proxy, rate);
                System.out.println("round " + (i + 1) + ": straight to the task on h1: " + direct.summary());
                System.out.println("round " + (i + 1) + ": through the proxy on h3:    " + through.summary());
                runs.add(new LoadGenerator.Report[] {direct, through});
            }
            System.out.printf("medians of %d rounds: direct p50 %.2f ms p99 %.2f ms; through the proxy p50 %.2f ms"
                            + " p99 %.2f ms; added by the proxy (median of the rounds' differences): p50 %+.2f ms,"
                            + " p99 %+.2f ms; failed %d of %d%n", rounds,
                    LoadBalancerBenchmark.median(runs, r -> r[0].p50Millis()), LoadBalancerBenchmark.median(runs, r -> r[0].p99Millis()),
                    LoadBalancerBenchmark.median(runs, r -> r[1].p50Millis()), LoadBalancerBenchmark.median(runs, r -> r[1].p99Millis()),
                    LoadBalancerBenchmark.median(runs, r -> r[1].p50Millis() - r[0].p50Millis()),
                    LoadBalancerBenchmark.median(runs, r -> r[1].p99Millis() - r[0].p99Millis()),
                    runs.stream().mapToInt(r -> r[0].failed() + r[1].failed()).sum(),
                    runs.stream().mapToInt(r -> r[0].sent() + r[1].sent()).sum());
        } finally {
            CommandRun.of("destroy", "--yes", example);
        }
    }

    private static LoadGenerator.Report run(String host, int rate) throws InterruptedException {
        LoadGenerator load = new LoadGenerator(host, 8080, "/", rate, 4, ROUND.plusSeconds(10)).start();
        Thread.sleep(ROUND);
        return load.stop();
    }
}
