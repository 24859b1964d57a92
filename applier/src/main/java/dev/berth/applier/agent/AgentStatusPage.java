package dev.berth.applier.agent;

import dev.berth.applier.events.ApplyEvent;
import dev.berth.schema.model.AutoScaling;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The agent's status page: each stack's tasks by host as its last round saw them, a plot of each
 * auto scaled service's counts and metrics over the last hour, and the process's recent events.
 * Server-rendered HTML with inline SVG and no script: it needs nothing from the internet, a
 * browser with scripts off shows it whole, and it reloads itself. Every text from the stacks and
 * events is escaped.
 */
final class AgentStatusPage {
    private static final int REFRESH_SECONDS = 5;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int LEFT = 60;
    private static final int RIGHT = 56;
    private static final int TOP = 10;
    private static final int BOTTOM = 22;
    private static final String DESIRED_COLOR = "#1f77b4";
    private static final String RUNNING_COLOR = "#2ca02c";
    private static final String[] METRIC_COLORS = {"#d62728", "#9467bd", "#ff7f0e", "#8c564b"};

    private AgentStatusPage() {
    }

    static String render(AgentMetrics.Snapshot snapshot) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">\n")
                .append("<title>berth agent</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.3em 0 1em}\n")
                .append("th,td{text-align:left;padding:.15em .8em .15em 0;border-bottom:1px solid #ddd}\n")
                .append("td.task,time{font-family:ui-monospace,monospace}\n")
                .append(".unhealthy,.stopped,.away{color:#b00}\n.none{color:#777}\n")
                .append(".swatch{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em}\n")
                .append("svg text{font-size:11px;fill:#555}\nol.events{padding-left:0;list-style:none}\n")
                .append("</style>\n</head>\n<body>\n<h1>berth agent</h1>\n<p>As of ")
                .append(time(snapshot.now())).append(", reloading every ").append(REFRESH_SECONDS)
                .append(" s. Also: <a href=\"/metrics\">/metrics</a>, <a href=\"/healthz\">/healthz</a>.</p>\n");
        for (AgentMetrics.StackStatus stack : snapshot.stacks()) {
            stack(out, stack, snapshot.now());
        }
        out.append("<section class=\"events\">\n<h2>Recent events</h2>\n");
        if (snapshot.events().isEmpty()) {
            out.append("<p class=\"none\">none yet</p>\n");
        } else {
            out.append("<ol class=\"events\">\n");
            for (ApplyEvent event : snapshot.events()) {
                out.append("<li>").append(time(event.at())).append(' ').append(escape(event.type().name()));
                if (event.address() != null) {
                    out.append(" <b>").append(escape(event.address())).append("</b>");
                }
                out.append(": <span class=\"message\">").append(escape(event.message())).append("</span></li>\n");
            }
            out.append("</ol>\n");
        }
        return out.append("</section>\n</body>\n</html>\n").toString();
    }

    private static void stack(StringBuilder out, AgentMetrics.StackStatus stack, Instant now) {
        out.append("<section class=\"stack\" data-stack=\"").append(escape(stack.stack())).append("\">\n<h2>Stack ")
                .append(escape(stack.stack())).append("</h2>\n<p>")
                .append(stack.leads() == null ? "This agent has not tried to lead it yet"
                        : stack.leads() ? "This agent leads it" : "Another agent leads it; this one waits")
                .append(stack.lastRound() == null ? "; no round yet" : "; last round at " + time(stack.lastRound()))
                .append(".</p>\n");
        for (AgentMetrics.HostTasks host : stack.hosts()) {
            String name = host.cluster() + "/" + host.host();
            out.append("<h3>Host ").append(escape(name))
                    .append(host.reachable() ? "" : " <span class=\"away\">(not answering)</span>").append("</h3>\n");
            if (host.tasks().isEmpty()) {
                out.append("<p class=\"none\">no tasks</p>\n");
                continue;
            }
            out.append("<table class=\"tasks\" data-host=\"").append(escape(name))
                    .append("\">\n<tr><th>Service</th><th>Task</th><th>State</th><th>Health</th></tr>\n");
            for (AgentMetrics.TaskState task : host.tasks()) {
                out.append("<tr><td>").append(task.service() == null ? "-" : escape(task.service()))
                        .append("</td><td class=\"task\">").append(escape(task.taskId()))
                        .append("</td><td").append(task.state().equals("running") ? "" : " class=\"stopped\"")
                        .append('>').append(escape(task.state())).append("</td><td")
                        .append("unhealthy".equals(task.health()) ? " class=\"unhealthy\"" : "").append('>')
                        .append(task.health() == null ? "-" : escape(task.health())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (!stack.series().isEmpty()) {
            out.append("<h3>Auto scaling, last hour</h3>\n");
            stack.series().forEach((service, points) -> plot(out, service, points, now));
        }
        out.append("</section>\n");
    }

    /**
     * Desired and running tasks on the left axis, each metric on the right one (percent, or requests), time
     * from an hour ago to now; the latest values in the caption, which is also the legend.
     */
    private static void plot(StringBuilder out, String service, List<AgentMetrics.Point> points, Instant now) {
        TreeSet<String> metrics = new TreeSet<>();
        points.forEach(p -> metrics.addAll(p.metrics().keySet()));
        int maxCount = Math.max(1, points.stream().mapToInt(p -> Math.max(p.desired(), p.running())).max()
                .orElse(0));
        // Utilization on a percent scale, 100 % at least so that a service at 5 % does not look busy
        // (above, whole steps of 50); requests per target on a scale of their own.
        double maxPercent = Math.max(100, Math.ceil(highest(points, false) / 50) * 50);
        double maxRequests = Math.max(10, Math.ceil(highest(points, true) / 10) * 10);
        AgentMetrics.Point last = points.getLast();

        out.append("<figure class=\"scaling\" data-service=\"").append(escape(service))
                .append("\">\n<figcaption><b>").append(escape(service)).append("</b>, at ").append(time(last.at()))
                .append(':');
        swatch(out, DESIRED_COLOR, "desired " + last.desired());
        swatch(out, RUNNING_COLOR, "running " + last.running());
        int index = 0;
        for (String metric : metrics) {
            Double value = last.metrics().get(metric);
            swatch(out, METRIC_COLORS[index++ % METRIC_COLORS.length], metric + " "
                    + (value == null ? "no data" : String.format(Locale.ROOT, "%.1f", value) + unit(metric)));
        }
        out.append("</figcaption>\n");

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        out.append("<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(escape(service))
                .append(": tasks and metrics over the last hour\">\n")
                .append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(plotWidth).append("\" height=\"").append(plotHeight)
                .append("\" fill=\"none\" stroke=\"#ccc\"/>\n");
        label(out, LEFT - 4, TOP + plotHeight, "end", "0");
        label(out, LEFT - 4, TOP + 10, "end", maxCount + (maxCount == 1 ? " task" : " tasks"));
        label(out, LEFT + plotWidth + 4, TOP + plotHeight, "start", "0 %");
        label(out, LEFT + plotWidth + 4, TOP + 10, "start", String.format(Locale.ROOT, "%.0f %%", maxPercent));
        if (metrics.stream().anyMatch(AgentStatusPage::requests)) {
            label(out, LEFT + plotWidth + 4, TOP + 24, "start", String.format(Locale.ROOT, "%.0f", maxRequests)
                    + unit(AutoScaling.Metric.requestCountPerTarget.name()));
        }
        label(out, LEFT, HEIGHT - 6, "start", "an hour ago");
        label(out, LEFT + plotWidth / 2, HEIGHT - 6, "middle", "30 min ago");
        label(out, LEFT + plotWidth, HEIGHT - 6, "end", "now");

        Instant start = now.minus(AgentMetrics.HISTORY);
        series(out, "running", RUNNING_COLOR, points, p -> p.running() / (double) maxCount, start, "");
        // Dashed over running, so that both show where they agree.
        series(out, "desired", DESIRED_COLOR, points, p -> p.desired() / (double) maxCount, start,
                " stroke-dasharray=\"6 3\"");
        index = 0;
        for (String metric : metrics) {
            List<AgentMetrics.Point> measured = points.stream().filter(p -> p.metrics().containsKey(metric)).toList();
            series(out, metric, METRIC_COLORS[index++ % METRIC_COLORS.length], measured,
                    p -> p.metrics().get(metric) / (requests(metric) ? maxRequests : maxPercent), start, "");
        }
        out.append("</svg>\n</figure>\n");
    }

    private static boolean requests(String metric) {
        return metric.equals(AutoScaling.Metric.requestCountPerTarget.name());
    }

    private static String unit(String metric) {
        return requests(metric) ? " req/target/min" : " %";
    }

    /** The largest value of the request metric, or of the others. */
    private static double highest(List<AgentMetrics.Point> points, boolean ofRequests) {
        return points.stream().flatMap(p -> p.metrics().entrySet().stream())
                .filter(e -> requests(e.getKey()) == ofRequests).mapToDouble(Map.Entry::getValue).max().orElse(0);
    }

    /** One line of the plot, {@code height} from 0 to 1; its last point is marked, so that one alone shows. */
    private static void series(StringBuilder out, String name, String color, List<AgentMetrics.Point> points,
                               ToDoubleFunction<AgentMetrics.Point> height, Instant start, String style) {
        StringBuilder coordinates = new StringBuilder();
        String x = "";
        String y = "";
        for (AgentMetrics.Point point : points) {
            double fraction = Duration.between(start, point.at()).toMillis()
                    / (double) AgentMetrics.HISTORY.toMillis();
            x = String.format(Locale.ROOT, "%.1f", LEFT + fraction * (WIDTH - LEFT - RIGHT));
            y = String.format(Locale.ROOT, "%.1f",
                    TOP + (1 - height.applyAsDouble(point)) * (HEIGHT - TOP - BOTTOM));
            coordinates.append(coordinates.isEmpty() ? "" : " ").append(x).append(',').append(y);
        }
        out.append("<polyline class=\"series\" data-series=\"").append(escape(name))
                .append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\"").append(style)
                .append(" points=\"").append(coordinates).append("\"/>\n<circle cx=\"").append(x).append("\" cy=\"")
                .append(y).append("\" r=\"2.5\" fill=\"")
                .append(color).append("\"/>\n");
    }

    private static void label(StringBuilder out, int x, int y, String anchor, String text) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\">").append(escape(text)).append("</text>\n");
    }

    private static void swatch(StringBuilder out, String color, String text) {
        out.append("<span class=\"swatch\" style=\"background:").append(color).append("\"></span>")
                .append(escape(text));
    }

    private static String time(Instant at) {
        String text = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + text + "\">" + text + "</time>";
    }

    /** For text and attribute values alike. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
