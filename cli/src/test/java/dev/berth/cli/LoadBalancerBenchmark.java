package dev.berth.cli;

import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.TestHosts;
import dev.berth.cli.load.LoadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures of the load balancer issue ({@code scripts/bench-lb}), with {@code RATE} requests/s
 * (default 400) over 8 keep-alive connections:
 * <ol>
 *   <li>on h1..h3, the four scenarios of {@link LoadBalancerScenarios}, each under load for at least
 *       20 s: sent, failed, p50/p99, and for the killed task how long requests failed;</li>
 *   <li>on the local engine, the load balancer's overhead on loopback: ROUNDS rounds of 10 s, each
 *       sending the load through it and straight to a task's port at the same time, medians of each
 *       side's p50 and p99 and of their differences; the tasks
 *       answer over keep-alive ({@link LoadBalancerScenarios.App#ECHO}), so the figures are the load
 *       balancer's, not a process started per request.</li>
 * </ol>
 */
public final class LoadBalancerBenchmark {
    private LoadBalancerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(System.getenv().getOrDefault("RATE", "400"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("ROUNDS", "5"));
        Path dir = Files.createTempDirectory("bench-lb");
        try {
            scenarios(dir, rate);
            loopback(dir, rate, rounds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void scenarios(Path dir, int rate) throws Exception {
        List<String> hosts = TestHosts.sockets(3);
        try (LoadBalancerScenarios lab = new LoadBalancerScenarios(dir, hosts, TestHosts.addresses(3), 8090, rate,
                Duration.ofSeconds(20), LoadBalancerScenarios.App.HTTPD).deployed()) {
            List<LoadGenerator.Report> zeroDowntime = new ArrayList<>();
            print("1 rolling update", add(zeroDowntime, lab.rollingUpdate()));
            print("2 scale 3 -> 6 -> 2", add(zeroDowntime, lab.scaleOutAndIn()));
            print("3 second service removed", add(zeroDowntime, lab.removeApi()));
            System.out.printf("1-3 together: %d sent, %d failed%n",
                    zeroDowntime.stream().mapToInt(LoadGenerator.Report::sent).sum(),
                    zeroDowntime.stream().mapToInt(LoadGenerator.Report::failed).sum());
            LoadGenerator.Report killed = lab.killOneTask();
            print("4 one task killed", killed);
            System.out.printf("4: %d failed over %d ms%n", killed.failed(), killed.failingFor().toMillis());
            lab.apply();
            LoadBalancerScenarios.SideBySide idle = lab.sideBySide(Duration.ofSeconds(10));
            print("h1..h3 idle, through the load balancer", idle.through());
            print("h1..h3 idle, at the same time straight to a task on h1", idle.direct());
        }
    }

    private static void loopback(Path dir, int rate, int rounds) throws Exception {
        try (LoadBalancerScenarios local = new LoadBalancerScenarios(dir, List.of(DockerEndpoint.defaultEndpoint(System.getenv()).uri().toString()),
                List.of("127.0.0.1"), 18090, rate, Duration.ZERO, LoadBalancerScenarios.App.ECHO).deployed()) {
            List<LoadBalancerScenarios.SideBySide> runs = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                LoadBalancerScenarios.SideBySide run = local.sideBySide(Duration.ofSeconds(10));
                print("loopback round " + (i + 1) + ", through the load balancer", run.through());
                print("loopback round " + (i + 1) + ", straight to a task       ", run.direct());
                runs.add(run);
            }
            System.out.printf("loopback, medians of %d rounds: through p50 %.2f ms p99 %.2f ms; direct p50 %.2f ms"
                            + " p99 %.2f ms; added by the load balancer (median of the rounds' differences):"
                            + " p50 %+.2f ms, p99 %+.2f ms (target: p99 under 2 ms)%n", rounds,
                    median(runs, r -> r.through().p50Millis()), median(runs, r -> r.through().p99Millis()),
                    median(runs, r -> r.direct().p50Millis()), median(runs, r -> r.direct().p99Millis()),
                    median(runs, r -> r.through().p50Millis() - r.direct().p50Millis()),
                    median(runs, r -> r.through().p99Millis() - r.direct().p99Millis()));
        }
    }

    private static LoadGenerator.Report add(List<LoadGenerator.Report> reports, LoadGenerator.Report report) {
        reports.add(report);
        return report;
    }

    private static void print(String what, LoadGenerator.Report report) {
        System.out.println(what + ": " + report.summary());
    }

    /** The median of a figure of the rounds, for this and the other benchmarks of the load generator. */
    static <T> double median(List<T> reports, ToDoubleFunction<T> figure) {
        double[] values = reports.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
