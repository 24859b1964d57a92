package dev.berth.applier.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.applier.events.ApplyEvent;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentStatusPageTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Pattern POLYLINE =
            Pattern.compile("<polyline[^>]*data-series=\"([^\"]+)\"[^>]*points=\"([^\"]*)\"");

    private final AgentMetrics metrics = new AgentMetrics();

    private static ObservedContainer container(String state, Integer exitCode, String health) {
        return new ObservedContainer("c-" + state, "docker-name", "app", state, health, exitCode, Map.of(), List.of(),
                new ContainerConfig("berth/busybox:1", List.of(), List.of(), Map.of("API_TOKEN", "hunter2"), null,
                        null, null));
    }

    private static ObservedTask task(String service, String id, String host, ObservedContainer container) {
        return new ObservedTask(id, "main", host, service, service, 1, "sha256:1", List.of(container));
    }

    /** Each series of the page's plots, as its points' coordinates. */
    private static Map<String, List<double[]>> plotted(String page) {
        Map<String, List<double[]>> series = new TreeMap<>();
        Matcher m = POLYLINE.matcher(page);
        while (m.find()) {
            series.put(m.group(1), Arrays.stream(m.group(2).split(" "))
                    .map(xy -> Arrays.stream(xy.split(",")).mapToDouble(Double::parseDouble).toArray()).toList());
        }
        return series;
    }

    @Test
    void theTasksOfTheLastRoundAreShownByHostWithTheirStateAndHealthAndNothingOfTheirEnvironment() {
        ObservedState observed = new ObservedState("shop",
                List.of(new ObservedHost("main", "h1", "tcp://h1:2376", true, null, null),
                        new ObservedHost("main", "h2", "tcp://h2:2376", false, "refused", null)),
                List.of(task("web", "web-1-aaaaaa", "h1", container("running", null, "healthy")),
                        task("web", "web-1-bbbbbb", "h1", container("exited", 137, "unhealthy")),
                        task("db", "db-1-cccccc", "h1", container("running", null, null))),
                List.of(), List.of(), List.of());
        metrics.leading("shop", true);
        metrics.round("shop", observed, Map.of("web", 2, "db", 1), T0);

        String page = AgentStatusPage.render(metrics.snapshot(List.of("shop"), T0.plusSeconds(1)));

        assertTrue(page.contains("This agent leads it; last round at <time datetime=\"2026-12-01T12:00:00Z\">"), page);
        String h1 = page.substring(page.indexOf("<table class=\"tasks\" data-host=\"main/h1\">"));
        h1 = h1.substring(0, h1.indexOf("</table>"));
        assertTrue(h1.indexOf("db-1-cccccc") < h1.indexOf("web-1-aaaaaa"), "by service, then id: " + h1);
        assertTrue(h1.contains("<td class=\"task\">web-1-aaaaaa</td><td>running</td><td>healthy</td>"), h1);
        assertTrue(h1.contains("<td class=\"task\">web-1-bbbbbb</td><td class=\"stopped\">exited (137)</td>"
                + "<td class=\"unhealthy\">unhealthy</td>"), h1);
        assertTrue(h1.contains("<td class=\"task\">db-1-cccccc</td><td>running</td><td>-</td>"), h1);
        assertTrue(page.contains("<h3>Host main/h2 <span class=\"away\">(not answering)</span></h3>\n"
                + "<p class=\"none\">no tasks</p>"), page);
        assertFalse(page.contains("hunter2") || page.contains("API_TOKEN"), page);
    }

    @Test
    void eventTextsAndNamesAreEscaped() {
        metrics.on(new ApplyEvent(T0, ApplyEvent.Type.info, "service.<b>", "<script>alert(\"x\")</script> & 'more'",
                null));
        metrics.round("o'neil<", new ObservedState("o'neil<", List.of(new ObservedHost("main", "h<1>", "tcp://h1:2376",
                true, null, null)), List.of(task("w\"eb", "w\"eb-1-aaaaaa", "h<1>", container("running", null, null))),
                List.of(), List.of(), List.of()), Map.of(), T0);
        metrics.sampled("o'neil<", "w\"eb", T0, 1, 1, Map.of("cpu", 1.0));

        String page = AgentStatusPage.render(metrics.snapshot(List.of("o'neil<"), T0.plusSeconds(1)));

        assertTrue(page.contains("<b>service.&lt;b&gt;</b>: <span class=\"message\">&lt;script&gt;alert(&quot;x&quot;)"
                + "&lt;/script&gt; &amp; &#39;more&#39;</span>"), page);
        assertTrue(page.contains("data-stack=\"o&#39;neil&lt;\""), page);
        assertTrue(page.contains("data-host=\"main/h&lt;1&gt;\""), page);
        assertTrue(page.contains("<td>w&quot;eb</td>"), page);
        assertTrue(page.contains("data-service=\"w&quot;eb\""), page);
        for (String raw : List.of("<script", "o'neil<", "h<1>", "w\"eb")) {
            assertFalse(page.contains(raw), raw + " unescaped: " + page);
        }
    }

    @Test
    void aScaledServiceIsPlottedOnePointPerSampleAcrossTheHourWithItsLatestValuesInTheCaption() {
        metrics.sampled("shop", "web", T0.minus(Duration.ofMinutes(30)), 1, 1, Map.of("cpu", 20.0));
        metrics.sampled("shop", "web", T0.minusSeconds(60), 1, 1, Map.of("cpu", 140.0, "memory", 10.0));
        metrics.sampled("shop", "web", T0, 3, 2, Map.of("cpu", 70.0, "memory", 12.5));

        String page = AgentStatusPage.render(metrics.snapshot(List.of("shop"), T0));

        assertTrue(page.contains("<h3>Auto scaling, last hour</h3>"), page);
        assertTrue(page.contains("desired 3") && page.contains("running 2") && page.contains("cpu 70.0 %")
                && page.contains("memory 12.5 %"), page);
        Map<String, List<double[]>> series = plotted(page);
        assertEquals(List.of("cpu", "desired", "memory", "running"), List.copyOf(series.keySet()));
        assertEquals(3, series.get("desired").size());
        assertEquals(2, series.get("memory").size(), "memory was measured from the second sample on");
        // Plot area: x 60 to 664 for an hour ago to now, y 178 (0) to 10 (3 tasks, 150 %).
        List<double[]> running = series.get("running");
        assertEquals(362.0, running.getFirst()[0], 0.1, "half an hour ago: the middle");
        assertEquals(664.0, running.getLast()[0], 0.1, "now: the right edge");
        assertEquals(178 - 168 * 2 / 3.0, running.getLast()[1], 0.1, "2 of at most 3 tasks");
        assertEquals(10.0, series.get("desired").getLast()[1], 0.1);
        assertEquals(10 + 168 / 15.0, series.get("cpu").get(1)[1], 0.1, "140 % of an axis rounded up to 150 %");
        assertTrue(page.contains(">150 %</text>") && page.contains(">3 tasks</text>"), page);
    }

    @Test
    void aStackBeforeItsFirstRoundSaysSoWithoutAPlotAndTheEventsComeNewestFirst() {
        metrics.on(new ApplyEvent(T0, ApplyEvent.Type.info, null, "the first", null));
        metrics.on(new ApplyEvent(T0.plusSeconds(1), ApplyEvent.Type.info, null, "the second", null));

        String page = AgentStatusPage.render(metrics.snapshot(List.of("shop"), T0.plusSeconds(2)));

        assertTrue(page.contains("This agent has not tried to lead it yet; no round yet."), page);
        assertFalse(page.contains("<svg") || page.contains("Auto scaling"), page);
        assertTrue(page.indexOf("the second") < page.indexOf("the first"), page);
    }
}
