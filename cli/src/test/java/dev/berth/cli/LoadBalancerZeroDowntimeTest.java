package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.testing.TestHosts;
import dev.berth.cli.load.LoadGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of {@link LoadBalancerScenarios} with a steady 200 requests/s through the load
 * balancer the whole time: a rolling update, a scale out and in, and the removal of api lose no
 * request, and none closes a connection under a client (the first two change servers through
 * the runtime API, the third reloads); a killed task loses at most what
 * arrives before the load balancer notices, and the next apply repairs it. The multi-host example
 * does what its README shows: no request fails on either copy of its load balancer while a new
 * greeting rolls out.
 */
@ResourceLock(TestHosts.LOCK)
class LoadBalancerZeroDowntimeTest {
    private static final int RATE = 200;

    @TempDir
    Path dir;

    private LoadBalancerScenarios scenarios() {
        return new LoadBalancerScenarios(dir, TestHosts.sockets(3), TestHosts.addresses(3), 8090, RATE, Duration.ZERO,
                LoadBalancerScenarios.App.HTTPD);
    }

    @Test
    void deploymentsScalingAndARemovedServiceLoseNoRequestThroughTheLoadBalancer() throws Exception {
        try (LoadBalancerScenarios lab = scenarios().deployed()) {
            CommandRun plan = CommandRun.of("plan", "--detailed-exitcode", lab.stackFile.toString());
            assertEquals(0, plan.exitCode(), "apply twice gives no changes: " + plan.out());

            LoadGenerator.Report update = lab.rollingUpdate();
            assertEquals(0, update.failed(), "rolling update: " + update);
            assertEquals(0, update.retried(), "no connection closed under a client: " + update);
            assertTrue(update.answeredBy().size() >= 6, "three old and three new tasks answered: " + update);

            LoadGenerator.Report scale = lab.scaleOutAndIn();
            assertEquals(0, scale.failed(), "scale 3 -> 6 -> 2: " + scale);
            assertEquals(0, scale.retried(), "no connection closed under a client: " + scale);

            LoadGenerator.Report removed = lab.removeApi();
            assertEquals(0, removed.failed(), "api removed from the load balancer: " + removed);
            assertEquals(0, removed.retried(), "the reload closed no connection under a client: " + removed);
            System.out.println("load balancer under load: update " + update + "; scale " + scale + "; remove " + removed);
        }
    }

    @Test
    void theMultiHostExampleAnswersEveryRequestOnBothCopiesDuringARollingUpdate() throws Exception {
        TestHosts.sockets(3);
        String example = Path.of("..", "examples", "multi-host").toString();
        try {
            assertEquals(0, CommandRun.of("apply", "--yes", "--no-color", example).exitCode());
            List<String> addresses = TestHosts.addresses(2);
            LoadGenerator first = new LoadGenerator(addresses.get(0), 80, "/", RATE / 2, 4, Duration.ofMinutes(3)).start();
            LoadGenerator second = new LoadGenerator(addresses.get(1), 80, "/", RATE / 2, 4, Duration.ofMinutes(3)).start();
            CommandRun update = CommandRun.of("apply", "--yes", "--no-color", "--var", "greeting=hi", example);
            Thread.sleep(1000);
            LoadGenerator.Report onH1 = first.stop();
            LoadGenerator.Report onH2 = second.stop();
            assertEquals(0, update.exitCode(), update.out() + update.err());
            for (LoadGenerator.Report report : List.of(onH1, onH2)) {
                assertEquals(0, report.failed(), report.toString());
                assertTrue(report.answeredBy().keySet().stream().anyMatch(b -> b.startsWith("hello from task"))
                        && report.answeredBy().keySet().stream().anyMatch(b -> b.startsWith("hi from task")), report.toString());
            }
            System.out.println("examples/multi-host, rolling update: through h1 " + onH1 + "; through h2 " + onH2);
        } finally {
            CommandRun destroy = CommandRun.of("destroy", "--yes", "--volumes", example);
            assertEquals(0, destroy.exitCode(), destroy.out() + destroy.err());
        }
    }

    @Test
    void aKilledTaskLosesOnlyWhatCameBeforeTheLoadBalancerNoticedAndApplyRepairsIt() throws Exception {
        try (LoadBalancerScenarios lab = scenarios().deployed()) {
            LoadGenerator.Report killed = lab.killOneTask();
            System.out.println("load balancer, one task killed: " + killed);
            assertTrue(killed.failed() <= RATE, "at most a second's worth of requests fails: " + killed);

            CommandRun drift = CommandRun.of("drift", lab.stackFile.toString());
            assertEquals(2, drift.exitCode(), drift.out());
            lab.apply();
            assertEquals(0, CommandRun.of("drift", lab.stackFile.toString()).exitCode());
        }
    }

    @Test
    void withTheAgentAKilledTaskIsReplacedBehindTheLoadBalancerWithoutAFailedRequest() throws Exception {
        try (LoadBalancerScenarios lab = scenarios().deployed();
             // The stack file names the hosts the agent finds the record on (h1..h3, not the local engine).
             AgentProcess agent = new AgentProcess(dir, 5, "--listen", "off", "--interval", "10",
                     lab.stackFile.toString())) {
            agent.await(m -> m.contains("this agent leads it"), AgentProcess.STARTED);
            LoadGenerator.Report killed = lab.killOneTask(() -> agent.said(m -> m.startsWith("Agent complete"))
                    && lab.webTargetsUp() == 3);
            System.out.println("load balancer and agent, one task killed: " + killed);
            assertTrue(agent.said(m -> m.startsWith("replacing failed tasks")), agent.messages().toString());
            assertEquals(3, lab.webTargetsUp(), "the replacement is in rotation: " + agent.messages());
            assertEquals(0, killed.failed(), "HAProxy retries while the agent replaces the task: " + killed);
        }
    }
}
