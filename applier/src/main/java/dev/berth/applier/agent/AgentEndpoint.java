package dev.berth.applier.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The agent's HTTP endpoint, read-only: {@code /metrics} in Prometheus's text format,
 * {@code /healthz}, 200 while every stack had a round within the stale limit and 503 naming the
 * ones that did not, and a status page for people at {@code /} ({@link AgentStatusPage}).
 * Loopback by default; anything else answers 404.
 */
public final class AgentEndpoint implements AutoCloseable {
    private final HttpServer server;

    /**
     * @param stacks the stacks the agents watch, for /healthz and the page
     * @param stale  how old a stack's last round may be before the agent counts as stuck
     */
    public AgentEndpoint(InetSocketAddress address, AgentMetrics metrics, List<String> stacks, Duration stale,
                         Clock clock) throws IOException {
        Instant started = clock.instant();
        server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "text/plain", "only GET\n");
                } else if (path.equals("/metrics")) {
                    send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
                } else if (path.equals("/healthz")) {
                    Map<String, String> late = metrics.stale(stacks, stale, clock.instant(), started);
                    send(exchange, late.isEmpty() ? 200 : 503, "text/plain",
                            late.isEmpty() ? "ok\n" : "stuck: " + late + "\n");
                } else if (path.equals("/") || path.equals("/index.html")) {
                    // The page runs no script: should an escape be missed, a browser still runs nothing.
                    exchange.getResponseHeaders().set("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'");
                    send(exchange, 200, "text/html; charset=utf-8",
                            AgentStatusPage.render(metrics.snapshot(stacks, clock.instant())));
                } else {
                    send(exchange, 404, "text/plain", "not found: /, /metrics, /healthz\n");
                }
            }
        });
        server.start();
    }

    /** Where it listens (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
        if (!"HEAD".equals(exchange.getRequestMethod())) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
