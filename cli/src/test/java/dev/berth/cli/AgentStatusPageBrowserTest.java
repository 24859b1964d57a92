package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The agent's status page as a browser shows it: a real agent on the local engine, its page
 * loaded by headless Chromium (Debian's chromium, which scripts/test installs), and the DOM it
 * built read back.
 */
@ExtendWith(RequiresDocker.class)
class AgentStatusPageBrowserTest {
    private static final int LEASE = 4;
    private static final Duration CHROMIUM_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** Chromium from PATH; without it the test is skipped, except on CI, where it fails. */
    private static Path chromium() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String missing = "no chromium on PATH (Debian's chromium package; scripts/test installs it)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionFailedError("CI=true but " + missing);
        }
        throw new TestAbortedException(missing);
    }

    /** The DOM Chromium built from the page, once it loaded. */
    private String dumpDom(Path chromium, String url) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Path err = dir.resolve("chromium.err");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--dump-dom", url).redirectError(err.toFile()).start();
        byte[] dom = browser.getInputStream().readAllBytes();
        if (!browser.waitFor(CHROMIUM_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish within " + CHROMIUM_LIMIT + ": " + Files.readString(err));
        }
        assertEquals(0, browser.exitValue(), Files.readString(err));
        return new String(dom, StandardCharsets.UTF_8);
    }

    /** The points of the page's polyline for {@code series} in the plot of {@code service}. */
    private static int points(String dom, String service, String series) {
        int figure = dom.indexOf("<figure class=\"scaling\" data-service=\"" + service + "\">");
        if (figure < 0) {
            return 0;
        }
        String plot = dom.substring(figure, dom.indexOf("</figure>", figure));
        Matcher line = Pattern.compile("<polyline[^>]*data-series=\"" + series + "\"[^>]*points=\"([^\"]*)\"")
                .matcher(plot);
        return line.find() ? line.group(1).trim().split("\\s+").length : 0;
    }

    @Test
    void chromiumShowsTheStacksTasksByHostTheAgentsEventsAndAPlotOfTheScaledServicesCountAndMetrics()
            throws Exception {
        Path chromium = chromium();
        try (EngineStack stack = new EngineStack(dir, "page-").write("""
                version: 1
                stack: %STACK%
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    cpu: 256
                    memory: 32
                    containerDefinitions:
                      - {name: app, image: berth/busybox:1, command: SLEEPER, stopTimeout: 1}
                  side:
                    memory: 32
                    containerDefinitions:
                      - {name: app, image: berth/busybox:1, command: SLEEPER, stopTimeout: 1}
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 1
                    autoScaling:
                      minCapacity: 1
                      maxCapacity: 2
                      targetTracking: [{metric: cpu, targetValue: 50}, {metric: memory, targetValue: 80}]
                  side: {cluster: main, taskDefinition: side, desiredCount: 1}
                """.replace("SLEEPER", EngineStack.SLEEPER))) {
            stack.applied();
            Set<String> tasks = stack.tasks().stream().map(c -> c.getLabels().get(BerthLabels.TASK))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(2, tasks.size(), tasks.toString());
            // A round a second: the plot has its points within seconds.
            try (AgentProcess agent = new AgentProcess(dir, LEASE, "--interval", "1", "--listen", "127.0.0.1:0",
                    stack.name)) {
                String serving = agent.await(m -> m.startsWith("serving http://"), AgentProcess.STARTED)
                        .path("message").asText();
                String page = serving.substring("serving ".length(), serving.indexOf("/metrics")) + "/";
                agent.await(m -> m.contains("this agent leads it"), AgentProcess.STARTED);
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> served = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline
                        && (served == null || points(served.body(), "web", "running") < 2)) {
                    Thread.sleep(250);
                    served = http.send(HttpRequest.newBuilder(URI.create(page)).build(),
                            HttpResponse.BodyHandlers.ofString());
                }
                assertEquals(200, served.statusCode());
                assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));

                String dom = dumpDom(chromium, page);

                int section = dom.indexOf("<section class=\"stack\" data-stack=\"" + stack.name + "\">");
                assertTrue(section >= 0, dom);
                String host = dom.substring(dom.indexOf("<table class=\"tasks\" data-host=\"main/local\">", section));
                host = host.substring(0, host.indexOf("</table>"));
                for (String task : tasks) {
                    assertTrue(host.contains("<td class=\"task\">" + task + "</td><td>running</td>"),
                            task + " running on main/local: " + host);
                }
                assertTrue(host.contains("<td>web</td>") && host.contains("<td>side</td>"), host);
                String events = dom.substring(dom.indexOf("<ol class=\"events\">"));
                assertTrue(events.contains("<span class=\"message\">stack " + stack.name + ": this agent leads it"
                        + "</span>"), events);
                for (String series : List.of("desired", "running", "cpu", "memory")) {
                    assertTrue(points(dom, "web", series) >= 2, series + " has at least 2 points: " + dom);
                }
                assertEquals(0, points(dom, "side", "running"), "side does not scale: no plot");
            }
        }
    }
}
